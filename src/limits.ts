/**
 * Every limit on what nianbao reads, in one place, as data: its value and
 * unit, what it protects, and the diagnostic a hit becomes. Every input is
 * hostile until parsed; the readers check these on the raw input, before a
 * parser sees it, so that a hostile file gets its diagnostic in well under a
 * second and bounded memory instead of a stack overflow, minutes of CPU or
 * gigabytes. The README's table of limits and the catalogue entries (one
 * rule id per limit) are generated from this list (limit-messages.ts).
 */
import type { Stage } from './diagnostics/types.js'

const KiB = 1024
const MiB = 1024 * KiB

export type LimitUnit = 'bytes' | 'lines' | 'levels' | 'items' | 'chars' | 'ratio'

export interface LimitDefinition {
  /** Stable key, used by the API (`limits.fileBytes`, `ReadOptions.limits`). */
  key: LimitKey
  value: number
  unit: LimitUnit
  /** Diagnostic rule id of a hit (stable, never renamed). */
  ruleId: string
  /** Stage that checks it, and the `source` of its diagnostic. */
  stage: Extract<Stage, 'source' | 'import' | 'bundle'>
  /** The commands it protects. */
  appliesTo: string
  /** What is measured, the subject of the message: 「文件大小」. */
  measure: string
  measureEn: string
  /** What the limit protects against (the README's table). */
  protects: string
  protectsEn: string
  /** What to do about a hit. */
  hint: string
  hintEn: string
}

const REPORT = 'validate, build, preview, lsp, import'

/** The limits; the order is the README's. */
export const limitDefinitions = [
  // — report files: every command that reads a report, and the file import writes —
  {
    key: 'fileBytes',
    value: 512 * KiB,
    unit: 'bytes',
    ruleId: 'file-size-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '文件大小',
    measureEn: 'The file size',
    protects: '读入和解析整份文件的时间与内存',
    protectsEn: 'time and memory to read and parse the whole file',
    hint: '年度报告通常不到 100 KB：请确认这是正确的文件，或删去粘贴进正文的大段内容',
    hintEn: 'reports are usually under 100 KB: check that this is the right file, or remove large pasted content',
  },
  {
    key: 'fileLines',
    value: 10_000,
    unit: 'lines',
    ruleId: 'file-lines-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '文件行数',
    measureEn: 'The number of lines',
    protects: 'Markdown 解析的时间（每一行、每一段都有固定开销）',
    protectsEn: 'Markdown parsing time (every line and paragraph has a fixed cost)',
    hint: '年度报告通常只有几百行：请确认这是正确的文件，或删去粘贴进正文的大段内容',
    hintEn: 'reports usually have a few hundred lines: check that this is the right file, or remove large pasted content',
  },
  {
    key: 'frontMatterBytes',
    value: 64 * KiB,
    unit: 'bytes',
    ruleId: 'front-matter-size-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: 'YAML 前置数据的大小',
    measureEn: 'The size of the YAML front matter',
    protects: 'YAML 解析的时间与内存',
    protectsEn: 'YAML parsing time and memory',
    hint: '前置数据只写机关、年度和统计数字，通常不到 5 KB；叙述文字请写在正文中',
    hintEn: 'the front matter holds the agency, the year and the statistics, usually under 5 KB; put prose in the body',
  },
  {
    key: 'yamlDepth',
    value: 32,
    unit: 'levels',
    ruleId: 'yaml-depth-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: 'YAML 的嵌套层数',
    measureEn: 'The YAML nesting depth',
    protects: 'YAML 解析器的递归（几千层嵌套会使程序栈溢出）',
    protectsEn: 'the YAML parser’s recursion (thousands of levels overflow the stack)',
    hint: '报告的前置数据最多嵌套 3 层：请检查缩进、行首的 - 和括号 [ ] { } 是否多写或没有闭合',
    hintEn: 'a report’s front matter nests at most 3 levels: check the indentation, leading `-` and brackets [ ] { }',
  },
  {
    key: 'yamlNodes',
    value: 10_000,
    unit: 'items',
    ruleId: 'yaml-nodes-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: 'YAML 中键和值的个数',
    measureEn: 'The number of YAML keys and values',
    protects: 'YAML 解析的时间与内存（查重复键的时间随键数的平方增长）',
    protectsEn: 'YAML parsing time and memory (the duplicate-key check grows with the square of the keys)',
    hint: '一份报告约有 400 个键和值：请检查是否粘贴了多余的数据',
    hintEn: 'a report has about 400 keys and values: check for pasted data that does not belong',
  },
  {
    key: 'yamlAliasNodes',
    value: 1_000,
    unit: 'items',
    ruleId: 'yaml-aliases-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: 'YAML 别名（*名称）展开后增加的键和值',
    measureEn: 'The keys and values added by expanding YAML aliases (*name)',
    protects: '别名的成倍展开（几十个字符可展开成上亿个值，即“别名炸弹”）',
    protectsEn: 'exponential alias expansion (a few dozen characters can expand to billions of values)',
    hint: '报告不需要别名：请把 *名称 换成写出的数值',
    hintEn: 'reports need no aliases: write the values out instead of *name',
  },
  {
    key: 'yamlString',
    value: 1_000,
    unit: 'chars',
    ruleId: 'yaml-string-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: 'YAML 中最长的值',
    measureEn: 'The longest YAML value',
    protects: '标题、表格和 PDF 的排版',
    protectsEn: 'the layout of titles, tables and the PDF',
    hint: '机关名称、地区和索引号都很短：请检查引号是否没有闭合，或把长文字移到正文中',
    hintEn: 'agency names, regions and index numbers are short: check for an unclosed quote, or move long text to the body',
  },
  {
    key: 'markdownDepth',
    value: 16,
    unit: 'levels',
    ruleId: 'markdown-depth-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文中引用（>）和列表的嵌套层数',
    measureEn: 'The nesting depth of block quotes (>) and lists in the body',
    protects: 'Markdown 解析的时间（随层数成倍增长）和程序栈（上万层会栈溢出）',
    protectsEn: 'Markdown parsing time (multiplied by the depth) and the stack (ten thousand levels overflow it)',
    hint: '正文的列表和引用通常不超过 3 层：请检查行首的 >、列表符号（- * + 1.）和缩进',
    hintEn: 'lists and quotes in a report nest at most about 3 levels: check the leading >, list markers (- * + 1.) and indentation',
  },
  {
    key: 'markdownListItems',
    value: 2_000,
    unit: 'items',
    ruleId: 'markdown-list-items-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文中列表项（行首的 - * + 1. 等）的个数',
    measureEn: 'The number of list items (leading - * + 1. …) in the body',
    protects: 'Markdown 解析的时间（每个列表项开销大，嵌套时成倍增加）',
    protectsEn: 'Markdown parsing time (each list item is costly, more so when nested)',
    hint: '请确认这是正确的文件；长清单请改写成段落或表格',
    hintEn: 'check that this is the right file; write long inventories as paragraphs or a table',
  },
  {
    key: 'markdownBrackets',
    value: 1_000,
    unit: 'items',
    ruleId: 'markdown-brackets-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文中方括号「[」的个数（链接、脚注和引用定义都用它）',
    measureEn: 'The number of `[` brackets in the body (links, footnotes and definitions use them)',
    protects: '链接解析（未配对的方括号使解析时间随个数的平方增长）',
    protectsEn: 'link parsing (unmatched brackets make it grow with the square of their number)',
    hint: '作普通文字用的方括号可改为全角的【】或〔〕',
    hintEn: 'brackets meant as plain text can be written as full-width 【】 or 〔〕',
  },
  {
    key: 'markdownEntities',
    value: 5_000,
    unit: 'items',
    ruleId: 'markdown-entities-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文中字符实体（如 &amp; &#123;）的个数',
    measureEn: 'The number of character references (such as &amp; &#123;) in the body',
    protects: 'Markdown 解析的时间',
    protectsEn: 'Markdown parsing time',
    hint: '请直接写出字符本身，不用 &名称; 的写法',
    hintEn: 'write the characters themselves instead of &name; references',
  },
  {
    key: 'markdownSetextHeadings',
    value: 100,
    unit: 'items',
    ruleId: 'markdown-setext-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文中下划线式标题（文字的下一行全是 = 或 -）的个数',
    measureEn: 'The number of setext headings (a line of = or - under text) in the body',
    protects: 'Markdown 解析的时间（随这种标题的个数与文件长度的乘积增长）',
    protectsEn: 'Markdown parsing time (grows with their number times the length of the file)',
    hint: '标题请用 ## 的写法；--- 作分隔线时，请在它前面空一行',
    hintEn: 'write headings with ##; put a blank line before a --- meant as a rule',
  },
  {
    key: 'markdownBacktickRun',
    value: 32,
    unit: 'chars',
    ruleId: 'markdown-backticks-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文中最长的一串反引号「`」',
    measureEn: 'The longest run of backticks (`) in the body',
    protects: '行内代码的配对（每一种长度的反引号都要把整段查找一遍）',
    protectsEn: 'code span matching (every run length scans the whole paragraph)',
    hint: '报告正文不需要这么长的反引号：请删去多余的 `',
    hintEn: 'a report needs no such run of backticks: remove the extra `',
  },
  {
    key: 'markdownInlineMarks',
    value: 10_000,
    unit: 'items',
    ruleId: 'markdown-marks-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文中行内标记符号（* _ ~ ` < \\）的个数',
    measureEn: 'The number of inline markup characters (* _ ~ ` < \\) in the body',
    protects: 'Markdown 解析的时间（每个强调、代码、删除线、链接等标记的开销比普通文字大得多）',
    protectsEn: 'Markdown parsing time (each emphasis, code span, strikethrough or link costs far more than plain text)',
    hint: '中文报告很少需要这些符号：请删去多余的符号，或改用全角的 ＊ ＿ ～',
    hintEn: 'Chinese reports rarely need these characters: remove the extra ones or use the full-width ＊ ＿ ～',
  },
  {
    key: 'markdownTableCells',
    value: 10_000,
    unit: 'items',
    ruleId: 'markdown-table-cells-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文中表格竖线「|」的个数',
    measureEn: 'The number of table pipes (|) in the body',
    protects: '表格解析和 PDF 排版的时间',
    protectsEn: 'table parsing and PDF layout time',
    hint: '统计表写在前置数据中；正文中的大表格请拆分或删去',
    hintEn: 'the statistics belong in the front matter; split or remove large tables in the body',
  },
  // — import —
  {
    key: 'htmlDepth',
    value: 256,
    unit: 'levels',
    ruleId: 'import-html-depth-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: '网页元素的嵌套层数',
    measureEn: 'The nesting depth of the page’s elements',
    protects: '网页读取的递归（几千层嵌套会使程序栈溢出）',
    protectsEn: 'the HTML reader’s recursion (thousands of levels overflow the stack)',
    hint: '这不像正常的网页：请在浏览器中打开后另存为，或复制正文存为纯文本再导入',
    hintEn: 'this is not an ordinary web page: save it again from a browser, or copy the text into a .txt file',
  },
  // — bundle: nianbao verify —
  {
    key: 'bundleBytes',
    value: 64 * MiB,
    unit: 'bytes',
    ruleId: 'bundle-size-limit',
    stage: 'bundle',
    appliesTo: 'verify',
    measure: '发布包的大小（文件本身和解压后的合计）',
    measureEn: 'The bundle size (the file, and all members unpacked)',
    protects: '校验时的内存（整个发布包和它的成员都在内存中校验）',
    protectsEn: 'memory while verifying (the bundle and its members are checked in memory)',
    hint: 'nianbao 生成的发布包通常只有几 MB：请确认这是正确的文件，不要解压它',
    hintEn: 'bundles built by nianbao are a few MB: check that this is the right file and do not unpack it',
  },
  {
    key: 'bundleEntries',
    value: 64,
    unit: 'items',
    ruleId: 'bundle-entries-limit',
    stage: 'bundle',
    appliesTo: 'verify',
    measure: '发布包中的文件个数',
    measureEn: 'The number of members in the bundle',
    protects: '读取 zip 目录的时间与内存',
    protectsEn: 'time and memory to read the zip directory',
    hint: 'nianbao 生成的发布包只有 6 个文件：请确认这是正确的文件，不要解压它',
    hintEn: 'bundles built by nianbao hold 6 members: check that this is the right file and do not unpack it',
  },
  {
    key: 'bundleRatio',
    value: 200,
    unit: 'ratio',
    ruleId: 'bundle-ratio-limit',
    stage: 'bundle',
    appliesTo: 'verify',
    measure: '发布包中大于 1 MB 的成员的压缩比',
    measureEn: 'The compression ratio of a bundle member over 1 MB',
    protects: '“压缩炸弹”（很小的文件解压成巨大的数据）',
    protectsEn: 'zip bombs (a small file that inflates to huge data)',
    hint: '这不是 nianbao 生成的发布包：请不要解压它',
    hintEn: 'this is not a bundle built by nianbao: do not unpack it',
  },
  {
    key: 'bundleJsonBytes',
    value: 8 * MiB,
    unit: 'bytes',
    ruleId: 'bundle-json-size-limit',
    stage: 'bundle',
    appliesTo: 'verify',
    measure: '发布包中 JSON 文件（manifest.json、data.json）的大小',
    measureEn: 'The size of a JSON member (manifest.json, data.json) of the bundle',
    protects: '解析 JSON 的内存',
    protectsEn: 'memory to parse the JSON',
    hint: 'nianbao 生成的 data.json 通常只有几百 KB：请确认这是正确的文件',
    hintEn: 'data.json built by nianbao is a few hundred KB: check that this is the right file',
  },
] as const satisfies readonly (Omit<LimitDefinition, 'key'> & { key: string })[]

export type LimitKey = (typeof limitDefinitions)[number]['key']

/** Limit values by key. */
export type LimitValues = Record<LimitKey, number>

/** The value of every limit, by key (`limits.fileBytes`). */
export const limits: Readonly<LimitValues> = Object.freeze(
  Object.fromEntries(limitDefinitions.map((d) => [d.key, d.value])) as LimitValues,
)

/** Entries above this size are checked against `bundleRatio` (small files may compress well). */
export const BUNDLE_RATIO_FLOOR = 1 * MiB

const byKey = new Map<string, LimitDefinition>(limitDefinitions.map((d) => [d.key, d as LimitDefinition]))

export function limitDefinition(key: LimitKey): LimitDefinition {
  return byKey.get(key)!
}

/** The default limits with some lowered or raised (`undefined` keeps the default). */
export function resolveLimits(overrides: Partial<LimitValues> = {}): LimitValues {
  const values = { ...limits }
  for (const [key, value] of Object.entries(overrides)) {
    if (byKey.has(key) && typeof value === 'number' && Number.isFinite(value) && value >= 0) values[key as LimitKey] = value
  }
  return values
}

/** One limit that an input goes beyond: which, by how much, and where (an offset in the input text). */
export interface LimitHit {
  key: LimitKey
  actual: number
  /** Offset in the text where the limit is first exceeded, when there is a place. */
  offset?: number
  /** Where in a bundle (a member name), when the place is not a text offset. */
  entry?: string
}

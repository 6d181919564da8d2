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

export type LimitUnit = 'bytes' | 'lines' | 'levels' | 'items' | 'chars' | 'ratio' | 'pages' | 'ms'

export interface LimitDefinition {
  /** Stable key, used by the API (`limits.fileBytes`, `ReadOptions.limits`). */
  key: LimitKey
  value: number
  unit: LimitUnit
  /** Diagnostic rule id of a hit (stable, never renamed). */
  ruleId: string
  /** Stage that checks it, and the `source` of its diagnostic. */
  stage: Extract<Stage, 'source' | 'import' | 'template' | 'bundle' | 'editor'>
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
    key: 'markdownTreeDepth',
    value: 100,
    unit: 'levels',
    ruleId: 'markdown-nesting-limit',
    stage: 'source',
    appliesTo: REPORT,
    measure: '正文解析后的嵌套层数（引用、列表、强调、链接等层层套叠）',
    measureEn: 'The nesting depth of the parsed body (quotes, lists, emphasis, links inside one another)',
    protects: '程序栈：检查、引用替换和各种输出都逐层处理正文（上千层强调 **…** 会栈溢出）',
    protectsEn: 'the stack: checking, references and every output walk the body level by level (thousands of nested **…** overflow it)',
    hint: '正文通常不超过 10 层：请检查成串的 * _ ~ 和 [ ] 是否成对多余',
    hintEn: 'a report body nests at most about 10 levels: look for long runs of * _ ~ or [ ] that pair up by accident',
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
    measure: '正文中方括号「[」或「]」的个数（分别计数；链接、脚注和引用定义都用它）',
    measureEn: 'The number of `[` brackets, or of `]` brackets, in the body (links, footnotes and definitions use them)',
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
  // — import: what the importer reads (a limit hit is the limit's own diagnostic, never a crash) —
  {
    key: 'importFileBytes',
    value: 64 * MiB,
    unit: 'bytes',
    ruleId: 'import-file-size-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: '导入文件的大小',
    measureEn: 'The size of the imported file',
    protects: '读入整个文件的内存',
    protectsEn: 'memory to read the whole file',
    hint: '年度报告的文件通常不到 10 MB：请确认这是正确的文件',
    hintEn: 'report files are usually under 10 MB: check that this is the right file',
  },
  {
    key: 'importTextChars',
    value: 8 * MiB,
    unit: 'chars',
    ruleId: 'import-text-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: '导入的文本或网页的字符数',
    measureEn: 'The number of characters of the imported text or web page',
    protects: '识别报告结构的时间与内存',
    protectsEn: 'time and memory to recognise the report’s structure',
    hint: '年度报告通常约一万字：请确认这是正确的文件',
    hintEn: 'reports are usually about 10,000 characters: check that this is the right file',
  },
  {
    key: 'importLines',
    value: 100_000,
    unit: 'lines',
    ruleId: 'import-lines-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: '导入文件读出的行数',
    measureEn: 'The number of lines read from the imported file',
    protects: '识别报告结构的时间（每一行都要与各节标题和表格行比对）',
    protectsEn: 'recognition time (every line is compared with the section headings and table rows)',
    hint: '年度报告通常只有几百行：请确认这是正确的文件',
    hintEn: 'reports usually have a few hundred lines: check that this is the right file',
  },
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
  {
    key: 'pdfPages',
    value: 200,
    unit: 'pages',
    ruleId: 'import-pdf-pages-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: 'PDF 的页数',
    measureEn: 'The number of pages of the PDF',
    protects: '读取 PDF 文字的时间与内存',
    protectsEn: 'time and memory to read the PDF’s text',
    hint: '年度报告通常只有十几页：请确认这是正确的文件',
    hintEn: 'reports usually have a dozen pages or so: check that this is the right file',
  },
  {
    key: 'pdfItems',
    value: 200_000,
    unit: 'items',
    ruleId: 'import-pdf-items-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: 'PDF 中文字片段的个数',
    measureEn: 'The number of text items in the PDF',
    protects: '读取 PDF 文字的时间与内存',
    protectsEn: 'time and memory to read the PDF’s text',
    hint: '年度报告通常只有几千个文字片段：请确认这是正确的文件',
    hintEn: 'reports usually have a few thousand text items: check that this is the right file',
  },
  {
    key: 'pdfMillis',
    value: 10_000,
    unit: 'ms',
    ruleId: 'import-pdf-time-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: '读取 PDF 的时间',
    measureEn: 'The time to read the PDF',
    protects: '导入不会卡住（读取 PDF 的线程到时即停止）',
    protectsEn: 'import never hangs (the thread reading the PDF is stopped in time)',
    hint: '文件可能已损坏：请用 PDF 阅读器打开后另存一份，或复制文字存为纯文本再导入',
    hintEn: 'the file may be damaged: save it again from a PDF reader, or copy the text into a .txt file',
  },
  {
    key: 'pdfStreamBytes',
    value: 64 * MiB,
    unit: 'bytes',
    ruleId: 'import-pdf-inflate-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: 'PDF 中压缩数据解压后的大小',
    measureEn: 'The size of the PDF’s compressed streams once inflated',
    protects: '“压缩炸弹”（很小的文件解压成巨大的数据）',
    protectsEn: 'zip bombs (a small file that inflates to huge data)',
    hint: '文件可能已损坏或是“压缩炸弹”：请确认这是正确的文件',
    hintEn: 'the file may be damaged or a zip bomb: check that this is the right file',
  },
  {
    key: 'pdfMemoryBytes',
    value: 384 * MiB,
    unit: 'bytes',
    ruleId: 'import-pdf-memory-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: '读取 PDF 所需的内存',
    measureEn: 'The memory needed to read the PDF',
    protects: '内存（读取 PDF 的线程到上限即停止）',
    protectsEn: 'memory (the thread reading the PDF is stopped at the limit)',
    hint: '文件可能已损坏或含有异常的压缩数据：请用 PDF 阅读器打开后另存一份',
    hintEn: 'the file may be damaged or hold unusual compressed data: save it again from a PDF reader',
  },
  {
    key: 'docxBytes',
    value: 32 * MiB,
    unit: 'bytes',
    ruleId: 'import-docx-size-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: 'Word 文档（.docx）中 XML 部分解压后的大小',
    measureEn: 'The size of the XML parts of the Word document (.docx) once inflated',
    protects: '“压缩炸弹”（很小的文件解压成巨大的数据；图片等不计入，也不读取）',
    protectsEn: 'zip bombs (a small file that inflates to huge data; pictures are neither counted nor read)',
    hint: '文件可能已损坏或是“压缩炸弹”：请在 Word 中打开后另存一份',
    hintEn: 'the file may be damaged or a zip bomb: open it in Word and save a new copy',
  },
  {
    key: 'docxEntries',
    value: 2_000,
    unit: 'items',
    ruleId: 'import-docx-entries-limit',
    stage: 'import',
    appliesTo: 'import',
    measure: 'Word 文档（.docx）中的文件个数',
    measureEn: 'The number of members of the Word document (.docx)',
    protects: '读取 zip 目录的时间与内存',
    protectsEn: 'time and memory to read the zip directory',
    hint: 'Word 文档通常只有几十个部分：请在 Word 中打开后另存一份',
    hintEn: 'Word documents hold a few dozen parts: open it in Word and save a new copy',
  },
  // — editor: the language server (nianbao lsp) —
  {
    key: 'editorDocumentChars',
    value: 1 * MiB,
    unit: 'chars',
    ruleId: 'document-size-limit',
    stage: 'editor',
    appliesTo: 'lsp',
    measure: '编辑器中文档的字符数',
    measureEn: 'The number of characters of the document in the editor',
    protects: '编辑器的响应（超过上限的文档不作检查）',
    protectsEn: 'the editor’s responsiveness (a larger document is not checked)',
    hint: '文档未作检查：报告通常约一万字，请检查是否粘贴了多余内容',
    hintEn: 'the document was not checked; a report is usually about 10,000 characters — check for pasted content',
  },
  {
    key: 'editorAnalysisMillis',
    value: 10_000,
    unit: 'ms',
    ruleId: 'analysis-time-limit',
    stage: 'editor',
    appliesTo: 'lsp',
    measure: '编辑器内一次校验的时间',
    measureEn: 'The time of one check in the editor',
    protects: '编辑器的响应（校验的线程到时即停止并换新）',
    protectsEn: 'the editor’s responsiveness (the checking thread is stopped and replaced in time)',
    hint: '已停止：文档中可能有极深的嵌套或大量括号，请检查最近的修改',
    hintEn: 'it was stopped; the document may hold very deep nesting or masses of brackets — check the latest edit',
  },
  // — the page the templates make, read again for the PDF and the Word file —
  {
    key: 'mergedHtmlDepth',
    value: 256,
    unit: 'levels',
    ruleId: 'template-html-depth-limit',
    stage: 'template',
    appliesTo: 'build, preview',
    measure: '模板生成的网页的元素嵌套层数',
    measureEn: 'The nesting depth of the elements of the page the templates make',
    protects: '生成 PDF 和 Word 时的递归（几千层嵌套会使程序栈溢出）',
    protectsEn: 'the recursion of the PDF and Word renderers (thousands of levels overflow the stack)',
    hint: '官方模板不到 20 层：请检查自定义模板（templates/ 或 --templates）中是否有没有闭合的元素或自我嵌套的片段',
    hintEn: 'the official templates stay under 20 levels: check your own templates (templates/ or --templates) for unclosed elements or partials that nest themselves',
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
  /** The figure, when it was measured; a reader stopped at the limit (a time, a truncated read) knows only that it is over. */
  actual?: number
  /** Offset in the text where the limit is first exceeded, when there is a place. */
  offset?: number
  /** Where in a bundle (a member name), when the place is not a text offset. */
  entry?: string
}

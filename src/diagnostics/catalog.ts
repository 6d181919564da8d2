/**
 * The catalogue of every diagnostic nianbao emits. Rule ids are permanent
 * (never renamed) and name the expectation, not the failure. Message
 * functions take parameters already formatted and never include a position.
 * `docs/rules.md` and the "every rule has fixtures" test are built from it.
 */
import { limitCatalogEntries } from '../limit-messages.js'
import type { Severity, Stage } from './types.js'

export type Params = Record<string, string | number>

export interface CatalogEntry {
  ruleId: string
  source: Stage
  severity: Severity
  /** One line for the rule reference. */
  title: string
  zh: (p: Params) => string
  en: (p: Params) => string
  /** Whether `test/fixtures/rules/<id>/{ok,not-ok}.md` must exist. */
  fixtures: boolean
}

const entries: CatalogEntry[] = [
  // — source: reading the file —
  {
    ruleId: 'file-readable',
    source: 'source',
    severity: 'error',
    title: '文件可读取',
    zh: (p) => `无法读取文件：${p.reason}`,
    en: (p) => `Cannot read the file: ${p.reasonEn ?? p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'text-encoding',
    source: 'source',
    severity: 'error',
    title: '文件为 UTF-8 文本',
    zh: (p) => `意外的${p.kind}，应为 UTF-8 编码的文本文件；如为 GBK 编码，请另存为 UTF-8`,
    en: (p) => `Unexpected ${p.kindEn}, expected a UTF-8 text file; save GBK files as UTF-8`,
    fixtures: true,
  },
  {
    ruleId: 'utf8-without-bom',
    source: 'source',
    severity: 'warning',
    title: 'UTF-8 文件不带 BOM',
    zh: () => '文件以 UTF-8 BOM 开头，已忽略；建议保存为不带 BOM 的 UTF-8',
    en: () => 'The file starts with a UTF-8 byte order mark, ignored; save as UTF-8 without BOM',
    fixtures: true,
  },
  {
    ruleId: 'front-matter-present',
    source: 'source',
    severity: 'error',
    title: '文件以 YAML 前置数据开头',
    zh: (p) =>
      p.empty
        ? '意外的空文件，应以 `---` 开头的 YAML 前置数据（机关、年度和统计数据）开始'
        : '缺少 YAML 前置数据：文件应以 `---` 行开头，写明机关、年度和统计数据，再以 `---` 行结束',
    en: (p) =>
      p.empty
        ? 'Unexpected empty file, expected YAML front matter starting with `---`'
        : 'Missing YAML front matter: the file must start with a `---` line, the statistics, and a closing `---` line',
    fixtures: true,
  },
  {
    ruleId: 'front-matter-closed',
    source: 'source',
    severity: 'error',
    title: 'YAML 前置数据以 `---` 结束',
    zh: () => '前置数据没有结束：在统计数据之后、正文之前加一行 `---`',
    en: () => 'Unclosed front matter: add a `---` line after the statistics, before the body',
    fixtures: true,
  },
  {
    ruleId: 'yaml-syntax',
    source: 'source',
    severity: 'error',
    title: 'YAML 语法正确',
    zh: (p) => `YAML 语法错误：${p.reason}`,
    en: (p) => `YAML syntax error: ${p.reasonEn}`,
    fixtures: true,
  },
  // — schema —
  {
    ruleId: 'required-key',
    source: 'schema',
    severity: 'error',
    title: '必填项齐全',
    zh: (p) => `缺少必填项 \`${p.key}\`（${p.label}）`,
    en: (p) => `Missing required key \`${p.key}\` (${p.label})`,
    fixtures: true,
  },
  {
    ruleId: 'known-key',
    source: 'schema',
    severity: 'error',
    title: '不使用格式未定义的键',
    zh: (p) => `意外的键 \`${p.key}\`，${p.where}中没有此项${p.suggestion ? `；是否应为 \`${p.suggestion}\`（${p.suggestionLabel}）？` : `；可用的键：${p.allowed}`}`,
    en: (p) => `Unexpected key \`${p.key}\` in ${p.whereEn}${p.suggestion ? `, did you mean \`${p.suggestion}\` (${p.suggestionLabel})?` : `; allowed: ${p.allowed}`}`,
    fixtures: true,
  },
  {
    ruleId: 'value-type',
    source: 'schema',
    severity: 'error',
    title: '值的类型符合格式',
    zh: (p) => `${p.label}：意外的${p.actual}，应为${p.expected}`,
    en: (p) => `${p.label}: unexpected ${p.actualEn}, expected ${p.expectedEn}`,
    fixtures: true,
  },
  {
    ruleId: 'count-non-negative-integer',
    source: 'schema',
    severity: 'error',
    title: '件数为非负整数',
    zh: (p) => `${p.label}：意外的 ${p.actual}，件数应为非负整数`,
    en: (p) => `${p.label}: unexpected ${p.actual}, expected a non-negative whole number`,
    fixtures: true,
  },
  {
    ruleId: 'amount-non-negative',
    source: 'schema',
    severity: 'error',
    title: '金额为非负数',
    zh: (p) => `${p.label}：意外的 ${p.actual}，金额应为非负数（单位：${p.unit}）`,
    en: (p) => `${p.label}: unexpected ${p.actual}, expected a non-negative amount (${p.unit})`,
    fixtures: true,
  },
  {
    ruleId: 'number-not-text',
    source: 'schema',
    severity: 'error',
    title: '数值不带单位或文字',
    zh: (p) => `${p.label}：意外的文本 "${p.actual}"，应为数字${p.hint ? `（${p.hint}）` : ''}；请只写数字，不写单位或说明`,
    en: (p) => `${p.label}: unexpected text "${p.actual}", expected a number${p.hintEn ? ` (${p.hintEn})` : ''}; write the number only`,
    fixtures: true,
  },
  {
    ruleId: 'fullwidth-digit',
    source: 'schema',
    severity: 'error',
    title: '数字使用半角',
    zh: (p) => `${p.label}：意外的全角数字 "${p.actual}"，应为半角数字 ${p.expected}`,
    en: (p) => `${p.label}: unexpected full-width digits "${p.actual}", expected ASCII digits ${p.expected}`,
    fixtures: true,
  },
  {
    ruleId: 'list-length',
    source: 'schema',
    severity: 'error',
    title: '每行的数值个数符合表格列数',
    zh: (p) => `${p.label}：意外的 ${p.actual} 个数值，应为 ${p.expected}（${p.columns}）`,
    en: (p) => `${p.label}: unexpected ${p.actual} values, expected ${p.expected} (${p.columns})`,
    fixtures: true,
  },
  {
    ruleId: 'meta-value',
    source: 'schema',
    severity: 'error',
    title: '报告信息取值有效',
    zh: (p) => `${p.label}：意外的 ${p.actual}，应为${p.expected}`,
    en: (p) => `${p.label}: unexpected ${p.actual}, expected ${p.expectedEn}`,
    fixtures: true,
  },
  {
    ruleId: 'blank-cell',
    source: 'schema',
    severity: 'warning',
    title: '单元格已填写（空白不等于 0）',
    zh: (p) => `${p.label}为空白：空白不等于 0，请填写数字；无此项请填 0`,
    en: (p) => `${p.label} is blank: blank is not zero; fill in a number, 0 if there were none`,
    fixtures: true,
  },
  // — rules: tables —
  {
    ruleId: 'requests-balance',
    source: 'rules',
    severity: 'error',
    title: '表三：一 + 二 = （七）总计 + 四（每一列）',
    zh: (p) => `${p.column}列：一+二=${p.left}，（七）+四=${p.right}，两者应相等`,
    en: (p) => `${p.columnEn} column: 一+二=${p.left}, （七）+四=${p.right}, expected equal`,
    fixtures: true,
  },
  {
    ruleId: 'total-row-equals-sum',
    source: 'rules',
    severity: 'error',
    title: '表三：（七）总计 = 各办理结果之和（每一列）',
    zh: (p) => `${p.column}列：（七）总计为 ${p.actual}，各办理结果之和为 ${p.expected}`,
    en: (p) => `${p.columnEn} column: （七）总计 is ${p.actual}, the results add up to ${p.expected}`,
    fixtures: true,
  },
  {
    ruleId: 'total-column-equals-sum',
    source: 'rules',
    severity: 'error',
    title: '总计 = 各列之和（表三每一行、表四每一组）',
    zh: (p) => `${p.row}：总计为 ${p.actual}，${p.terms}之和为 ${p.expected}`,
    en: (p) => `${p.row}: total is ${p.actual}, ${p.termsEn} add up to ${p.expected}`,
    fixtures: true,
  },
  {
    ruleId: 'rule-checkable',
    source: 'rules',
    severity: 'warning',
    title: '勾稽关系所需单元格均已填写',
    zh: (p) => `无法核对“${p.rule}”（${p.where}）：${p.cells}为空白`,
    en: (p) => `Could not check "${p.ruleEn}" (${p.whereEn}): ${p.cellsEn} blank`,
    fixtures: true,
  },
  {
    ruleId: 'format-matches-year',
    source: 'rules',
    severity: 'warning',
    title: '格式与报告年度相符',
    zh: (p) => `${p.year} 年度报告使用了 ${p.used}（${p.usedDoc}）格式，该年度应使用 ${p.expected}（${p.expectedDoc}）`,
    en: (p) => `The ${p.year} report uses ${p.used} (${p.usedDoc}), expected ${p.expected} (${p.expectedDoc}) for that year`,
    fixtures: true,
  },
  {
    ruleId: 'regulation-making-level',
    source: 'rules',
    severity: 'warning',
    title: '县、乡级机关不报告规章',
    zh: (p) => `${p.levelLabel}机关无权制定规章，但${p.label}填报了 ${p.actual}；请核对是否应填入行政规范性文件`,
    en: (p) => `A ${p.level} agency cannot make 规章 (rules), but ${p.label} reports ${p.actual}; check whether these belong to 行政规范性文件`,
    fixtures: true,
  },
  {
    ruleId: 'file-name-matches-year',
    source: 'rules',
    severity: 'warning',
    title: '文件名与报告年度一致',
    zh: (p) => `文件名为 ${p.name}，但 year 为 ${p.year}`,
    en: (p) => `The file is named ${p.name} but year is ${p.year}`,
    fixtures: true,
  },
  // — rules: sections —
  {
    ruleId: 'section-required',
    source: 'rules',
    severity: 'error',
    title: '一、五、六部分有文字内容',
    zh: (p) => (p.missing ? `缺少第${p.numeral}部分“${p.title}”：请添加二级标题 \`## ${p.numeral}、${p.title}\` 并填写内容` : `第${p.numeral}部分“${p.title}”没有文字内容`),
    en: (p) => (p.missing ? `Missing section ${p.numeral} "${p.title}": add a level-2 heading \`## ${p.numeral}、${p.title}\` with text` : `Section ${p.numeral} "${p.title}" has no text`),
    fixtures: true,
  },
  {
    ruleId: 'section-order',
    source: 'rules',
    severity: 'warning',
    title: '六部分按官方顺序排列',
    zh: (p) => `第${p.numeral}部分“${p.title}”出现在第${p.previousNumeral}部分之后，应按一至六的顺序排列`,
    en: (p) => `Section ${p.numeral} "${p.title}" comes after section ${p.previousNumeral}, expected the official order 一 to 六`,
    fixtures: true,
  },
  {
    ruleId: 'section-heading',
    source: 'rules',
    severity: 'warning',
    title: '二级标题对应官方的六个部分',
    zh: (p) =>
      p.kind === 'unknown'
        ? `无法识别的二级标题“${p.text}”，应为六个部分之一（如 \`## 一、总体情况\`）；小标题请用三级标题 \`###\``
        : p.kind === 'duplicate'
          ? `第${p.numeral}部分“${p.title}”重复出现`
          : `标题编号“${p.actual}”与“${p.title}”不符，应为“${p.numeral}”`,
    en: (p) =>
      p.kind === 'unknown'
        ? `Unrecognised level-2 heading "${p.text}", expected one of the six sections; use \`###\` for sub-headings`
        : p.kind === 'duplicate'
          ? `Section ${p.numeral} "${p.title}" appears twice`
          : `Heading numeral "${p.actual}" does not match "${p.title}", expected "${p.numeral}"`,
    fixtures: true,
  },
  {
    ruleId: 'fee-reported',
    source: 'rules',
    severity: 'warning',
    title: '第六部分报告信息处理费收取情况',
    zh: () => '第六部分未提及信息处理费：按国办公开办函〔2021〕30号，收取信息处理费的情况应在此报告（未收取也应写明）',
    en: () => 'Section 六 does not mention 信息处理费: the 2021 format requires reporting fees here, even when none were charged',
    fixtures: true,
  },
  {
    ruleId: 'overview-length',
    source: 'rules',
    severity: 'warning',
    title: '第一部分原则上不超过一千字',
    zh: (p) => `第一部分“总体情况”有 ${p.actual} 字，格式要求篇幅原则上不超过 ${p.expected} 字`,
    en: (p) => `Section 一 has ${p.actual} characters, the format caps it at ${p.expected} in principle`,
    fixtures: true,
  },
  {
    ruleId: 'narrative-matches-table',
    source: 'rules',
    severity: 'warning',
    title: '正文中的数字与表格一致',
    zh: (p) => `正文“${p.quote}”写作 ${p.stated}，与表格不符：${p.compared}；请核对正文或表格，或改写为引用 {${p.name}}，数字只填一次`,
    en: (p) => `The text "${p.quote}" states ${p.stated}, but the tables say otherwise: ${p.comparedEn}; check the text or the table, or write the reference {${p.name}} so the number is written once`,
    fixtures: true,
  },
  // — rules: references to the tables in the narrative ({收到申请}) —
  {
    ruleId: 'reference-name-known',
    source: 'rules',
    severity: 'error',
    title: '正文引用的名称存在',
    zh: (p) =>
      p.reason === 'ambiguous'
        ? `引用“${p.raw}”可指多张表的单元格，请写明表名，如 {表三 ${p.name}}`
        : p.reason === 'absent'
          ? `引用“${p.raw}”在 ${p.format} 格式中没有对应的单元格，请改写为数字或删去`
          : `意外的引用名“${p.name}”${p.suggestion ? `，是否应为 {${p.suggestion}}？` : '。'}可用的名称见 docs/references.md（如 {收到申请}、{表三 三（三）1 自然人}）；花括号本身请写作 \\{`,
    en: (p) =>
      p.reason === 'ambiguous'
        ? `Reference "${p.raw}" fits cells of several tables; name the table, e.g. {表三 ${p.name}}`
        : p.reason === 'absent'
          ? `Reference "${p.raw}" has no cell in format ${p.format}; write the number or remove it`
          : `Unexpected reference name "${p.name}"${p.suggestion ? `, did you mean {${p.suggestion}}?` : '.'} The names are listed in docs/references.md (e.g. {收到申请}, {表三 三（三）1 自然人}); write \\{ for a literal brace`,
    fixtures: true,
  },
  {
    ruleId: 'reference-value-known',
    source: 'rules',
    severity: 'warning',
    title: '正文引用的数值已知',
    zh: (p) => `引用“${p.raw}”的值未知：${p.reason === 'zero' ? `${p.name}的分母为 0` : p.reason === 'blank' ? '所需单元格为空白' : '所需单元格不是有效数字'}；正文中印作“${p.blank}”`,
    en: (p) =>
      `The value of reference "${p.raw}" is unknown: ${p.reason === 'zero' ? 'its denominator is 0' : p.reason === 'blank' ? 'a cell it needs is blank' : 'a cell it needs is not a valid number'}; printed as "${p.blank}"`,
    fixtures: true,
  },
  // — rules: across years —
  {
    ruleId: 'carried-over-matches-last-year',
    source: 'rules',
    severity: 'error',
    title: '二（上年结转）等于上年报告的四（结转下年度）',
    zh: (p) => `${p.column}列：上年结转为 ${p.actual}，${p.lastYear} 年报告的“结转下年度继续办理”为 ${p.expected}`,
    en: (p) => `${p.columnEn} column: carried over is ${p.actual}, the ${p.lastYear} report carried forward ${p.expected}`,
    fixtures: true,
  },
  {
    ruleId: 'in-force-continuity',
    source: 'rules',
    severity: 'warning',
    title: '现行有效件数 = 上年现行有效 + 本年制发 − 本年废止',
    zh: (p) => `${p.label}现行有效件数为 ${p.actual}，按上年 ${p.previous} + 本年制发 ${p.issued} − 本年废止 ${p.repealed} 应为 ${p.expected}`,
    en: (p) => `${p.label} in force is ${p.actual}; last year's ${p.previous} + issued ${p.issued} − repealed ${p.repealed} gives ${p.expected}`,
    fixtures: true,
  },
  {
    ruleId: 'improvements-not-repeated',
    source: 'rules',
    severity: 'warning',
    title: '第五部分不与上年雷同',
    zh: (p) => `第五部分与 ${p.lastYear} 年报告的相似度为 ${p.similarity}%，格式要求不得出现年年雷同`,
    en: (p) => `Section 五 is ${p.similarity}% similar to the ${p.lastYear} report; the format forbids repeating it year after year`,
    fixtures: true,
  },
  // — template and render —
  {
    ruleId: 'template-field-known',
    source: 'template',
    severity: 'error',
    title: '模板只引用存在的字段',
    zh: (p) => `模板 ${p.template} 引用了不存在的字段 \`${p.field}\``,
    en: (p) => `Template ${p.template} names the missing field \`${p.field}\``,
    fixtures: false,
  },
  {
    ruleId: 'template-valid',
    source: 'template',
    severity: 'error',
    title: '模板语法正确',
    zh: (p) => `模板 ${p.template} 有误：${p.reason}`,
    en: (p) => `Template ${p.template} is invalid: ${p.reason}`,
    fixtures: false,
  },
  // — pdf —
  {
    ruleId: 'pdf-html-subset',
    source: 'pdf',
    severity: 'warning',
    title: 'PDF 只排版文档规定的 HTML 子集',
    zh: (p) => `PDF 不支持 HTML 元素 <${p.tag}>，已按普通文字排版；请在模板中改用 docs/html-subset.md 列出的元素`,
    en: (p) => `The PDF does not support the HTML element <${p.tag}>; its text was set as plain text. Use the elements listed in docs/html-subset.md`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-font-file',
    source: 'pdf',
    severity: 'error',
    title: '配置的字体文件存在且可用',
    zh: (p) => `字体文件 ${p.path}（pdf.fonts.${p.role}）无法使用：${p.reason}；请检查 ${p.config} 中的路径`,
    en: (p) => `Font file ${p.path} (pdf.fonts.${p.role}) cannot be used: ${p.reasonEn}; check the path in ${p.config}`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-config-valid',
    source: 'pdf',
    severity: 'error',
    title: 'nianbao.config 配置正确',
    zh: (p) => `配置文件 ${p.config} 有误：${p.reason}`,
    en: (p) => `The configuration file ${p.config} is invalid: ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-table-fits-page',
    source: 'pdf',
    severity: 'warning',
    title: '表格可按合并单元格组分页',
    zh: (p) => `表格“${p.table}”有 ${p.groups} 部分高于一页（合并单元格组过高），跨页处可能截断；请缩短行标题文字`,
    en: (p) => `Table "${p.table}" has ${p.groups} part(s) taller than a page (a merged row group is too tall) and may be cut at a page break; shorten the row labels`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-heading-moves',
    source: 'pdf',
    severity: 'warning',
    title: '标题不落在页尾',
    zh: (p) => `已将 ${p.moves} 个落在页尾的标题移到下一页，其余标题未再调整（每次调整都要重排全文）；正文中的短小节过多，请合并`,
    en: (p) => `${p.moves} headings at a page foot were moved to the next page; the others were left in place (each move lays out the whole document again); the body has too many short sections: merge them`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-render',
    source: 'pdf',
    severity: 'error',
    title: 'PDF 排版成功',
    zh: (p) => `PDF 排版失败：${p.reason}`,
    en: (p) => `PDF layout failed: ${p.reason}`,
    fixtures: false,
  },
  // — bundle: nianbao verify —
  {
    ruleId: 'bundle-readable',
    source: 'bundle',
    severity: 'error',
    title: '发布包可读取',
    zh: (p) => `无法读取发布包：${p.reason}`,
    en: (p) => `Cannot read the bundle: ${p.reasonEn}`,
    fixtures: false,
  },
  {
    ruleId: 'bundle-zip-valid',
    source: 'bundle',
    severity: 'error',
    title: '发布包是完好的 zip 文件',
    zh: (p) => `发布包不是完好的 zip 文件：${p.reason}`,
    en: (p) => `The bundle is not a sound zip file: ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'bundle-entry-safe',
    source: 'bundle',
    severity: 'error',
    title: '发布包不含路径穿越、绝对路径或链接',
    zh: (p) => `拒绝处理发布包：条目 ${p.file} 不安全（${p.reason}）`,
    en: (p) => `Refused: entry ${p.file} is unsafe (${p.reason})`,
    fixtures: false,
  },
  // bundle-size-limit, bundle-entries-limit, …: one entry per limit, from src/limits.ts (below).
  {
    ruleId: 'bundle-entry-intact',
    source: 'bundle',
    severity: 'error',
    title: '发布包中的文件完好',
    zh: (p) => `发布包中的 ${p.file} 已被改动或损坏：${p.reason}`,
    en: (p) => `${p.file} in the bundle was changed or is damaged: ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'bundle-manifest-valid',
    source: 'bundle',
    severity: 'error',
    title: 'manifest.json 完整有效',
    zh: (p) => `manifest.json 无效：${p.reason}`,
    en: (p) => `manifest.json is invalid: ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'bundle-file-present',
    source: 'bundle',
    severity: 'error',
    title: '发布包含有全部文件',
    zh: (p) => `发布包缺少 ${p.file}`,
    en: (p) => `The bundle has no ${p.file}`,
    fixtures: false,
  },
  {
    ruleId: 'bundle-file-listed',
    source: 'bundle',
    severity: 'error',
    title: '发布包中的每个文件都列入 manifest.json',
    zh: (p) => `发布包中的 ${p.file} 未列入 manifest.json`,
    en: (p) => `${p.file} is in the bundle but not listed in manifest.json`,
    fixtures: false,
  },
  {
    ruleId: 'bundle-hash-matches',
    source: 'bundle',
    severity: 'error',
    title: '文件的大小和 SHA-256 与 manifest.json 一致',
    zh: (p) => `${p.file} 与 manifest.json 记录的${p.what}不符，文件已被改动`,
    en: (p) => `${p.file} does not match the ${p.whatEn} recorded in manifest.json; the file was changed`,
    fixtures: false,
  },
  {
    ruleId: 'bundle-data-schema',
    source: 'bundle',
    severity: 'error',
    title: 'data.json 符合其 JSON Schema',
    zh: (p) => `data.json 不符合 schema/data.schema.json：${p.reason}`,
    en: (p) => `data.json does not match schema/data.schema.json: ${p.reason}`,
    fixtures: false,
  },
  // — import: nianbao import —
  // — rules: a draft still being filled in (nianbao new) —
  {
    ruleId: 'report-filled-in',
    source: 'rules',
    severity: 'warning',
    title: '报告已填写完整（草稿中大量待填的单元格与待写的部分汇总为一条）',
    zh: (p) =>
      p.cells
        ? `还有 ${p.cells} 个单元格待填写（~）：${p.tables}${p.sectionCount ? `；第${p.sections}部分待撰写` : ''}；空白不等于 0，没有的填 0，勾稽关系在填完后核对`
        : `第${p.sections}部分待撰写：只有填写说明，还没有正文`,
    en: (p) =>
      p.cells
        ? `${p.cells} cells still to fill (~): ${p.tablesEn}${p.sectionCount ? `; section${Number(p.sectionCount) > 1 ? 's' : ''} ${p.sectionsEn} still to write` : ''}; blank is not zero (write 0 where there were none); the sum checks run once the cells are filled`
        : `Section${Number(p.sectionCount) > 1 ? 's' : ''} ${p.sectionsEn} still to write: only the guidance comments, no text yet`,
    fixtures: true,
  },
  {
    ruleId: 'import-input-readable',
    source: 'import',
    severity: 'error',
    title: '要导入的文件可读取且是年度报告',
    zh: (p) => `无法导入 ${p.file}：${p.reason}`,
    en: (p) => `Cannot import ${p.file}: ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'import-output-path',
    source: 'import',
    severity: 'error',
    title: '导入结果有确定的输出位置',
    zh: (p) => `${p.file} 已读取，但未写出：${p.reason}`,
    en: (p) => `${p.file} was read but not written: ${p.reasonEn}`,
    fixtures: false,
  },
  {
    ruleId: 'import-no-overwrite',
    source: 'import',
    severity: 'error',
    title: '导入不覆盖已有文件（除非加 --force）',
    zh: (p) => `${p.output} 已存在，未覆盖；确认要替换时请加 --force`,
    en: (p) => `${p.output} exists and was not replaced; add --force to replace it`,
    fixtures: false,
  },
  {
    ruleId: 'import-cell-certain',
    source: 'import',
    severity: 'warning',
    title: '导入的数值读取无疑问（否则标注「待核对」）',
    zh: (p) => `待核对：${p.label}${p.columns ? `（${p.columns}）` : ''}——${p.reason}`,
    en: (p) => `To check: ${p.label}${p.columns ? ` (${p.columns})` : ''} — ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'import-cell-read',
    source: 'import',
    severity: 'info',
    title: '导入时确定的读法（按勾稽关系拆分连写数字、空白格、单位换算）',
    zh: (p) => `${p.label}${p.columns ? `（${p.columns}）` : ''}：${p.note}`,
    en: (p) => `${p.label}${p.columns ? ` (${p.columns})` : ''}: ${p.note}`,
    fixtures: false,
  },
  {
    ruleId: 'import-note',
    source: 'import',
    severity: 'info',
    title: '导入时的说明（缺少的表或节、版式与年度不符等）',
    zh: (p) => String(p.note),
    en: (p) => String(p.note),
    fixtures: false,
  },
  // — robustness: values, files and outputs that must never be lost or published wrongly —
  {
    ruleId: 'number-representable',
    source: 'schema',
    severity: 'error',
    title: '数值能按原样保存（不过大、不过小、有效数字不超过 15 位）',
    zh: (p) => `${p.label}：数值 ${p.actual} ${p.reason}，无法按原样保存；请核对是否多写或写错了数字`,
    en: (p) => `${p.label}: the number ${p.actual} ${p.reasonEn} and cannot be kept as written; check for extra or mistyped digits`,
    fixtures: true,
  },
  {
    ruleId: 'published-date-exists',
    source: 'rules',
    severity: 'error',
    title: '发布日期是日历上存在的日期',
    zh: (p) => `发布日期 ${p.actual} 不存在：${p.reason}；请写实际的发布日期`,
    en: (p) => `The published date ${p.actual} does not exist: ${p.reasonEn}; write the actual publication date`,
    fixtures: true,
  },
  {
    ruleId: 'published-after-year-end',
    source: 'rules',
    severity: 'error',
    title: '发布日期在报告年度结束之后',
    zh: (p) =>
      `发布日期 ${p.actual} 不在 ${p.year} 年度结束之后：年度报告的数据截至 ${p.year}年12月31日，应在次年发布${p.hint ? `；是否应为 ${p.hint}？` : ''}`,
    en: (p) =>
      `The published date ${p.actual} is not after the end of ${p.year}: the figures are as at ${p.year}-12-31, so the report is published the year after${p.hint ? `; did you mean ${p.hint}?` : ''}`,
    fixtures: true,
  },
  {
    ruleId: 'published-by-deadline',
    source: 'rules',
    severity: 'warning',
    title: '按期发布（次年1月31日前）',
    zh: (p) =>
      `发布日期 ${p.actual} 远晚于发布期限：格式要求在 ${p.deadline}前向社会公布（本级政府的报告由主管部门在 ${p.latest}前公布）；请核对日期`,
    en: (p) =>
      `The published date ${p.actual} is long after the deadline: the format requires publication by ${p.deadlineEn} (the government's own report by ${p.latestEn}); check the date`,
    fixtures: true,
  },
  {
    ruleId: 'report-unique',
    source: 'rules',
    severity: 'error',
    title: '每个机关每个年度只有一份报告',
    zh: (p) => `${p.agency} ${p.year} 年度的报告不止一份：另见 ${p.others}；请删除多余的副本，或改正其中的机关名称或年度`,
    en: (p) => `More than one report for ${p.agency}, ${p.year}: see also ${p.othersEn}; delete the extra copy or correct its agency or year`,
    fixtures: true,
  },
  {
    ruleId: 'output-place-unique',
    source: 'cli',
    severity: 'error',
    title: '两份报告不写入同一输出位置',
    zh: (p) => `此报告与 ${p.others} 会写入同一位置 ${p.place}，两份都未生成；请把其中一份移到以机关命名的单独文件夹`,
    en: (p) => `This report and ${p.others} would be written to the same place ${p.place}; neither was built. Move one into a folder of its own, named for its agency`,
    fixtures: false,
  },
  {
    ruleId: 'import-reviewed',
    source: 'rules',
    severity: 'error',
    title: '导入时标注的「待核对」已逐一核对并删去',
    zh: (p) => `${p.key ? `\`${p.key}\`：` : ''}「待核对」标注尚未处理${p.why ? `（${p.why}）` : ''}：请按原件核对这一行，改正后删去这条标注`,
    en: (p) => `${p.key ? `\`${p.key}\`: ` : ''}unreviewed 待核对 mark${p.why ? ` (${p.why})` : ''}: check this line against the original, correct it, then delete the mark`,
    fixtures: true,
  },
  {
    ruleId: 'ascii-punctuation',
    source: 'source',
    severity: 'error',
    title: 'YAML 中的冒号、逗号使用半角（中文输入法的全角标点）',
    zh: (p) => String(p.reason),
    en: (p) => String(p.reasonEn),
    fixtures: true,
  },
  {
    ruleId: 'report-file-name',
    source: 'source',
    severity: 'warning',
    title: '报告文件命名为 <年度>.md（其他名称的文件不读取）',
    zh: (p) => `未读取 ${p.name}：只有名为“<年度>.md”的文件才作为报告读取${p.suggestion ? `；如是年度报告，请改名为 ${p.suggestion}` : '（如 2025.md）'}`,
    en: (p) => `${p.name} was not read: only files named <year>.md are read as reports${p.suggestion ? `; if it is one, rename it to ${p.suggestion}` : ' (e.g. 2025.md)'}`,
    fixtures: true,
  },
  {
    ruleId: 'bundle-archive-hash',
    source: 'bundle',
    severity: 'error',
    title: '发布包与旁边的 <年度>.zip.sha256 一致',
    zh: (p) => `发布包的 SHA-256 与 ${p.name} 记录的不符，文件已被改动`,
    en: (p) => `The bundle's SHA-256 does not match ${p.name}; the file was changed`,
    fixtures: false,
  },
  {
    ruleId: 'bundle-compression-checked',
    source: 'bundle',
    severity: 'info',
    title: '压缩数据已逐字节核对（同版本 nianbao 生成的发布包）',
    zh: (p) => `发布包由 nianbao ${p.version} 生成（当前为 ${p.current}）：各文件内容已核对，压缩数据无法逐字节核对；可用旁边的 .sha256 文件核对整个发布包`,
    en: (p) => `The bundle was made by nianbao ${p.version} (this is ${p.current}): every member was checked, the compressed bytes could not be; check the whole archive against its .sha256 file`,
    fixtures: false,
  },
  {
    ruleId: 'output-inside-out',
    source: 'cli',
    severity: 'error',
    title: '输出文件都写在输出目录（--out）之内',
    zh: (p) => `未生成：输出文件 ${p.path} 不在输出目录 ${p.out} 之内（${p.reason}）；请把报告放在 <机关>/<年度>.md，并检查输出目录中的链接`,
    en: (p) => `Not built: the output ${p.path} is not inside the output folder ${p.out} (${p.reasonEn}); keep reports as <agency>/<year>.md and check for links in the output folder`,
    fixtures: false,
  },
  {
    ruleId: 'yaml-unambiguous',
    source: 'source',
    severity: 'warning',
    title: 'YAML 写法无歧义（不用未知的标签等）',
    zh: (p) => `YAML 写法可能有误：${p.reason}`,
    en: (p) => `Questionable YAML: ${p.reasonEn}`,
    fixtures: true,
  },
  {
    ruleId: 'internal-error',
    source: 'cli',
    severity: 'error',
    title: '处理文件时没有内部错误（出现时请报告）',
    zh: (p) => `${p.stage}此文件时出现内部错误（${p.reason}），其他文件不受影响；请将此文件和这条信息报告给 nianbao 的维护者`,
    en: (p) => `Internal error while ${p.stageEn} this file (${p.reason}); the other files are not affected. Please report this file and this message to the nianbao maintainers`,
    fixtures: false,
  },
  // — preview —
  {
    ruleId: 'preview-renders',
    source: 'cli',
    severity: 'error',
    title: '预览能生成页面',
    zh: (p) => `预览生成页面时出现内部错误：${p.reason}；请将此信息报告给维护者`,
    en: (p) => `Internal error while rendering the preview: ${p.reason}; please report this`,
    fixtures: false,
  },
  // — editor: the language server's limits (document-size-limit, analysis-time-limit) are in src/limits.ts —
]

// — limits: one rule per limit of src/limits.ts (file size, YAML depth, Markdown nesting, zip entries …) —
entries.push(...limitCatalogEntries())

export const catalog: ReadonlyMap<string, CatalogEntry> = new Map(entries.map((e) => [e.ruleId, e]))

/** Register entries owned by later stages (render, pdf, bundle, import). */
export function defineDiagnostics(more: CatalogEntry[]): void {
  const map = catalog as Map<string, CatalogEntry>
  for (const entry of more) map.set(entry.ruleId, entry)
}

export function catalogEntry(ruleId: string): CatalogEntry {
  const entry = catalog.get(ruleId)
  if (!entry) throw new Error(`nianbao internal error: unknown rule id ${ruleId}; please report this`)
  return entry
}

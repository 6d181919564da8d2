/**
 * Every text of the command line's help, in Chinese and English, in one
 * place. The language is `--lang` from the command line (read once, before
 * yargs runs, so that `--help --lang en` is English throughout, yargs' own
 * words included); Chinese by default.
 */
import type { Lang } from '../diagnostics/types.js'

const strings = {
  usage: {
    zh: '$0 <命令> [选项]\n\n政府信息公开工作年度报告：校验、排版（HTML/PDF）与发布包。',
    en: '$0 <command> [options]\n\nAnnual reports on government information disclosure: check, typeset (HTML/PDF) and bundle.',
  },
  demandCommand: { zh: '请指定一个命令，例如 nianbao validate', en: 'Name a command, e.g. nianbao validate' },
  help: { zh: '显示帮助信息', en: 'Show help' },
  version: { zh: '显示版本号', en: 'Show the version number' },
  seeHelp: { zh: '运行 nianbao --help 查看用法。', en: 'Run nianbao --help for usage.' },
  internalError: {
    zh: 'nianbao 内部错误：{message}\n请将此信息报告给维护者。',
    en: 'nianbao internal error: {message}\nPlease report this to the maintainers.',
  },

  // — options several commands share —
  'opt.lang': { zh: '提示信息的语言', en: 'Language of messages and help' },
  'opt.rule': {
    zh: '调整规则级别，如 --rule overview-length=off（error|warn|info|off）',
    en: 'Change a rule’s severity, e.g. --rule overview-length=off (error|warn|info|off)',
  },
  'opt.format': { zh: '输出格式', en: 'Output format' },

  // — validate —
  'validate.describe': { zh: '校验报告（文件或文件夹，默认 content/）', en: 'Check reports (files or folders, default content/)' },
  'validate.paths': { zh: '报告文件或文件夹', en: 'Report files or folders' },
  'validate.strict': { zh: '有警告也以失败退出', en: 'Exit with failure on warnings too' },
  'validate.verbose': { zh: '显示说明和关联位置', en: 'Show notes and related places' },
  'validate.watch': {
    zh: '文件改动后自动重新校验，按 Ctrl-C 结束（每行一条，供编辑器的问题匹配器读取）',
    en: 'Check again whenever a file changes, until Ctrl-C (one line per problem, for an editor’s problem matcher)',
  },

  // — build —
  'build.describe': {
    zh: '生成报告，输出到 out/<机关>/<年度>/；不指定路径时生成 content/ 下全部报告的网页、PDF、发布包和 out/index.html（增量、并行）',
    en: 'Build reports into out/<agency>/<year>/; without paths, every report under content/ to page, PDF and bundle, plus out/index.html (incremental, parallel)',
  },
  'build.paths': {
    zh: '报告文件或文件夹（不指定：content/ 全部，增量生成）',
    en: 'Report files or folders (none: all of content/, incrementally)',
  },
  'build.to': {
    zh: '输出格式，逗号分隔：{targets}（默认：指定路径时 html，不指定路径时全部）',
    en: 'Outputs, comma-separated: {targets} (default: html with paths, all without)',
  },
  'build.out': { zh: '输出目录', en: 'Output folder' },
  'build.templates': {
    zh: '模板覆盖目录：其中的 report.hbs、partials/*.hbs、style.css 替换官方模板的同名文件',
    en: 'Template override folder: its report.hbs, partials/*.hbs and style.css replace the official files of the same name',
  },
  'build.force': { zh: '全部重新生成，忽略增量缓存', en: 'Rebuild everything, ignoring the incremental cache' },
  'build.allowErrors': {
    zh: '指定路径时，有错误的报告也生成，供预览草稿（仍以失败退出）',
    en: 'With paths, build reports with errors too, to preview a draft (still exits with failure)',
  },
  'build.pdfA': {
    zh: '生成归档用 PDF/A-2b（也可在 nianbao.config.json 中设 "pdf": {"pdfA": true}）',
    en: 'Write archival PDF/A-2b (or set "pdf": {"pdfA": true} in nianbao.config.json)',
  },
  'build.jobs': { zh: '并行生成的线程数（默认：CPU 核数）', en: 'Worker threads (default: one per core)' },
  'build.format': {
    zh: '结果的输出格式：text 供人阅读，json 供脚本使用（写出的文件、诊断和汇总）',
    en: 'Result format: text for people, json for scripts (files written, diagnostics, summary)',
  },

  // — schema —
  'schema.describe': { zh: '输出报告前置数据的 JSON Schema（供编辑器使用）', en: 'Print the JSON Schema of the report front matter (for editors)' },
  'schema.format': { zh: '格式', en: 'Format' },
  'schema.data': { zh: '改为输出发布包 data.json 的 JSON Schema', en: 'Print the JSON Schema of the bundle’s data.json instead' },

  // — verify —
  'verify.describe': {
    zh: '校验发布包（<机关>/<年度>.zip）：文件齐全、哈希一致、data.json 符合 schema，拒绝不安全的 zip',
    en: 'Check bundles (<agency>/<year>.zip): members complete, hashes matching, data.json valid; unsafe zips refused',
  },
  'verify.bundles': { zh: '发布包文件', en: 'Bundle files' },
  'verify.verbose': { zh: '也列出没有问题的发布包', en: 'Also list bundles without problems' },

  // — import —
  'import.describe': {
    zh: '导入已发布的年度报告（纯文本、网页 .html、Word .docx、有文字层的 PDF；文件或文件夹），生成 content/<机关>/<年度>.md',
    en: 'Import published reports (plain text, .html, Word .docx, PDF with a text layer; files or folders) into content/<agency>/<year>.md',
  },
  'import.files': { zh: '要导入的文件或文件夹', en: 'Files or folders to import' },
  'import.agencyId': {
    zh: '机关标识（输出文件夹名），如 ruzhou-wsjkw；不给时查 --map，再由标题中的机关名称得出',
    en: 'Agency id (the output folder name), e.g. ruzhou-wsjkw; else looked up in --map, else derived from the agency name in the title',
  },
  'import.map': {
    zh: '机关标识对照表（YAML/JSON：「机关名称或文件名: 机关标识」）',
    en: 'Agency id table (YAML/JSON: "agency name or file name: agency id")',
  },
  'import.agency': { zh: '机关名称（原文标题中没有或有误时）', en: 'Agency name (when the title lacks it or has it wrong)' },
  'import.year': { zh: '报告年度（原文标题中没有时）', en: 'Report year (when the title lacks it)' },
  'import.reportFormat': { zh: '指定报告格式（默认按表格版式识别）', en: 'Report format (default: recognised from the table layout)' },
  'import.format': { zh: '输出格式：text（含汇总表）或 json', en: 'Output: text (with the summary table) or json' },
  'import.out': { zh: '输出文件（只导入一个文件时）', en: 'Output file (one input only)' },
  'import.outDir': {
    zh: '输出根目录，写入 <目录>/<机关标识>/<年度>.md（默认 content）',
    en: 'Content root: writes <dir>/<agency-id>/<year>.md (default content)',
  },
  'import.force': { zh: '覆盖已存在的文件', en: 'Replace an existing file' },

  // — preview —
  'preview.describe': {
    zh: '在浏览器中预览报告：与发布时相同的页面、问题列表和 PDF，保存即更新（仅限本机 127.0.0.1）',
    en: 'Preview reports in a browser: the page as published, its problems and the PDF, updated on save (127.0.0.1 only)',
  },
  'preview.port': {
    zh: '端口（默认 {port}，被占用时顺延；0 表示自动选择）',
    en: 'Port (default {port}, the next free one when taken; 0 picks any free port)',
  },
  'preview.templates': { zh: '模板覆盖目录，同 nianbao build --templates', en: 'Template override folder, as for nianbao build --templates' },

  // — bind —
  'bind.describe': {
    zh: '把正文中与表格一致的数字改写为引用（如 {收到申请}），以 diff 显示；--write 写回文件',
    en: 'Rewrite numbers in the text that agree with the tables as references (e.g. {收到申请}), shown as a diff; --write writes the file',
  },
  'bind.files': { zh: '报告文件', en: 'Report files' },
  'bind.write': { zh: '写回文件（只改正文，不动前置数据）', en: 'Write the files back (the body only, never the front matter)' },

  // — lsp —
  'lsp.describe': {
    zh: '启动语言服务器（LSP，经标准输入输出），供编辑器显示诊断、悬停说明和补全（编辑器的初始化参数或 nianbao.lang 设置优先于 --lang）',
    en: 'Start the language server (LSP over stdio) for diagnostics, hover and completion in editors (the editor’s initialization options or nianbao.lang setting win over --lang)',
  },
  'lsp.stdio': {
    zh: '经标准输入输出通信（默认，编辑器通常会传入此参数）',
    en: 'Talk over standard input and output (the default; editors usually pass it)',
  },

  // — new —
  'new.describe': {
    zh: '新建下一年度的报告 content/<机关标识>/<年度>.md：从上年报告结转机关信息和可结转的数，其余单元格留空（~）待填',
    en: 'Start the next year’s report content/<agency-id>/<year>.md: agency details and carried-over figures from last year, every other cell blank (~) to fill',
  },
  'new.agencyId': { zh: '机关标识（content/ 下的文件夹名），如 ruzhou-wsjkw', en: 'Agency id (the folder under content/), e.g. ruzhou-wsjkw' },
  'new.year': {
    zh: '报告年度（默认：已有最新年度的下一年；没有已有报告时为上一年）',
    en: 'Report year (default: the year after the latest existing report; last year when there is none)',
  },
  'new.agency': { zh: '机关名称（没有上年报告时必填）', en: 'Agency name (required when there is no earlier report)' },
  'new.level': { zh: '行政层级', en: 'Administrative level' },
  'new.region': { zh: '所在地区，如 河南省汝州市', en: 'Region, e.g. 河南省汝州市' },
  'new.content': { zh: '报告根目录', en: 'Content root folder' },
  'new.badAgencyId': {
    zh: '机关标识「{id}」不可用：只能用小写字母、数字和连字符，如 ruzhou-wsjkw',
    en: 'Agency id "{id}" is not usable: lower-case letters, digits and hyphens only, e.g. ruzhou-wsjkw',
  },
  'new.badYear': { zh: '--year 应为 2008 至 2100 之间的年份，实际为 {year}', en: '--year must be a year from 2008 to 2100, not {year}' },
  'new.exists': {
    zh: '{path} 已存在，未覆盖；要重新开始请先移走或删除它',
    en: '{path} exists and was not replaced; move or delete it first to start again',
  },
  'new.previousBroken': {
    zh: '无法从 {path} 读取上年报告，未新建；请先修正它（nianbao validate {path}）',
    en: 'Cannot read last year’s report from {path}, nothing written; fix it first (nianbao validate {path})',
  },
  'new.needsAgency': {
    zh: '没有 {dir} 下的已有报告可供结转，请用 --agency 指定机关名称（可加 --level、--region），或在终端中运行以逐项填写',
    en: 'No earlier report in {dir} to start from: give the agency name with --agency (and --level, --region), or run on a terminal to be asked',
  },
  'new.askAgency': { zh: '机关名称（如 汝州市卫生健康委员会）：', en: 'Agency name (e.g. 汝州市卫生健康委员会): ' },
  'new.askLevel': { zh: '行政层级 {choices}（可留空）：', en: 'Administrative level {choices} (may be left empty): ' },
  'new.askRegion': { zh: '所在地区（如 河南省汝州市，可留空）：', en: 'Region (e.g. 河南省汝州市, may be left empty): ' },
  'new.askYear': { zh: '报告年度 [{year}]：', en: 'Report year [{year}]: ' },
  'new.askAgain': { zh: '请重新输入。', en: 'Please answer again.' },
  'new.created': { zh: '已新建 {path}（{format}，{document}）', en: 'Created {path} ({format}, {document})' },
  'new.fromPrevious': {
    zh: '从 {previous} 结转：机关信息，以及 {cells} 个单元格（{rows}）；其余单元格为 ~，待填写',
    en: 'From {previous}: the agency details and {cells} cells ({rows}); every other cell is ~, to fill',
  },
  'new.notCarried': { zh: '未结转：{reasons}', en: 'Not carried: {reasons}' },
  'new.metaOnly': {
    zh: '没有上年（{lastYear} 年）的报告：机关信息取自 {source}，统计数据不结转',
    en: 'No report for the year before ({lastYear}): agency details from {source}, no figures carried',
  },
  'new.next': {
    zh: '下一步：填写 ~ 单元格和各部分正文（注释中有官方填写说明），边写边运行 npx nianbao validate {path} 检查，完成后 npm start 生成并提交。',
    en: 'Next: fill in the ~ cells and the sections (the comments quote the official guidance), check with npx nianbao validate {path} as you go, then npm start to build, and commit.',
  },
  // — supervisor: compare, rollup, dataset —
  'compare.describe': {
    zh: '比较同一机关两个年度的报告：统计表逐格变化、主要指标、文字重复和图表，输出 out/<机关>/<年度>/compare.html 和 compare.pdf',
    en: 'Compare two years of one agency: every cell’s change, the main figures, repeated text and charts, written to out/<agency>/<year>/compare.html and compare.pdf',
  },
  'compare.older': { zh: '较早年度的报告（如 content/ruzhou-wsjkw/2023.md）', en: 'The earlier report (e.g. content/ruzhou-wsjkw/2023.md)' },
  'compare.newer': { zh: '较晚年度的报告', en: 'The later report' },
  'compare.out': { zh: '输出目录（写入 <out>/<机关>/<较晚年度>/）', en: 'Output folder (writes <out>/<agency>/<later year>/)' },
  'compare.to': { zh: '输出格式，逗号分隔：html,pdf', en: 'Outputs, comma-separated: html,pdf' },
  'rollup.describe': {
    zh: '汇总多个机关的报告（源文件或发布包）：官方格式的汇总表、各机关状态、比率排名和需关注的情况，输出 HTML、PDF、CSV',
    en: 'Roll up many agencies’ reports (sources or bundles): summed official tables, each agency’s status, rate rankings and red flags, as HTML, PDF and CSV',
  },
  'rollup.paths': {
    zh: '报告源文件（<机关>/<年度>.md）或发布包（<机关>/<年度>.zip）所在的文件或文件夹',
    en: 'Files or folders with report sources (<agency>/<year>.md) or bundles (<agency>/<year>.zip)',
  },
  'rollup.by': {
    zh: '分组汇总：按地区、层级或机关代码前缀（- 之前的部分）',
    en: 'Group by region, level or agency-id prefix (the part before -)',
  },
  'rollup.year': { zh: '汇总的年度（默认：有报告的最近年度）', en: 'The year to roll up (default: the latest year with reports)' },
  'rollup.to': { zh: '输出格式，逗号分隔：html,pdf,csv', en: 'Outputs, comma-separated: html,pdf,csv' },
  'rollup.out': { zh: '输出目录', en: 'Output folder' },
  'rollup.jobs': { zh: '并行读取的线程数（默认：CPU 核数）', en: 'Threads reading in parallel (default: the CPU count)' },
  'dataset.describe': {
    zh: '把所有报告的每个单元格导出为一张整齐的数据表：cells.csv 和按年度分区的 Parquet（year=2024/part-0.parquet），可直接用 DuckDB、pandas、Spark 读取',
    en: 'Export every cell of every report as one tidy table: cells.csv and Parquet partitioned by year (year=2024/part-0.parquet), ready for DuckDB, pandas or Spark',
  },
  'dataset.out': { zh: '输出目录', en: 'Output folder' },
} satisfies Record<string, Record<Lang, string>>

export type StringKey = keyof typeof strings

/** `--lang en` / `--lang=en` anywhere on the command line; Chinese otherwise. */
export function langFromArgv(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') break
    if (arg === '--lang') return argv[i + 1] === 'en' ? 'en' : 'zh'
    if (arg.startsWith('--lang=')) return arg.slice(7) === 'en' ? 'en' : 'zh'
  }
  return 'zh'
}

let current: Lang = langFromArgv(process.argv.slice(2))

/** The language help texts are given in (set before the commands are registered). */
export function setLang(lang: Lang): void {
  current = lang
}

export function currentLang(): Lang {
  return current
}

/** The text `key` in the current language, with `{name}` placeholders filled. */
export function t(key: StringKey, params: Record<string, string> = {}): string {
  return strings[key][current].replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m)
}

/** yargs' own locale for the current language. */
export function yargsLocale(): string {
  return current === 'en' ? 'en' : 'zh_CN'
}

import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import type { RunOptions } from '../../import/run.js'

/** The ids `--agency-id` accepts (kept here so that the command stays light). */
const AGENCY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const REPORT_FORMATS = ['gb-2021', 'gb-2019'] as const

export interface ImportArgs extends Omit<RunOptions, 'map' | 'format'> {
  files: string[]
  force: boolean
  lang: Lang
  /** Output: text (with the summary table) or JSON. `gb-*` here is the old spelling of --report-format. */
  format: 'text' | 'json' | (typeof REPORT_FORMATS)[number]
  reportFormat?: (typeof REPORT_FORMATS)[number]
  map?: string
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <files..>',
  describe: '导入已发布的年度报告（纯文本、网页 .html、Word .docx、有文字层的 PDF；文件或文件夹），生成 content/<机关>/<年度>.md',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: '要导入的文件或文件夹' })
      .option('agency-id', { type: 'string', describe: '机关标识（输出文件夹名），如 ruzhou-wsjkw；不给时查 --map，再由标题中的机关名称得出' })
      .option('map', { type: 'string', describe: '机关标识对照表（YAML/JSON：「机关名称或文件名: 机关标识」）' })
      .option('agency', { type: 'string', describe: '机关名称（原文标题中没有或有误时）' })
      .option('year', { type: 'number', describe: '报告年度（原文标题中没有时）' })
      .option('report-format', { choices: REPORT_FORMATS, describe: '指定报告格式（默认按表格版式识别）' })
      .option('format', { choices: ['text', 'json', ...REPORT_FORMATS] as const, default: 'text' as const, describe: '输出格式：text（含汇总表）或 json' })
      .option('out', { type: 'string', describe: '输出文件（只导入一个文件时）' })
      .option('out-dir', { type: 'string', describe: '输出根目录，写入 <目录>/<机关标识>/<年度>.md（默认 content）' })
      .option('force', { type: 'boolean', default: false, describe: '覆盖已存在的文件' })
      .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: '提示信息的语言' })
      .conflicts('out', 'out-dir') as unknown as Argv<ImportArgs>,
  handler: async (args) => {
    const en = args.lang === 'en'
    // Checked here, not in yargs .check(): a failed check reaches the CLI as an internal error.
    const usage =
      args.out && args.files.length > 1
        ? en
          ? '--out takes one input only; for several, use --agency-id/--map and --out-dir'
          : '--out 只能用于导入一个文件；导入多个文件请用 --agency-id 或 --map 和 --out-dir'
        : args.agencyId !== undefined && !AGENCY_ID.test(args.agencyId)
          ? en
            ? `agency id "${args.agencyId}" is not usable: lower-case letters, digits and hyphens only, e.g. ruzhou-wsjkw`
            : `机关标识「${args.agencyId}」不可用：只能用小写字母、数字和连字符，如 ruzhou-wsjkw`
          : undefined
    if (usage) {
      process.stderr.write(`nianbao: ${usage}\n`)
      process.exitCode = 2
      return
    }
    // Loaded here: `nianbao validate` never loads the importer.
    const { runImport } = await import('../../import/run.js')
    const { readAgencyMap } = await import('../../import/agency-id.js')
    const { summaryJson, summaryTable } = await import('../../import/summary.js')
    const { diagnosticsOf } = await import('../../diagnostics/emit.js')
    const { reportText } = await import('../../diagnostics/report-text.js')
    let map: Map<string, string> | undefined
    if (args.map) {
      const read = await readAgencyMap(args.map)
      if ('error' in read) {
        process.stderr.write(`nianbao: ${read.error}\n`)
        process.exitCode = 2
        return
      }
      map = read.map
    }
    const reportFormat = args.reportFormat ?? (args.format.startsWith('gb-') ? args.format : undefined)
    const { results, exitCode } = await runImport(args.files, {
      ...(args.agencyId ? { agencyId: args.agencyId } : {}),
      ...(map ? { map } : {}),
      ...(args.agency ? { agency: args.agency } : {}),
      ...(args.year ? { year: args.year } : {}),
      ...(reportFormat ? { format: reportFormat } : {}),
      ...(args.out ? { out: args.out } : {}),
      ...(args.outDir ? { outDir: args.outDir } : {}),
      force: args.force,
      lang: args.lang,
    })
    if (args.format === 'json') {
      process.stdout.write(summaryJson(results))
      process.exitCode = exitCode
      return
    }
    for (const result of results) {
      if (result.output) {
        const count = result.checks.length
        process.stdout.write(
          en
            ? `${result.input} → ${result.output} (${result.format}; ${count} to check)\n`
            : `${result.input} → ${result.output}（${result.format}；待核对 ${count} 处）\n`,
        )
      }
      const diagnostics = result.file ? diagnosticsOf(result.file) : []
      process.stdout.write(reportText(diagnostics, { lang: args.lang, color: process.stdout.isTTY === true }) + '\n')
    }
    process.stdout.write(summaryTable(results, args.lang))
    if (exitCode === 1) {
      process.stdout.write(
        en
          ? 'Review every 待核对 mark in the files, fix the values by hand, remove the marks, then run nianbao validate.\n'
          : '请逐一核对文件中标有「待核对」的行，按原件改正后删去标注，再运行 nianbao validate。\n',
      )
    }
    process.exitCode = exitCode
  },
}

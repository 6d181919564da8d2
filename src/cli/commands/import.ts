import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import type { RunOptions } from '../../import/run.js'
import { AGENCY_ID } from '../../source/agency-id.js'
import { t } from '../strings.js'

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
  describe: t('import.describe'),
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: t('import.files') })
      .option('agency-id', { type: 'string', describe: t('import.agencyId') })
      .option('map', { type: 'string', describe: t('import.map') })
      .option('agency', { type: 'string', describe: t('import.agency') })
      .option('year', { type: 'number', describe: t('import.year') })
      .option('report-format', { choices: REPORT_FORMATS, describe: t('import.reportFormat') })
      .option('format', { choices: ['text', 'json', ...REPORT_FORMATS] as const, default: 'text' as const, describe: t('import.format') })
      .option('out', { type: 'string', describe: t('import.out') })
      .option('out-dir', { type: 'string', describe: t('import.outDir') })
      .option('force', { type: 'boolean', default: false, describe: t('import.force') })
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
    // The importer (PDF and Word readers included) loads only when an import runs.
    const [{ runImport }, { readAgencyMap }, { summaryJson, summaryTable }, { diagnosticsOf }, { reportText }, { useColor }] = await Promise.all([
      import('../../import/run.js'),
      import('../../import/agency-id.js'),
      import('../../import/summary.js'),
      import('../../diagnostics/emit.js'),
      import('../../diagnostics/report-text.js'),
      import('../../diagnostics/color.js'),
    ])
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
      process.stdout.write(reportText(diagnostics, { lang: args.lang, color: useColor(process.stdout) }) + '\n')
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

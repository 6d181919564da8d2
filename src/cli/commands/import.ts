import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { formats } from '../../formats/index.js'
import type { RunOptions } from '../../import/run.js'
import { AGENCY_ID } from '../../source/agency-id.js'
import { t } from '../strings.js'

export interface ImportArgs extends RunOptions {
  files: string[]
  force: boolean
  lang: Lang
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <files..>',
  describe: t('import.describe'),
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: t('import.files') })
      .option('agency-id', { type: 'string', describe: t('import.agencyId') })
      .option('agency', { type: 'string', describe: t('import.agency') })
      .option('year', { type: 'number', describe: t('import.year') })
      .option('format', { choices: formats.map((f) => f.id), describe: t('import.format') })
      .option('out', { type: 'string', describe: t('import.out') })
      .option('out-dir', { type: 'string', describe: t('import.outDir') })
      .option('force', { type: 'boolean', default: false, describe: t('import.force') })
      .conflicts('out', 'out-dir') as unknown as Argv<ImportArgs>,
  handler: async (args) => {
    // Checked here, not in yargs .check(): a failed check reaches the CLI as an internal error.
    const usage =
      args.out && args.files.length > 1
        ? '--out 只能用于导入一个文件；导入多个文件请用 --agency-id 和 --out-dir'
        : args.agencyId !== undefined && !AGENCY_ID.test(args.agencyId)
          ? `机关标识「${args.agencyId}」不可用：只能用小写字母、数字和连字符，如 ruzhou-wsjkw`
          : undefined
    if (usage) {
      process.stderr.write(`nianbao: ${usage}\n`)
      process.exitCode = 2
      return
    }
    // The importer (PDF and Word readers included) loads only when an import runs.
    const [{ runImport }, { diagnosticsOf }, { reportText }, { useColor }] = await Promise.all([
      import('../../import/run.js'),
      import('../../diagnostics/emit.js'),
      import('../../diagnostics/report-text.js'),
      import('../../diagnostics/color.js'),
    ])
    const { results, exitCode } = await runImport(args.files, {
      ...(args.agencyId ? { agencyId: args.agencyId } : {}),
      ...(args.agency ? { agency: args.agency } : {}),
      ...(args.year ? { year: args.year } : {}),
      ...(args.format ? { format: args.format } : {}),
      ...(args.out ? { out: args.out } : {}),
      ...(args.outDir ? { outDir: args.outDir } : {}),
      force: args.force,
      lang: args.lang,
    })
    const en = args.lang === 'en'
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
    if (exitCode === 1) {
      process.stdout.write(
        en
          ? 'Review every 待核对 mark in the file, fix the values by hand, remove the marks, then run nianbao validate.\n'
          : '请逐一核对文件中标有「待核对」的行，按原件改正后删去标注，再运行 nianbao validate。\n',
      )
    }
    process.exitCode = exitCode
  },
}

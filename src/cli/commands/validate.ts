import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { t } from '../strings.js'

export interface ValidateArgs {
  paths: string[]
  format: 'text' | 'json'
  strict: boolean
  lang: Lang
  rule: string[]
  verbose: boolean
  watch: boolean
}

export function withCommonOptions<T>(y: Argv<T>) {
  // `--lang` is global (main.ts).
  return y.option('rule', { type: 'string', array: true, default: [] as string[], describe: t('opt.rule') })
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate [paths..]',
  describe: t('validate.describe'),
  builder: (y) =>
    withCommonOptions(y)
      .positional('paths', { type: 'string', array: true, default: ['content/'], describe: t('validate.paths') })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: t('opt.format') })
      .option('strict', { type: 'boolean', default: false, describe: t('validate.strict') })
      .option('verbose', { type: 'boolean', default: false, describe: t('validate.verbose') })
      .option('watch', { type: 'boolean', default: false, describe: t('validate.watch') }) as unknown as Argv<ValidateArgs>,
  handler: async (args) => {
    // Loaded here, not at the top: every command module is loaded for every command.
    const [{ diagnosticsOf }, { exitCodeFor }, { reportJson }, { reportText }, { useColor }, { loadValidated }, { parseRuleOptions }] = await Promise.all([
      import('../../diagnostics/emit.js'),
      import('../../diagnostics/exit-code.js'),
      import('../../diagnostics/report-json.js'),
      import('../../diagnostics/report-text.js'),
      import('../../diagnostics/color.js'),
      import('../load-reports.js'),
      import('../rule-options.js'),
    ])
    const severities = parseRuleOptions(args.rule)
    if (typeof severities === 'string') {
      process.stderr.write(`nianbao: ${severities}\n`)
      process.exitCode = 2
      return
    }
    if (args.watch) {
      const { watchValidate } = await import('../validate-watch.js')
      await watchValidate({ paths: args.paths, lang: args.lang, severities })
      return
    }
    const files = await loadValidated(args.paths, { lang: args.lang, severities })
    if (!files) return
    const diagnostics = files.flatMap((f) => diagnosticsOf(f))
    if (args.format === 'json') process.stdout.write(reportJson(diagnostics))
    else
      process.stdout.write(
        reportText(diagnostics, { lang: args.lang, color: useColor(process.stdout), verbose: args.verbose, files: files.map((f) => f.path) }),
      )
    process.exitCode = diagnostics.some((d) => d.ruleId === 'file-readable') ? 2 : exitCodeFor(diagnostics, args.strict)
  },
}

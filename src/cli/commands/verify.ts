import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { t } from '../strings.js'

export interface VerifyArgs {
  bundles: string[]
  format: 'text' | 'json'
  lang: Lang
  verbose: boolean
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify <bundles..>',
  describe: t('verify.describe'),
  builder: (y) =>
    y
      .positional('bundles', { type: 'string', array: true, demandOption: true, describe: t('verify.bundles') })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: t('opt.format') })
      .option('verbose', { type: 'boolean', default: false, describe: t('verify.verbose') }) as unknown as Argv<VerifyArgs>,
  handler: async (args) => {
    const [{ verifyBundle }, { diagnosticsOf }, { exitCodeFor }, { reportJson }, { reportText }, { useColor }] = await Promise.all([
      import('../../bundle/verify.js'),
      import('../../diagnostics/emit.js'),
      import('../../diagnostics/exit-code.js'),
      import('../../diagnostics/report-json.js'),
      import('../../diagnostics/report-text.js'),
      import('../../diagnostics/color.js'),
    ])
    const files = []
    for (const path of args.bundles) files.push(await verifyBundle(path, { lang: args.lang }))
    const diagnostics = files.flatMap((f) => diagnosticsOf(f))
    if (args.format === 'json') process.stdout.write(reportJson(diagnostics))
    else
      process.stdout.write(
        reportText(diagnostics, { lang: args.lang, color: useColor(process.stdout), verbose: args.verbose, files: files.map((f) => f.path) }),
      )
    process.exitCode = diagnostics.some((d) => d.ruleId === 'bundle-readable') ? 2 : exitCodeFor(diagnostics)
  },
}

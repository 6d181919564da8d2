import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { t } from '../strings.js'

export interface BindArgs {
  files: string[]
  write: boolean
  lang: Lang
}

export const bindCommand: CommandModule<object, BindArgs> = {
  command: 'bind <files..>',
  describe: t('bind.describe'),
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: t('bind.files') })
      // `--lang` is global (main.ts).
      .option('write', { type: 'boolean', default: false, describe: t('bind.write') }) as unknown as Argv<BindArgs>,
  handler: async (args) => {
    const { runBind } = await import('../bind-run.js')
    process.exitCode = await runBind(args.files, { write: args.write, lang: args.lang })
  },
}

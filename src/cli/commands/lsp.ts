import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { t } from '../strings.js'

export interface LspArgs {
  stdio: boolean
  lang: Lang
}

export const lspCommand: CommandModule<object, LspArgs> = {
  command: 'lsp',
  describe: t('lsp.describe'),
  // `--lang` is global (main.ts); the editor's initialization options or nianbao.lang setting win over it.
  builder: (y) => y.option('stdio', { type: 'boolean', default: true, describe: t('lsp.stdio') }) as unknown as Argv<LspArgs>,
  handler: async (args) => {
    // The server (and the protocol library) load only for this command.
    const { startServer } = await import('../../lsp/server.js')
    startServer(undefined, { lang: args.lang })
  },
}

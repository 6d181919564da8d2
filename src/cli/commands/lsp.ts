import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'

export interface LspArgs {
  stdio: boolean
  lang: Lang
}

export const lspCommand: CommandModule<object, LspArgs> = {
  command: 'lsp',
  describe: '启动语言服务器（LSP，经标准输入输出），供编辑器显示诊断、悬停说明和补全',
  builder: (y) =>
    y
      .option('stdio', { type: 'boolean', default: true, describe: '经标准输入输出通信（默认，编辑器通常会传入此参数）' })
      .option('lang', {
        choices: ['zh', 'en'] as const,
        default: 'zh' as const,
        describe: '提示信息的语言（编辑器的初始化参数或 nianbao.lang 设置优先）',
      }) as unknown as Argv<LspArgs>,
  handler: async (args) => {
    // The server (and the protocol library) load only for this command.
    const { startServer } = await import('../../lsp/server.js')
    startServer(undefined, { lang: args.lang })
  },
}

import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'

export interface BindArgs {
  files: string[]
  write: boolean
  lang: Lang
}

export const bindCommand: CommandModule<object, BindArgs> = {
  command: 'bind <files..>',
  describe: '把正文中与表格一致的数字改写为引用（如 {收到申请}），以 diff 显示；--write 写回文件',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: '报告文件' })
      .option('write', { type: 'boolean', default: false, describe: '写回文件（只改正文，不动前置数据）' })
      .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: '提示信息的语言' }) as unknown as Argv<BindArgs>,
  handler: async (args) => {
    const { runBind } = await import('../bind-run.js')
    process.exitCode = await runBind(args.files, { write: args.write, lang: args.lang })
  },
}

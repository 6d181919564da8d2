import type { Argv, CommandModule } from 'yargs'
import { verifyBundle } from '../../bundle/verify.js'
import { diagnosticsOf } from '../../diagnostics/emit.js'
import { exitCodeFor } from '../../diagnostics/exit-code.js'
import { reportJson } from '../../diagnostics/report-json.js'
import { reportText } from '../../diagnostics/report-text.js'
import type { Lang } from '../../diagnostics/types.js'

export interface VerifyArgs {
  bundles: string[]
  format: 'text' | 'json'
  lang: Lang
  verbose: boolean
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify <bundles..>',
  describe: '校验发布包（<机关>/<年度>.zip）：文件齐全、哈希一致、data.json 符合 schema，拒绝不安全的 zip',
  builder: (y) =>
    y
      .positional('bundles', { type: 'string', array: true, demandOption: true, describe: '发布包文件' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: '输出格式' })
      .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: '提示信息的语言' })
      .option('verbose', { type: 'boolean', default: false, describe: '也列出没有问题的发布包' }) as unknown as Argv<VerifyArgs>,
  handler: async (args) => {
    const files = []
    for (const path of args.bundles) files.push(await verifyBundle(path, { lang: args.lang }))
    const diagnostics = files.flatMap((f) => diagnosticsOf(f))
    if (args.format === 'json') process.stdout.write(reportJson(diagnostics))
    else
      process.stdout.write(
        reportText(diagnostics, { lang: args.lang, color: process.stdout.isTTY === true, verbose: args.verbose, files: files.map((f) => f.path) }),
      )
    process.exitCode = diagnostics.some((d) => d.ruleId === 'bundle-readable') ? 2 : exitCodeFor(diagnostics)
  },
}

import type { Argv, CommandModule } from 'yargs'
import { diagnosticsOf } from '../../diagnostics/emit.js'
import { exitCodeFor } from '../../diagnostics/exit-code.js'
import { reportJson } from '../../diagnostics/report-json.js'
import { reportText } from '../../diagnostics/report-text.js'
import type { Lang } from '../../diagnostics/types.js'
import { loadValidated } from '../load-reports.js'
import { parseRuleOptions } from '../rule-options.js'

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
  return y
    .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: '提示信息的语言' })
    .option('rule', { type: 'string', array: true, default: [] as string[], describe: '调整规则级别，如 --rule overview-length=off（error|warn|info|off）' })
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate [paths..]',
  describe: '校验报告（文件或文件夹，默认 content/）',
  builder: (y) =>
    withCommonOptions(y)
      .positional('paths', { type: 'string', array: true, default: ['content/'], describe: '报告文件或文件夹' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: '输出格式' })
      .option('strict', { type: 'boolean', default: false, describe: '有警告也以失败退出' })
      .option('verbose', { type: 'boolean', default: false, describe: '显示说明和关联位置' })
      .option('watch', { type: 'boolean', default: false, describe: '文件改动后自动重新校验，按 Ctrl-C 结束（每行一条，供编辑器的问题匹配器读取）' }) as unknown as Argv<ValidateArgs>,
  handler: async (args) => {
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
        reportText(diagnostics, { lang: args.lang, color: process.stdout.isTTY === true, verbose: args.verbose, files: files.map((f) => f.path) }),
      )
    process.exitCode = diagnostics.some((d) => d.ruleId === 'file-readable') ? 2 : exitCodeFor(diagnostics, args.strict)
  },
}

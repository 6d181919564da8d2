import { relative } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { parseRuleOptions } from '../rule-options.js'
import { withCommonOptions } from './validate.js'

export interface CompareArgs {
  older: string
  newer: string
  out: string
  to: string
  lang: Lang
  rule: string[]
}

const shown = (path: string): string => relative(process.cwd(), path) || path

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <older> <newer>',
  describe: '比较同一机关两个年度的报告：统计表逐格变化、主要指标、文字重复和图表，输出 out/<机关>/<年度>/compare.html 和 compare.pdf',
  builder: (y) =>
    withCommonOptions(y)
      .positional('older', { type: 'string', demandOption: true, describe: '较早年度的报告（如 content/ruzhou-wsjkw/2023.md）' })
      .positional('newer', { type: 'string', demandOption: true, describe: '较晚年度的报告' })
      .option('out', { type: 'string', default: 'out', describe: '输出目录（写入 <out>/<机关>/<较晚年度>/）' })
      .option('to', { type: 'string', default: 'html,pdf', describe: '输出格式，逗号分隔：html,pdf' }) as unknown as Argv<CompareArgs>,
  handler: async (args) => {
    const severities = parseRuleOptions(args.rule)
    const targets = args.to.split(',').map((t) => t.trim()).filter(Boolean)
    const bad = targets.find((t) => t !== 'html' && t !== 'pdf')
    if (typeof severities === 'string' || bad !== undefined || targets.length === 0) {
      process.stderr.write(`nianbao: ${typeof severities === 'string' ? severities : `--to 的取值应为 html、pdf（可用逗号分隔），实际为 ${bad ?? '（空）'}`}\n`)
      process.exitCode = 2
      return
    }
    const { runCompare } = await import('../../compare/run.js')
    const result = await runCompare(args.older, args.newer, { outDir: args.out, targets: targets as ('html' | 'pdf')[], lang: args.lang, severities })
    if (result.diagnostics) process.stderr.write(result.diagnostics)
    if (result.usage) {
      process.stderr.write(`nianbao: ${result.usage}\n`)
      process.exitCode = 2
      return
    }
    for (const path of result.written) process.stdout.write(`${args.lang === 'en' ? 'wrote' : '已生成'} ${shown(path)}\n`)
    process.exitCode = result.exitCode
  },
}

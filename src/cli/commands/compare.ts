import { relative } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { parseRuleOptions } from '../rule-options.js'
import { t } from '../strings.js'
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
  describe: t('compare.describe'),
  builder: (y) =>
    withCommonOptions(y)
      .positional('older', { type: 'string', demandOption: true, describe: t('compare.older') })
      .positional('newer', { type: 'string', demandOption: true, describe: t('compare.newer') })
      .option('out', { type: 'string', default: 'out', describe: t('compare.out') })
      .option('to', { type: 'string', default: 'html,pdf', describe: t('compare.to') }) as unknown as Argv<CompareArgs>,
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

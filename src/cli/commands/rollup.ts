import { relative } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { t } from '../strings.js'

export interface RollupArgs {
  paths: string[]
  by?: 'region' | 'level' | 'agency-prefix'
  year?: number
  to: string
  out: string
  jobs?: number
  lang: Lang
}

const shown = (path: string): string => relative(process.cwd(), path) || path

export const rollupCommand: CommandModule<object, RollupArgs> = {
  command: 'rollup [paths..]',
  describe: t('rollup.describe'),
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, default: ['content/'], describe: t('rollup.paths') })
      .option('by', { choices: ['region', 'level', 'agency-prefix'] as const, describe: t('rollup.by') })
      .option('year', { type: 'number', describe: t('rollup.year') })
      .option('to', { type: 'string', default: 'html,pdf,csv', describe: t('rollup.to') })
      .option('out', { type: 'string', default: 'out/rollup', describe: t('rollup.out') })
      .option('jobs', { type: 'number', describe: t('rollup.jobs') }) as unknown as Argv<RollupArgs>,
  handler: async (args) => {
    const targets = args.to.split(',').map((t) => t.trim()).filter(Boolean)
    const bad = targets.find((t) => !['html', 'pdf', 'csv'].includes(t))
    if (bad !== undefined || targets.length === 0 || (args.year !== undefined && !Number.isInteger(args.year))) {
      process.stderr.write(`nianbao: ${bad !== undefined || targets.length === 0 ? `--to 的取值应为 html、pdf、csv（可用逗号分隔），实际为 ${bad ?? '（空）'}` : '--year 应为年份，如 2024'}\n`)
      process.exitCode = 2
      return
    }
    const { runRollup } = await import('../../rollup/run.js')
    const { summarize } = await import('../../rollup/summary.js')
    const { writeRollup } = await import('../../rollup/write.js')
    const { InputError } = await import('../../pipeline.js')
    let data
    try {
      data = await runRollup({ paths: args.paths, ...(args.by ? { by: args.by } : {}), ...(args.year ? { year: args.year } : {}), ...(args.jobs ? { jobs: args.jobs } : {}), lang: args.lang })
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      process.stderr.write(`nianbao: ${error.message}\n`)
      process.exitCode = 2
      return
    }
    if (data.records.length === 0) {
      process.stderr.write(
        args.lang === 'en'
          ? 'nianbao: no report sources (<agency>/<year>.md) or bundles (<agency>/<year>.zip) found\n'
          : 'nianbao: 没有找到报告源文件（<机关>/<年度>.md）或发布包（<机关>/<年度>.zip）\n',
      )
      process.exitCode = 2
      return
    }
    const summary = summarize(data)
    const written = await writeRollup(data, summary, { outDir: args.out, targets: targets as ('html' | 'pdf' | 'csv')[] })
    const left = summary.reports.filter((r) => r.status === 'errors' || r.status === 'unverified')
    for (const r of left) process.stderr.write(`${args.lang === 'en' ? 'left out: ' : '未汇总：'}${shown(r.source)}${args.lang === 'en' ? ': ' : '：'}${r.problems[0] ?? ''}\n`)
    process.stdout.write(
      args.lang === 'en'
        ? `${data.year}: ${summary.included.length} reports rolled up, ${left.length} left out (errors or failed verification), ${data.missing.length} agencies missing, ${summary.flags.length} flags\n`
        : `${data.year}年：汇总 ${summary.included.length} 份，未汇总 ${left.length} 份（有错误或校验未通过），缺报 ${data.missing.length} 家，需关注 ${summary.flags.length} 项\n`,
    )
    for (const path of written) process.stdout.write(`${args.lang === 'en' ? 'wrote' : '已生成'} ${shown(path)}\n`)
    process.exitCode = left.length > 0 ? 1 : 0
  },
}

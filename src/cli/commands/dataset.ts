import { relative } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { t } from '../strings.js'

export interface DatasetArgs {
  paths: string[]
  out: string
  lang: Lang
}

const shown = (path: string): string => relative(process.cwd(), path) || path

export const datasetCommand: CommandModule<object, DatasetArgs> = {
  command: 'dataset [paths..]',
  describe: t('dataset.describe'),
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, default: ['content/'], describe: t('rollup.paths') })
      .option('out', { type: 'string', default: 'out/dataset', describe: t('dataset.out') }) as unknown as Argv<DatasetArgs>,
  handler: async (args) => {
    const { datasetReports } = await import('../../dataset/read.js')
    const { writeDataset } = await import('../../dataset/write.js')
    const { InputError } = await import('../../pipeline.js')
    let skipped = 0
    try {
      const reports = datasetReports(args.paths, {
        lang: args.lang,
        skipped: (s) => {
          skipped++
          process.stderr.write(`${args.lang === 'en' ? 'not exported: ' : '未导出：'}${shown(s.source)}${args.lang === 'en' ? ': ' : '：'}${s.reason}\n`)
        },
      })
      const result = await writeDataset(reports, args.out)
      process.stdout.write(
        args.lang === 'en'
          ? `exported ${result.reports} reports, ${result.rows} cells (${result.years.join(', ') || 'no years'})${skipped ? `; ${skipped} not exported` : ''}\n`
          : `已导出 ${result.reports} 份报告、${result.rows} 个单元格（${result.years.join('、') || '无'}年）${skipped ? `；${skipped} 份未导出` : ''}\n`,
      )
      for (const path of result.written) process.stdout.write(`${args.lang === 'en' ? 'wrote' : '已生成'} ${shown(path)}\n`)
      process.exitCode = result.reports === 0 ? 2 : skipped > 0 ? 1 : 0
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      process.stderr.write(`nianbao: ${error.message}\n`)
      process.exitCode = 2
    }
  },
}

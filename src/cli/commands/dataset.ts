import { relative } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'

export interface DatasetArgs {
  paths: string[]
  out: string
  lang: Lang
}

const shown = (path: string): string => relative(process.cwd(), path) || path

export const datasetCommand: CommandModule<object, DatasetArgs> = {
  command: 'dataset [paths..]',
  describe: '把所有报告的每个单元格导出为一张整齐的数据表：cells.csv 和按年度分区的 Parquet（year=2024/part-0.parquet），可直接用 DuckDB、pandas、Spark 读取',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, default: ['content/'], describe: '报告源文件（<机关>/<年度>.md）或发布包（<机关>/<年度>.zip）所在的文件或文件夹' })
      .option('out', { type: 'string', default: 'out/dataset', describe: '输出目录' })
      .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: '提示信息的语言' }) as unknown as Argv<DatasetArgs>,
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
          process.stderr.write(`未导出：${shown(s.source)}：${s.reason}\n`)
        },
      })
      const result = await writeDataset(reports, args.out)
      process.stdout.write(`已导出 ${result.reports} 份报告、${result.rows} 个单元格（${result.years.join('、') || '无'}年）${skipped ? `；${skipped} 份未导出` : ''}\n`)
      for (const path of result.written) process.stdout.write(`已生成 ${shown(path)}\n`)
      process.exitCode = result.reports === 0 ? 2 : skipped > 0 ? 1 : 0
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      process.stderr.write(`nianbao: ${error.message}\n`)
      process.exitCode = 2
    }
  },
}

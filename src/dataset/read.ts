/**
 * The reports of a dataset, one at a time and in a stable order (agency
 * folder, then year): from sources (validated with the previous year, as
 * `validate` does) or from published bundles (verified first; their
 * `data.json`). Reports with errors and bundles that fail verification are
 * skipped and named, never exported.
 */
import { basename, dirname } from 'node:path'
import type { VFile } from 'vfile'
import { exportData, type DataJson } from '../bundle/export-json.js'
import { diagnosticsOf, hasErrors } from '../diagnostics/emit.js'
import type { Lang } from '../diagnostics/types.js'
import { loadReport } from '../source/report.js'
import { validateReport } from '../validate/index.js'
import { readVerifiedMember, yearOf } from '../rollup/read-group.js'
import { collectGroups } from '../rollup/run.js'
import { readAhead } from '../read-ahead.js'

export interface DatasetReport {
  /** Agency folder: the agency's id. */
  id: string
  source: string
  data: DataJson
}

export interface SkippedReport {
  source: string
  reason: string
}

/** Every report under `paths`, in order; `skipped` is told about those left out. */
export async function* datasetReports(paths: string[], options: { lang?: Lang; skipped?: (s: SkippedReport) => void } = {}): AsyncGenerator<DatasetReport> {
  const lang = options.lang ?? 'zh'
  for (const group of await collectGroups(paths, lang)) {
    const sorted = [...group.paths].sort((a, b) => yearOf(a) - yearOf(b) || (a < b ? -1 : 1))
    let previous: VFile | undefined
    for (const path of sorted) {
      const id = basename(dirname(path))
      if (group.kind === 'bundle') {
        const read = await readVerifiedMember(path, 'data.json', lang)
        if ('problems' in read) {
          options.skipped?.({ source: path, reason: read.problems[0] ?? '' })
          continue
        }
        const data = JSON.parse(new TextDecoder('utf-8').decode(read.bytes)) as DataJson
        if (data.validation.errors > 0) options.skipped?.({ source: path, reason: '报告有错误' })
        else yield { id, source: path, data }
        continue
      }
      const file = await loadReport(path, { lang })
      const report = file.data.report
      const prior = previous?.data.report && report && previous.data.report.meta.year === report.meta.year - 1 ? previous : undefined
      validateReport(file, prior ? { previous: prior } : {})
      previous = file
      const data = hasErrors(file) ? undefined : exportData(file)
      if (!data) {
        const first = diagnosticsOf(file).find((d) => d.severity === 'error')
        options.skipped?.({ source: path, reason: first ? `${first.line}:${first.column} ${first.message}（${first.ruleId}）` : '不是报告' })
        continue
      }
      yield { id, source: path, data }
    }
  }
}

/** Files read ahead of the one being parsed: a year is hundreds of small files, each read waiting on the disk. */
export const READ_AHEAD = 8

/** Reports from `data.json` files the build wrote beside each page (already validated when written), in the order given. */
export async function* dataJsonReports(files: readonly { id: string; path: string }[]): AsyncGenerator<DatasetReport> {
  const { readFile } = await import('node:fs/promises')
  let i = 0
  for await (const text of readAhead(files, READ_AHEAD, (f) => readFile(f.path, 'utf8'))) {
    const { id, path } = files[i++]!
    const data = JSON.parse(text) as DataJson
    if (data.validation.errors === 0) yield { id, source: path, data }
  }
}

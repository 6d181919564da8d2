/**
 * The supervisor's pages of a whole-tree build: the roll-up of every report
 * (out/rollup/), the dataset (out/dataset/, from the data.json the build
 * wrote) and the dashboard (out/index.html). Skipped when no report's
 * inputs changed since they were last written (out/.nianbao-supervisor.json),
 * so a no-op build stays fast.
 */
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { IndexEntry } from '../build/site-index.js'
import { readKeptKey } from '../build/kept-json.js'
import { writeFileAtomic } from '../build/write-atomic.js'
import type { Lang } from '../diagnostics/types.js'
import { version } from '../version.js'
import type { ReportRecord } from '../rollup/record.js'
import type { DashboardEntry } from './dashboard.js'

export const SUPERVISOR_CACHE = '.nianbao-supervisor.json'
/** Each year's CSV lines of the dataset as last written, and their keys (dataset/write.ts `writeDatasetKept`). */
export const DATASET_CACHE = '.nianbao-dataset'
/** The key of the roll-up PDF last written (rollup/write.ts `pdfKeyFile`). */
export const ROLLUP_PDF_KEY = '.nianbao-rollup-pdf.json'

export interface SupervisorPagesInput {
  root: string
  outDir: string
  entries: readonly IndexEntry[]
  /** Every entry's written files (relative to outDir), by `dir/year`. */
  outputs: ReadonlyMap<string, readonly string[]>
  /** Input hashes of every report (the build cache's keys), for the skip check. */
  keys: readonly string[]
  /**
   * Each report's `datasetDigest`, by `dir/year`: a year of the dataset is written again only when
   * what it holds of one of its reports changed (or nianbao's code, `shared`), not at every edit.
   */
  datasetDigests?: ReadonlyMap<string, string>
  /** What every output depends on besides its report (code, fonts: `InputsHasher.shared`): the roll-up PDF is kept while it and the page are the same. */
  shared?: string
  /** Whether PDFs are built (the roll-up PDF too). */
  pdf: boolean
  jobs?: number
  lang: Lang
  /** Roll-up records the build already made, by absolute source path; asked for only when the pages are written. */
  records?: () => Promise<ReadonlyMap<string, ReportRecord>>
}

const exists = (path: string) => stat(path).then(() => true, () => false)

export async function writeSupervisorPages(input: SupervisorPagesInput): Promise<void> {
  const entries: DashboardEntry[] = input.entries.map((e) => {
    const outputs = input.outputs.get(`${e.dir}/${e.year}`) ?? []
    const find = (suffix: string) => outputs.find((o) => o.endsWith(suffix))
    const compare = find('/compare.html')
    const docx = find('.docx')
    return { ...e, links: { ...e.links, ...(compare ? { compare } : {}), ...(docx ? { docx } : {}) } }
  })
  const key = createHash('sha256')
    .update(JSON.stringify({ version, pdf: input.pdf, keys: [...input.keys].sort(), entries }))
    .digest('hex')
  const cachePath = join(input.outDir, SUPERVISOR_CACHE)
  const previous = await readKeptKey(cachePath)
  const outputs = ['index.html', 'rollup/index.html', 'dataset/cells.csv'].map((p) => join(input.outDir, p))
  if (previous === key && (await Promise.all(outputs.map(exists))).every(Boolean)) return

  const { runRollup } = await import('../rollup/run.js')
  const { summarize } = await import('../rollup/summary.js')
  const { writeRollup } = await import('../rollup/write.js')
  const known = await input.records?.()
  const data = await runRollup({ paths: [input.root], ...(input.jobs ? { jobs: input.jobs } : {}), lang: input.lang, ...(known ? { known } : {}) })
  const summary = summarize(data)
  const pages = new Map(entries.map((e) => [`${e.dir}/${e.year}`, e.links.html]))
  await writeRollup(data, summary, {
    outDir: join(input.outDir, 'rollup'),
    targets: input.pdf ? ['html', 'pdf', 'csv'] : ['html', 'csv'],
    ...(input.shared ? { pdfKey: { file: join(input.outDir, ROLLUP_PDF_KEY), shared: input.shared } } : {}),
    link: (r) => {
      const page = pages.get(`${r.id}/${r.year}`)
      return page ? `../${page}` : undefined
    },
  })

  const { dataJsonReports } = await import('../dataset/read.js')
  const { writeDatasetKept } = await import('../dataset/write.js')
  const byYear = new Map<number, { id: string; path: string; key: string | undefined }[]>()
  for (const e of entries) {
    const data = (input.outputs.get(`${e.dir}/${e.year}`) ?? []).find((o) => o.endsWith('/data.json'))
    if (!data || e.stale) continue
    const list = byYear.get(e.year) ?? byYear.set(e.year, []).get(e.year)!
    list.push({ id: e.dir, path: join(input.outDir, data), key: input.datasetDigests?.get(`${e.dir}/${e.year}`) })
  }
  const years = [...byYear].map(([year, files]) => ({
    year,
    // Without every report's digest (an older build cache, an API caller) or the code's hash, the year is written every time.
    ...(input.shared !== undefined && files.every((f) => f.key !== undefined)
      ? { key: createHash('sha256').update(JSON.stringify({ shared: input.shared, files })).digest('hex') }
      : {}),
    reports: () => dataJsonReports(files),
  }))
  await writeDatasetKept(years, join(input.outDir, 'dataset'), join(input.outDir, DATASET_CACHE))

  // Loaded here: the charts (ECharts) are not needed by a build that changed nothing.
  const { renderDashboard } = await import('./dashboard.js')
  await writeFileAtomic(join(input.outDir, 'index.html'), renderDashboard({ entries, rollup: { data, summary, page: 'rollup/index.html' } }))
  await writeFileAtomic(cachePath, JSON.stringify({ key }, null, 2) + '\n')
}

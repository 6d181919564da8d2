/**
 * Write a roll-up: `<out>/index.html`, `rollup.pdf`, `rollup.csv` and
 * `rollup-agencies.csv` (atomically; same reports, same bytes).
 */
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { readKeptKey } from '../build/kept-json.js'
import { writeFileAtomic } from '../build/write-atomic.js'
import { renderPagePdf } from '../compare/page-pdf.js'
import { documentDate } from '../render/pdf/index.js'
import { rollupAgenciesCsv, rollupCellsCsv } from './rollup-csv.js'
import { rollupHtml, rollupTitle, type RollupPageOptions } from './rollup-html.js'
import type { RollupData } from './run.js'
import type { RollupSummary } from './summary.js'

export type RollupTarget = 'html' | 'pdf' | 'csv'
export const rollupTargets: readonly RollupTarget[] = ['html', 'pdf', 'csv']

export interface WriteRollupOptions extends RollupPageOptions {
  outDir: string
  targets: readonly RollupTarget[]
  /**
   * A build's: `file` keeps the key of the PDF last written; when the page, its title and date, and
   * `shared` (the build's code and fonts) are those of the rollup.pdf in place, that PDF is kept
   * rather than rendered again.
   */
  pdfKey?: { file: string; shared: string }
}

/** The document date: the latest `published` of the year's reports (else SOURCE_DATE_EPOCH, else a fixed day). */
function rollupDate(summary: RollupSummary): Date {
  const dates = summary.included.flatMap((r) => (r.published ? [r.published] : [])).sort()
  return documentDate(dates.at(-1))
}

/** Write the requested outputs; returns the paths written. */
export async function writeRollup(data: RollupData, summary: RollupSummary, options: WriteRollupOptions): Promise<string[]> {
  const written: string[] = []
  const write = async (name: string, bytes: string | Uint8Array) => {
    const path = join(options.outDir, name)
    await writeFileAtomic(path, bytes)
    written.push(path)
  }
  const html = rollupHtml(data, summary, options)
  if (options.targets.includes('html')) await write('index.html', html)
  if (options.targets.includes('pdf')) {
    const meta = { title: rollupTitle(summary.year), author: 'nianbao', subject: rollupTitle(summary.year), date: rollupDate(summary) }
    // Same page, same PDF (page-pdf.ts): the key is what renderPagePdf reads.
    const key = createHash('sha256').update(JSON.stringify([options.pdfKey?.shared, meta, html])).digest('hex')
    const path = join(options.outDir, 'rollup.pdf')
    const keyFile = options.pdfKey?.file
    const kept = keyFile ? await readKeptKey(keyFile) : undefined
    if (kept === key && (await stat(path).then((s) => s.isFile(), () => false))) written.push(path)
    else {
      await write('rollup.pdf', (await renderPagePdf(html, meta)).pdf)
      if (keyFile) await writeFileAtomic(keyFile, JSON.stringify({ key }) + '\n')
    }
  }
  if (options.targets.includes('csv')) {
    await write('rollup.csv', rollupCellsCsv(data))
    await write('rollup-agencies.csv', rollupAgenciesCsv(data, summary))
  }
  return written
}

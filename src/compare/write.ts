/**
 * Write a comparison: `compare.html` and `compare.pdf` in the newer
 * report's output folder (atomically; same reports, same bytes).
 */
import { join } from 'node:path'
import { writeFileAtomic } from '../build/write-atomic.js'
import { documentDate } from '../render/pdf/index.js'
import type { Report } from '../source/report.js'
import { comparisonHtml, comparisonTitle } from './compare-html.js'
import { compareReports } from './compare-model.js'
import { renderPagePdf } from './page-pdf.js'

export type CompareTarget = 'html' | 'pdf'
export const compareTargets: readonly CompareTarget[] = ['html', 'pdf']

/** Render and write the comparison of `older` with `newer` into `dir`; returns the paths written. */
export async function writeComparison(older: Report, newer: Report, dir: string, targets: readonly CompareTarget[] = compareTargets): Promise<string[]> {
  const comparison = compareReports(older, newer)
  const html = comparisonHtml(comparison)
  const written: string[] = []
  if (targets.includes('html')) {
    await writeFileAtomic(join(dir, 'compare.html'), html)
    written.push(join(dir, 'compare.html'))
  }
  if (targets.includes('pdf')) {
    const title = comparisonTitle(comparison)
    const { pdf } = await renderPagePdf(html, { title, author: newer.meta.agency, subject: title, date: documentDate(newer.meta.published) })
    await writeFileAtomic(join(dir, 'compare.pdf'), pdf)
    written.push(join(dir, 'compare.pdf'))
  }
  return written
}

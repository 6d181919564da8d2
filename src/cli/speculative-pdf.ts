/**
 * A one-report `nianbao build --to pdf` starts its PDF before the report is
 * checked. The checks (the schema, the rules, last year's report read and
 * parsed for the cross-year rules) take the main thread a fifth of a second
 * in a cold process, while the PDF thread, warmed up already, waits for a
 * page. So the page is merged as soon as the report is parsed and sent; the
 * build then takes that PDF only if the report passed and its page, merged
 * again, is the same (build/pdf-thread.ts `speculate`). Nothing is written
 * from a report with errors, as before.
 */
import { VFile } from 'vfile'
import type { PdfThread } from '../build/pdf-thread.js'

export interface SpeculationOptions {
  templates?: string
  pdfA?: boolean
}

/** The `onLoaded` hook of validatePaths that merges the first report's page and sends it to the thread. */
export function speculatePdf(thread: PdfThread, options: SpeculationOptions): (file: VFile) => Promise<void> {
  let started = false
  return async (file) => {
    if (started) return
    started = true
    const { renderHtml } = await import('../render/html.js')
    // A copy takes the messages of this merge: the build merges again and says them once.
    const scratch = new VFile({ path: file.path, value: file.value })
    Object.assign(scratch.data, file.data)
    const html = await renderHtml(scratch, options.templates ? { templates: options.templates } : {})
    if (html !== undefined) thread.speculate(html, file, options.pdfA ? { pdfA: true } : {})
  }
}

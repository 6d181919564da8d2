/**
 * The PDF view: rendered only when asked for, from the page the preview
 * shows (as `nianbao build` makes it from the same HTML), and kept by
 * content hash — the page's SHA-256 and the bytes of the configuration
 * that picks the fonts — so asking again for an unchanged report is free.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { VFile } from 'vfile'
import { diagnosticsOf } from '../diagnostics/emit.js'
import type { Diagnostic, Lang } from '../diagnostics/types.js'
import { findConfigFile } from '../render/pdf/config.js'
import type { PreviewState } from './render.js'

export type PdfResult = { pdf: Uint8Array } | { problems: Diagnostic[] }

/** How many PDFs are kept (a few reports being edited side by side). */
const KEEP = 8

async function configKey(reportPath: string): Promise<string> {
  const path = await findConfigFile(reportPath)
  if (!path) return '-'
  const bytes = await readFile(path).catch(() => new Uint8Array())
  return `${path}:${createHash('sha256').update(bytes).digest('hex')}`
}

export class PdfCache {
  private readonly items = new Map<string, Promise<PdfResult>>()
  /** Renders done (cache misses), for tests and the log. */
  renders = 0

  constructor(private readonly lang: Lang = 'zh') {}

  async get(state: PreviewState): Promise<PdfResult> {
    if (state.html === undefined) return { problems: state.diagnostics.filter((d) => d.severity === 'error') }
    const key = `${state.hash}\n${await configKey(state.path)}`
    let item = this.items.get(key)
    if (item) {
      // Most recently used last.
      this.items.delete(key)
      this.items.set(key, item)
      return item
    }
    item = this.render(state.html, state)
    this.items.set(key, item)
    while (this.items.size > KEEP) this.items.delete(this.items.keys().next().value!)
    const result = await item
    // Font problems may be fixed without the page changing: do not keep a failure.
    if ('problems' in result) this.items.delete(key)
    return result
  }

  private async render(html: string, state: PreviewState): Promise<PdfResult> {
    this.renders++
    // A file of its own: the PDF's problems (fonts, configuration) apart from the report's.
    const file = new VFile({ path: state.path })
    file.data.lang = this.lang
    const { renderPdf } = await import('../render/pdf/index.js')
    const pdf = await renderPdf(html, file)
    return pdf ? { pdf } : { problems: diagnosticsOf(file) }
  }

  clear(): void {
    this.items.clear()
  }
}

/**
 * Text in SVG charts uses the document's embedded fonts. pdfmake hands
 * svg-to-pdfkit the font's name in its virtual file system, which pdfkit
 * would then try to open as a path on disk (and fail, printing a warning and
 * falling back to Helvetica, which has no Chinese). pdfkit's `font()` is
 * taught those names here: registered from the virtual file system once, and
 * resolved to the font object already embedded for the document's text, so
 * a chart adds no second copy of a font.
 */
import { pdfmakeInternal } from './pdfmake-internals.js'

interface PdfDocumentLike {
  _registeredFonts: Record<string, unknown>
  virtualfs: { existsSync(name: string): boolean; readFileSync(name: string): Buffer } | null
  registerFont(name: string, src: Buffer): void
}

let installed = false

export function installSvgFonts(): void {
  if (installed) return
  installed = true
  const PDFDocument = pdfmakeInternal<{ prototype: Record<string, unknown> }>('PDFDocument')
  const original = PDFDocument.prototype.font as (this: PdfDocumentLike, src: unknown, ...rest: unknown[]) => unknown
  PDFDocument.prototype.font = function font(this: PdfDocumentLike, src: unknown, ...rest: unknown[]): unknown {
    if (typeof src === 'string' && !this._registeredFonts[src] && this.virtualfs?.existsSync(src)) {
      this.registerFont(src, this.virtualfs.readFileSync(src))
    }
    return original.call(this, src, ...rest)
  }
}

/**
 * Text of a PDF as pdfjs-dist sees it (what a reader's search and copy
 * see): positioned items per page, and lines in reading order.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PdfItem {
  page: number
  x: number
  y: number
  size: number
  text: string
}

export interface PdfText {
  pages: number
  items: PdfItem[]
  info: Record<string, unknown>
  /** The XMP packet, if pdfjs could parse one. */
  xmpTitle: string | undefined
  /** Every property of the XMP packet pdfjs parsed (`pdfaid:part` …), empty when there is none or it is malformed. */
  xmp: Map<string, unknown>
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  // pdfjs may transfer the buffer; give it a copy.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise
  const items: PdfItem[] = []
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p)
    const content = await page.getTextContent()
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue
      const [a, b, , , x, y] = item.transform as number[]
      items.push({ page: p, x: x!, y: y!, size: Math.hypot(a!, b!), text: item.str })
    }
  }
  const meta = await doc.getMetadata()
  const xmp = meta.metadata as ({ get(name: string): unknown } & Iterable<[string, unknown]>) | null
  const xmpTitle = xmp ? (xmp.get('dc:title') as string | undefined) : undefined
  const result = { pages: doc.numPages, items, info: meta.info as Record<string, unknown>, xmpTitle, xmp: new Map(xmp ?? []) }
  await doc.destroy()
  return result
}

/** Items in reading order: page, then top to bottom, then left to right. */
export function readingOrder(items: PdfItem[]): PdfItem[] {
  return [...items].sort((p, q) => p.page - q.page || Math.round(q.y) - Math.round(p.y) || p.x - q.x)
}

/** Lines: items of one page at one baseline, left to right, joined. */
export function lines(items: PdfItem[]): { page: number; y: number; text: string }[] {
  const out: { page: number; y: number; text: string }[] = []
  for (const item of readingOrder(items)) {
    const last = out[out.length - 1]
    if (last && last.page === item.page && Math.abs(last.y - item.y) < 1) last.text += item.text
    else out.push({ page: item.page, y: item.y, text: item.text })
  }
  return out
}

/** All text, in reading order, without spaces. */
export function plainText(items: PdfItem[]): string {
  return readingOrder(items)
    .map((i) => i.text)
    .join('')
    .replace(/\s+/g, '')
}

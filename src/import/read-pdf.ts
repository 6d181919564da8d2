/**
 * PDF → lines (pdfjs-dist): text items on one baseline make a line, left to
 * right; a gap wider than the font size between two items is a cell
 * boundary (a tab), as in a table. Recognition then treats the result like
 * any plain-text dump, with its wrapped labels and page footers.
 */
import type { LineBlock, SourceDocument } from './blocks.js'
import { lineBlock } from './read-text.js'

interface Item {
  x: number
  y: number
  width: number
  size: number
  text: string
}

export async function readPdf(bytes: Uint8Array): Promise<SourceDocument | { error: string }> {
  let pdf
  try {
    // Loaded on demand: only PDF input needs it.
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
    // pdfjs wants a plain Uint8Array (not a Buffer) and may transfer it: give it a copy.
    pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise
  } catch (error) {
    return { error: `无法读取 PDF（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）` }
  }
  const blocks: LineBlock[] = []
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p)
    const content = await page.getTextContent()
    const items: Item[] = []
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue
      const [a, b, , , x, y] = item.transform as number[]
      items.push({ x: x!, y: y!, width: item.width, size: Math.hypot(a!, b!) || 1, text: item.str })
    }
    items.sort((m, n) => n.y - m.y || m.x - n.x)
    const lines: Item[][] = []
    for (const item of items) {
      const line = lines.at(-1)
      if (line && Math.abs(line[0]!.y - item.y) < item.size * 0.5) line.push(item)
      else lines.push([item])
    }
    for (const line of lines) {
      line.sort((m, n) => m.x - n.x)
      let text = ''
      line.forEach((item, i) => {
        const before = line[i - 1]
        if (before && item.x - (before.x + before.width) > before.size * 0.8) text += '\t'
        text += item.text
      })
      blocks.push(lineBlock(text, blocks.length + 1))
    }
  }
  await pdf.destroy()
  if (blocks.length === 0) return { error: 'PDF 中没有可提取的文字（可能是扫描件），请先做文字识别（OCR）或另存为文本' }
  return { kind: 'text', blocks }
}

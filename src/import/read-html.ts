/**
 * HTML page → lines and tables (rehype-parse). Block elements and <br>
 * end a line; a table whose cells hold further tables or whole paragraphs
 * of layout is read through as content, a data table becomes a cell grid.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { parseBoundedHtml } from '../html-bounded.js'
import { toText } from '../vendor/hast.js'
import type { Block, SourceDocument, TableCell } from './blocks.js'
import { lineBlock } from './read-text.js'

const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'center', 'form', 'fieldset', 'figure', 'figcaption',
  'caption', 'hr', 'address', 'body', 'html',
])
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'select', 'button'])

function isElement(node: RootContent | ElementContent | Root): node is Element {
  return node.type === 'element'
}

function spanOf(value: unknown): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? '1'), 10)
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : 1
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = []
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!isElement(child)) continue
      if (child.tagName === 'tr') rows.push(child)
      else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) visit(child)
    }
  }
  visit(table)
  return rows
}

function cellsOf(row: Element): Element[] {
  return row.children.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'))
}

function contains(node: Element, test: (e: Element) => boolean): boolean {
  return node.children.some((c) => isElement(c) && (test(c) || contains(c, test)))
}

/** A layout table (the whole page in one cell, or tables inside cells) is content, not data. */
function isLayoutTable(table: Element): boolean {
  const rows = rowsOf(table)
  if (rows.length === 0) return true
  if (rows.some((row) => cellsOf(row).some((cell) => contains(cell, (e) => e.tagName === 'table')))) return true
  const widths = rows.map((row) => cellsOf(row).reduce((n, c) => n + spanOf(c.properties.colSpan), 0))
  if (Math.max(...widths) <= 1) return true
  const paragraphs = rows.flatMap(cellsOf).filter((cell) => cell.children.filter((c) => isElement(c) && c.tagName === 'p').length > 3)
  return paragraphs.length > 0
}

function cellText(cell: Element): string {
  return toText(cell, { whitespace: 'normal' }).replace(/\u00a0/g, ' ').trim()
}

/** Lines and tables of a page; throws `LimitExceeded` on a page over the HTML limits. */
export function readHtml(html: string, kind: 'html' | 'docx' = 'html'): SourceDocument {
  const tree = parseBoundedHtml(html, 'htmlDepth')
  const blocks: Block[] = []
  let buffer = ''
  const flush = () => {
    const text = buffer.replace(/[ \t\r\n\f]+/g, ' ').trim()
    if (text !== '') blocks.push(lineBlock(text, blocks.length + 1))
    buffer = ''
  }
  const walk = (node: Root | ElementContent | RootContent) => {
    if (node.type === 'text') {
      buffer += node.value
      return
    }
    if (node.type !== 'element' && node.type !== 'root') return
    if (isElement(node)) {
      if (SKIP.has(node.tagName)) return
      if (node.tagName === 'br') return flush()
      if (node.tagName === 'table' && !isLayoutTable(node)) {
        flush()
        const rows: TableCell[][] = rowsOf(node).map((row) =>
          cellsOf(row).map((cell) => ({
            text: cellText(cell),
            rowSpan: spanOf(cell.properties.rowSpan),
            colSpan: spanOf(cell.properties.colSpan),
          })),
        )
        blocks.push({ type: 'table', rows, at: blocks.length + 1 })
        return
      }
      const block = BLOCKS.has(node.tagName) || ['table', 'tr', 'td', 'th'].includes(node.tagName)
      if (block) flush()
      for (const child of node.children) walk(child)
      if (block) flush()
      return
    }
    for (const child of node.children) walk(child)
  }
  walk(tree)
  flush()
  return { kind, blocks }
}

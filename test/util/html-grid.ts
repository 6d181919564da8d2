/**
 * Read rendered HTML back as a reader sees it: parse it (rehype-parse) and
 * resolve every rowspan/colspan of a table into a plain rows × columns grid.
 */
import type { Element, Root } from 'hast'
import { toText } from 'hast-util-to-text'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'

export function parseHtml(html: string): Root {
  return unified().use(rehypeParse).parse(html)
}

export function elements(tree: Root | Element, test: (el: Element) => boolean): Element[] {
  const out: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (test(node)) out.push(node)
  })
  return out
}

export function byId(tree: Root, id: string): Element | undefined {
  return elements(tree, (el) => el.properties.id === id)[0]
}

export interface GridCell {
  text: string
  tag: string
  className: string[]
  /** The grid position where the cell's element starts (for spans). */
  origin: [number, number]
}

export interface Grid {
  /** Number of rows inside `<thead>`. */
  headRows: number
  rows: GridCell[][]
}

/** Resolve a table's spans: thead rows first, then tbody rows, in document order. */
export function tableGrid(table: Element): Grid {
  const trs: { tr: Element; head: boolean }[] = []
  for (const part of table.children) {
    if (part.type !== 'element') continue
    if (part.tagName === 'tr') trs.push({ tr: part, head: false })
    else if (part.tagName === 'thead' || part.tagName === 'tbody') {
      for (const tr of part.children) if (tr.type === 'element' && tr.tagName === 'tr') trs.push({ tr, head: part.tagName === 'thead' })
    }
  }
  const rows: GridCell[][] = trs.map(() => [])
  trs.forEach(({ tr }, r) => {
    let c = 0
    for (const td of tr.children) {
      if (td.type !== 'element' || (td.tagName !== 'td' && td.tagName !== 'th')) continue
      while (rows[r]![c]) c++
      const colspan = Number(td.properties.colSpan ?? 1)
      const rowspan = Number(td.properties.rowSpan ?? 1)
      const cell: GridCell = {
        text: toText(td).trim(),
        tag: td.tagName,
        className: (td.properties.className as string[] | undefined) ?? [],
        origin: [r, c],
      }
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          const row = rows[r + dr]
          if (row) row[c + dc] = cell
        }
      }
      c += colspan
    }
  })
  return { headRows: trs.filter((t) => t.head).length, rows }
}

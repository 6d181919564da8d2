/**
 * HTML tables (thead/tbody, th/td with rowspan/colspan) → pdfmake tables.
 *
 * pdfmake draws a rowSpan cell wrongly when a page break falls inside it
 * (library-notes §1.5, §1.8), so a table is never allowed to break inside a
 * row-spanning group: a table that fits a page is kept whole (`unbreakable`);
 * a taller one is laid out as an outer table whose rows are the groups, each
 * a nested table with the same column widths, with the header repeated.
 * `unbreakable` drops what does not fit one page, so heights are estimated
 * conservatively before anything is marked unbreakable.
 */
import type { Element, ElementContent } from 'hast'
import { collectRuns, normalizeRuns, runsText, type Run, type Unsupported } from './inline.js'
import { CLOSING, OPENING } from './kinsoku.js'
import { contentHeight, contentWidth, tableLineHeight, tableLineWidth, tablePadding, tableSize } from './styles.js'

/** A loosely typed pdfmake node; the document definition is assembled from these. */
export type PdfNode = Record<string, unknown>

interface GridCell {
  row: number
  col: number
  rowSpan: number
  colSpan: number
  header: boolean
  numeric: boolean
  blockHeading: boolean
  runs: Run[]
}

export interface ParsedTable {
  id: string | undefined
  caption: Run[] | undefined
  headerRows: number
  columns: number
  /** Origin cells by row; covered slots are absent. */
  rows: GridCell[][]
}

function classes(node: Element): string[] {
  const value = node.properties?.className
  return Array.isArray(value) ? value.map(String) : []
}

function span(value: unknown): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? '1'), 10)
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1
}

function elements(nodes: ElementContent[]): Element[] {
  return nodes.filter((n): n is Element => n.type === 'element')
}

/** Lay a table's cells on a grid, as the HTML table model does, section by section. */
export function parseTable(table: Element, unsupported: Unsupported): ParsedTable {
  let caption: Run[] | undefined
  const sections: { header: boolean; rows: Element[] }[] = []
  for (const child of table.children) {
    if (child.type === 'text' && child.value.trim() === '') continue
    if (child.type !== 'element') continue
    const tag = child.tagName
    if (tag === 'caption') caption = normalizeRuns(collectRuns(child.children, unsupported))
    else if (tag === 'thead') sections.push({ header: true, rows: elements(child.children).filter((r) => r.tagName === 'tr') })
    else if (tag === 'tbody' || tag === 'tfoot') sections.push({ header: false, rows: elements(child.children).filter((r) => r.tagName === 'tr') })
    else if (tag === 'tr') sections.push({ header: false, rows: [child] })
    else if (tag === 'colgroup' || tag === 'col') continue
    else unsupported(tag, child)
  }
  const rows: GridCell[][] = []
  let headerRows = 0
  let columns = 0
  for (const section of sections) {
    const start = rows.length
    const occupied: boolean[][] = section.rows.map(() => [])
    section.rows.forEach((tr, r) => {
      const cells: GridCell[] = []
      const isBlockHeading = classes(tr).includes('block-heading')
      let col = 0
      for (const node of tr.children) {
        if (node.type !== 'element') continue
        if (node.tagName !== 'th' && node.tagName !== 'td') {
          unsupported(node.tagName, node)
          continue
        }
        while (occupied[r]![col]) col++
        const rowSpan = Math.min(span(node.properties?.rowSpan), section.rows.length - r)
        const colSpan = span(node.properties?.colSpan)
        for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) occupied[r + dr]![col + dc] = true
        cells.push({
          row: start + r,
          col,
          rowSpan,
          colSpan,
          header: node.tagName === 'th',
          numeric: classes(node).includes('num'),
          blockHeading: isBlockHeading,
          runs: normalizeRuns(collectRuns(node.children, unsupported)),
        })
        col += colSpan
      }
      rows.push(cells)
    })
    for (const slots of occupied) columns = Math.max(columns, slots.length)
    if (section.header && start === headerRows) headerRows += section.rows.length
  }
  const id = table.properties?.id
  return { id: typeof id === 'string' ? id : undefined, caption, headerRows, columns, rows }
}

/** Width of text in em: CJK and full-width forms are one em, the rest about 0.6. */
function textEm(text: string): number {
  let em = 0
  for (const ch of text) em += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6
  return em
}

const pad = 2 * tablePadding.x

/** Height of one table text line in pt (Noto: 1.437 em). */
const lineHeight = 1.437 * tableSize * tableLineHeight

/**
 * Column widths: numbers need little, row labels take what is left (see
 * README §PDF). A column that holds only row-spanning group labels
 * (「三、本年度办理结果」, 「（三）不予公开」) is made just wide enough for its
 * label to wrap within the rows it spans, down to one character a line.
 */
export function columnWidths(table: ParsedTable): number[] {
  const n = table.columns
  const available = contentWidth - n * pad - (n + 1) * tableLineWidth
  const numeric = new Array<boolean>(n).fill(false)
  const desired = new Array<number>(n).fill(0)
  const hasLines = new Array<boolean>(n).fill(false)
  const groupMin = new Array<number>(n).fill(0)
  const body = table.rows.slice(table.headerRows)
  for (const row of body) for (const cell of row) if (cell.numeric && cell.colSpan === 1) numeric[cell.col] = true
  const minNumeric = 2 * tableSize
  const minLabel = 3 * tableSize
  const oneLineRow = tablePadding.top + tablePadding.bottom + tableLineWidth + lineHeight
  const groupDesired = new Array<number>(n).fill(0)
  for (const row of body)
    for (const cell of row) {
      if (cell.colSpan !== 1) continue
      const text = runsText(cell.runs)
      const em = Math.max(...text.split('\n').map(textEm))
      if (numeric[cell.col]) desired[cell.col] = Math.max(desired[cell.col]!, (em + 0.6) * tableSize)
      else if (cell.rowSpan === 1) {
        desired[cell.col] = Math.max(desired[cell.col]!, em * tableSize)
        hasLines[cell.col] = true
      } else {
        const lines = Math.max(1, Math.floor((cell.rowSpan * oneLineRow - tablePadding.top - tablePadding.bottom) / lineHeight))
        let perLine = Math.ceil(em / lines)
        // Punctuation needs a character beside it (「三、」), and a line with
        // no spare place leaves the line-breaking rules no room.
        if (perLine < 2 && [...text].some((ch) => CLOSING.includes(ch) || OPENING.includes(ch))) perLine = 2
        else if (lines > 1 && perLine * lines - em < 1) perLine++
        groupMin[cell.col] = Math.max(groupMin[cell.col]!, perLine * tableSize + 0.5)
        groupDesired[cell.col] = Math.max(groupDesired[cell.col]!, em * tableSize)
      }
    }
  const group = desired.map((_, i) => !numeric[i] && !hasLines[i] && groupMin[i]! > 0)
  for (let i = 0; i < n; i++) if (group[i]) desired[i] = Math.max(groupMin[i]!, groupDesired[i]!)
  const mins = numeric.map((isNum, i) => (isNum ? minNumeric : group[i] ? groupMin[i]! : minLabel))
  for (let i = 0; i < n; i++) desired[i] = Math.max(desired[i]!, mins[i]!)
  const total = desired.reduce((a, b) => a + b, 0)
  if (total <= available) {
    const scale = available / total
    return desired.map((w) => w * scale)
  }
  // Too wide: numeric columns keep their need, group labels wrap to their
  // narrowest, and row labels share what is left.
  const fixed = desired.reduce((a, w, i) => a + (numeric[i] ? w : group[i] ? mins[i]! : 0), 0)
  const isLabel = (i: number) => !numeric[i] && !group[i]
  const labelMin = mins.reduce((a, w, i) => a + (isLabel(i) ? w : 0), 0)
  const labelExtra = desired.reduce((a, w, i) => a + (isLabel(i) ? w - mins[i]! : 0), 0)
  const room = available - fixed - labelMin
  if (room >= 0 && room < labelExtra) {
    const f = room / labelExtra
    return desired.map((w, i) => (isLabel(i) ? mins[i]! + (w - mins[i]!) * f : group[i] ? mins[i]! : w))
  }
  if (room >= labelExtra) {
    // Row labels get a line each; the group labels share the rest.
    const spare = room - labelExtra
    const groupExtra = desired.reduce((a, w, i) => a + (group[i] ? w - mins[i]! : 0), 0)
    const f = groupExtra > 0 ? Math.min(1, spare / groupExtra) : 0
    return desired.map((w, i) => (group[i] ? mins[i]! + (w - mins[i]!) * f : w))
  }
  const scale = available / desired.reduce((a, w, i) => a + (numeric[i] ? w : mins[i]!), 0)
  return desired.map((w, i) => (numeric[i] ? w : mins[i]!) * scale)
}

function cellWidth(widths: number[], cell: GridCell): number {
  let w = 0
  for (let c = cell.col; c < cell.col + cell.colSpan; c++) w += widths[c] ?? 0
  return w + (cell.colSpan - 1) * (pad + tableLineWidth)
}

/**
 * Lines a text takes at `width` em, filled greedily as pdfmake does: a CJK
 * character may end a line, a run of Latin letters and digits
 * (「0371-12345678」, a URL) may not, closing punctuation stays with what
 * precedes it and opening punctuation with what follows. A run wider than
 * the line is cut where it must be.
 */
export function countLines(text: string, width: number): number {
  const tokens: number[] = []
  let pending = 0
  let word = 0
  const flushWord = () => {
    if (word > 0) tokens.push(pending + word)
    else if (pending > 0) tokens.push(pending)
    word = 0
    pending = 0
  }
  for (const ch of text) {
    const cjk = ch.codePointAt(0)! >= 0x2e80
    const em = cjk ? 1 : 0.6
    if (CLOSING.includes(ch)) {
      if (word > 0) word += em
      else if (tokens.length > 0) tokens[tokens.length - 1]! += em
      else pending += em
    } else if (OPENING.includes(ch)) {
      flushWord()
      pending += em
    } else if (ch === ' ') {
      flushWord()
      tokens.push(0.3)
    } else if (cjk) {
      flushWord()
      tokens.push(em)
    } else word += em
  }
  flushWord()
  const w = Math.max(1, width)
  let lines = 1
  let used = 0
  for (const t of tokens) {
    if (used + t <= w + 1e-6) {
      used += t
      continue
    }
    if (used > 0) lines++
    used = t
    while (used > w + 1e-6) {
      lines++
      used -= w
    }
  }
  return lines
}

/** Estimated height of each row in pt, on the generous side. */
export function estimateRowHeights(table: ParsedTable, widths: number[]): number[] {
  const heights = table.rows.map(() => tablePadding.top + tablePadding.bottom + tableLineWidth + lineHeight)
  const need = (cell: GridCell): number => {
    const width = cellWidth(widths, cell)
    let lines = 0
    for (const part of runsText(cell.runs).split('\n')) lines += countLines(part, width / tableSize)
    return lines * lineHeight + tablePadding.top + tablePadding.bottom + tableLineWidth
  }
  for (const row of table.rows) for (const cell of row) if (cell.rowSpan === 1) heights[cell.row] = Math.max(heights[cell.row]!, need(cell))
  for (const row of table.rows)
    for (const cell of row) {
      if (cell.rowSpan === 1) continue
      const last = cell.row + cell.rowSpan - 1
      let have = 0
      for (let r = cell.row; r <= last; r++) have += heights[r]!
      const missing = need(cell) - have
      if (missing > 0) heights[last] = heights[last]! + missing
    }
  return heights
}

/** Row groups of the body: rows tied by rowSpan; rows of header cells only join the group below. */
export function rowGroups(table: ParsedTable): [number, number][] {
  const groups: [number, number][] = []
  let r = table.headerRows
  while (r < table.rows.length) {
    const start = r
    let end = r
    while (r <= end && r < table.rows.length) {
      for (const cell of table.rows[r]!) end = Math.max(end, cell.row + cell.rowSpan - 1)
      const onlyHeaders = table.rows[r]!.every((c) => c.header)
      if (r === end && onlyHeaders && r + 1 < table.rows.length) end = r + 1
      r++
    }
    groups.push([start, Math.min(end, table.rows.length - 1)])
  }
  return groups
}

/** Turns runs into pdfmake inline text. */
export type ToInlines = (runs: Run[]) => unknown[]

function cellNode(cell: GridCell, toInlines: ToInlines, inHeader: boolean): PdfNode {
  const style = cell.blockHeading
    ? 'blockHeading'
    : cell.numeric
      ? 'num'
      : inHeader || (cell.header && cell.rowSpan > 1)
        ? 'th'
        : 'rowLabel'
  const node: PdfNode = { text: toInlines(cell.runs), style }
  if (cell.rowSpan > 1) node.rowSpan = cell.rowSpan
  if (cell.colSpan > 1) node.colSpan = cell.colSpan
  return node
}

/**
 * pdfmake body rows `from..to` (inclusive) with `{}` placeholders for
 * covered slots. A cell spanning into the range from above is repeated in
 * its first row, so a label cut by a page break shows on both pages.
 */
function bodyRows(table: ParsedTable, from: number, to: number, toInlines: ToInlines, headerRows: number): PdfNode[][] {
  const out: PdfNode[][] = []
  for (let r = from; r <= to; r++) out.push(Array.from({ length: table.columns }, () => ({})))
  for (let r = 0; r <= to; r++)
    for (const cell of table.rows[r]!) {
      const last = cell.row + cell.rowSpan - 1
      if (last < from) continue
      const first = Math.max(cell.row, from)
      out[first - from]![cell.col] = cellNode({ ...cell, rowSpan: Math.min(last, to) - first + 1 }, toInlines, r < headerRows)
    }
  return out
}

const gridLayout: PdfNode = {
  hLineWidth: () => tableLineWidth,
  vLineWidth: () => tableLineWidth,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => tablePadding.x,
  paddingRight: () => tablePadding.x,
  paddingTop: () => tablePadding.top,
  paddingBottom: () => tablePadding.bottom,
}

/** Number of cells crossing the boundary above each row. */
function crossings(table: ParsedTable): number[] {
  const count = new Array<number>(table.rows.length + 1).fill(0)
  for (const row of table.rows) for (const cell of row) for (let r = cell.row + 1; r < cell.row + cell.rowSpan; r++) count[r]!++
  return count
}

/** Some cell of the body spans rows, or a header cell reaches into the body. */
function mergesBodyRows(table: ParsedTable): boolean {
  return crossings(table).some((count, r) => r >= table.headerRows && count > 0)
}

/** One table that breaks between rows, its header rows repeated; the lead and caption go above it. */
function flowingTable(table: ParsedTable, toInlines: ToInlines, widths: number[], heights: number[], limit: number, lead: PdfNode[], captionNode: PdfNode | undefined): TableResult {
  const body = bodyRows(table, 0, table.rows.length - 1, toInlines, table.headerRows)
  // Rows are kept whole, and the first with the header, unless one could be taller than a page:
  // pdfmake keeps only a page of what it must not break, so such a table breaks inside rows.
  const rowsFit = heights.every((h) => h <= limit / 2)
  const tableNode: PdfNode = {
    table: { headerRows: table.headerRows, ...(rowsFit ? { keepWithHeaderRows: 1, dontBreakRows: true } : {}), widths, body },
    layout: gridLayout,
    style: 'table',
  }
  // A row taller than a page is said (`pdf-table-fits-page`), as a part of a cut table would be.
  const oversized = heights.slice(table.headerRows).filter((h) => h > limit).length
  return { nodes: [{ stack: [...lead, ...(captionNode ? [captionNode] : []), tableNode] }], parts: 1, oversized }
}

/**
 * Split the body into page-sized chunks, each assumed to start at the top
 * of a page below the repeated header. A chunk ends at the boundary that
 * cuts the fewest merged cells (none where possible; else only the
 * outermost group label, which is then repeated), the latest such one.
 */
export function paginate(table: ParsedTable, heights: number[], limit: number, firstReserve = 0): [number, number][] {
  const header = heights.slice(0, table.headerRows).reduce((a, b) => a + b, 0)
  const cross = crossings(table)
  const onlyHeaders = table.rows.map((row) => row.length > 0 && row.every((c) => c.header))
  const chunks: [number, number][] = []
  let start = table.headerRows
  while (start < table.rows.length) {
    let height = header + (chunks.length === 0 ? firstReserve : 0)
    let end = start
    while (end < table.rows.length && (end === start || height + heights[end]! <= limit)) height += heights[end++]!
    if (end >= table.rows.length) {
      chunks.push([start, table.rows.length - 1])
      break
    }
    // Break above row `best`, start < best <= end: cut as few merged cells
    // as possible without leaving much of the page empty (the waste weighs
    // more than linearly: a page three quarters empty costs more than a cut
    // through two group labels, which are then repeated); a heading row
    // never ends a chunk.
    let best = end
    let bestCost = Infinity
    let used = height
    for (let b = end; b > start; b--) {
      const waste = (limit - used) / limit
      const cost = cross[b]! * 10 + (onlyHeaders[b - 1] ? 5 : 0) + waste * 20 + waste * waste * 40
      if (cost < bestCost) {
        best = b
        bestCost = cost
      }
      used -= heights[b - 1]!
    }
    chunks.push([start, best - 1])
    start = best
  }
  return chunks
}

/**
 * A table without header rows to repeat breaks only where a block starts
 * with its own heading row (表二's 「第二十条第（一）项」 blocks), so each part
 * reads on its own.
 */
export function headedBlocks(table: ParsedTable): [number, number][] {
  const out: [number, number][] = []
  for (const [from, to] of rowGroups(table)) {
    const last = out[out.length - 1]
    const heading = table.rows[from]!.length > 0 && table.rows[from]!.every((c) => c.header)
    if (last && !heading) last[1] = to
    else out.push([from, to])
  }
  return out
}

export interface TableResult {
  nodes: PdfNode[]
  /** Number of page-sized parts (1: the table is kept whole on one page). */
  parts: number
  /** Parts estimated taller than a page (may lose rows: reported). */
  oversized: number
}

/** The pdfmake content for a parsed table (caption printed above it when asked). */
export function tableToPdf(
  table: ParsedTable,
  toInlines: ToInlines,
  options: {
    caption: boolean
    /** Content kept on the page with the first part (a heading). */
    lead?: PdfNode[]
    leadHeight?: number
    /** Mark parts estimated to fit a page `unbreakable` (default). */
    keepWhole?: boolean
    /** The table's name in messages (its caption or id). */
    name?: string
  },
): TableResult {
  const widths = columnWidths(table)
  const heights = estimateRowHeights(table, widths)
  const captionNode: PdfNode | undefined =
    options.caption && table.caption && table.caption.length > 0 ? { text: toInlines(table.caption), style: 'caption' } : undefined
  // A little slack: `unbreakable` loses what an estimate too low lets overflow.
  const limit = (contentHeight - 8 - (captionNode ? 30 : 0)) * 0.97
  const lead = options.lead ?? []
  const leadHeight = lead.length > 0 ? (options.leadHeight ?? 0) : 0
  // A table that fits a page is kept whole, even when that leaves the rest
  // of the page blank: splitting 表二 there only moves the blank to the next
  // page, since 表三 after it needs a page of its own. A longer table without
  // header rows flows block by block, each moving on only when it does not
  // fit what is left of the page; parts of a table with header rows each
  // start a page.
  const total = leadHeight + heights.reduce((a, b) => a + b, 0)
  const flowing = table.headerRows === 0 && total > limit && headedBlocks(table).length > 1
  // A longer table whose body rows merge no cells (a roll-up's list, a comparison's figures) flows
  // from where it starts, breaking between rows and repeating its header rows, as pdfmake does
  // well without row spans (library-notes §1.5): parts each starting a page left the page before
  // them mostly empty.
  if (!flowing && table.headerRows > 0 && total > limit && !mergesBodyRows(table)) return flowingTable(table, toInlines, widths, heights, limit, lead, captionNode)
  const chunks = flowing
    ? headedBlocks(table)
    : table.rows.length > table.headerRows
      ? paginate(table, heights, limit, leadHeight)
      : [[table.headerRows, table.rows.length - 1] as [number, number]]
  const headerHeight = heights.slice(0, table.headerRows).reduce((a, b) => a + b, 0)
  let oversized = 0
  const nodes = chunks.map(([from, to], i) => {
    const body = [
      ...(table.headerRows > 0 ? bodyRows(table, 0, table.headerRows - 1, toInlines, table.headerRows) : []),
      ...(to >= from ? bodyRows(table, from, to, toInlines, table.headerRows) : []),
    ]
    const tableNode: PdfNode = { table: { headerRows: table.headerRows, widths, body }, layout: gridLayout, style: 'table' }
    let height = headerHeight + (i === 0 ? leadHeight : 0)
    for (let r = from; r <= to; r++) height += heights[r]!
    const fits = height <= limit
    if (!fits) oversized++
    // `unbreakable` keeps only the first page of what it holds, so it is
    // used only where the estimate says the part fits.
    const node: PdfNode = { stack: i === 0 ? [...lead, ...(captionNode ? [captionNode] : []), tableNode] : [tableNode] }
    if (fits && options.keepWhole !== false) {
      node.unbreakable = true
      // Read by unbreakable-guard.ts when the part proves taller than a page after all.
      node.nianbaoTable = options.name ?? ''
    }
    if (!fits && i === 0 && lead.length > 0) node.stack = [...lead, { stack: (node.stack as PdfNode[]).slice(lead.length) }]
    if (i > 0 && !flowing) node.pageBreak = 'before'
    // One rule between two blocks that meet, not two.
    if (i > 0 && flowing) node.margin = [0, -tableLineWidth, 0, 0]
    return node
  })
  return { nodes, parts: chunks.length, oversized }
}

/**
 * The intermediate form every reader produces: the document as a sequence
 * of lines (paragraphs, headings, rows of a plain-text table) and tables
 * (cell grids from HTML or Word). Recognition works on this form only, so a
 * new input kind is one new reader.
 */

/** One line of text; `cells` is the line split at tabs (one cell when there is none). */
export interface LineBlock {
  type: 'line'
  text: string
  cells: string[]
  /** 1-based line (text) or block number (HTML), for the import report. */
  at: number
}

/** A cell of a table as written, before spans are expanded. */
export interface TableCell {
  text: string
  rowSpan: number
  colSpan: number
}

/** A table from an HTML page or a Word document. */
export interface TableBlock {
  type: 'table'
  rows: TableCell[][]
  at: number
}

export type Block = LineBlock | TableBlock

export interface SourceDocument {
  /** What kind of input this came from, for messages. */
  kind: 'text' | 'html' | 'docx'
  blocks: Block[]
}

/** A position of an expanded grid: the cell written there and whether it starts there. */
export interface GridSlot {
  cell: TableCell
  origin: boolean
}

/**
 * Expand rowspan/colspan into a rectangular grid, so that every row has a
 * slot per column; slots covered by a merged cell point at that cell.
 */
export function expandGrid(rows: TableCell[][]): GridSlot[][] {
  const grid: GridSlot[][] = []
  rows.forEach((row, r) => {
    grid[r] ??= []
    let c = 0
    for (const cell of row) {
      while (grid[r]![c]) c++
      for (let dr = 0; dr < Math.max(1, cell.rowSpan); dr++) {
        const target = (grid[r + dr] ??= [])
        for (let dc = 0; dc < Math.max(1, cell.colSpan); dc++) {
          target[c + dc] = { cell, origin: dr === 0 && dc === 0 }
        }
      }
      c += Math.max(1, cell.colSpan)
    }
  })
  const width = Math.max(0, ...grid.map((row) => row.length))
  const empty: TableCell = { text: '', rowSpan: 1, colSpan: 1 }
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? { cell: empty, origin: true }))
}

/**
 * The cells a new report starts from last year's report with, following the
 * format's `carry` data (上年结转 ← 结转下年度, 现行有效件数 ← last year's).
 * Nothing else carries: every other cell starts blank.
 */
import { getCell, rowKey, type Cell } from '../source/cells.js'
import type { Report } from '../source/report.js'
import type { CellRef, FormatDefinition } from '../formats/types.js'

/** The start value of one cell. */
export interface Carried {
  /** The value, or `null` when last year's cell was blank or not a number (then written `~`). */
  value: number | null
  /** Where it comes from, for the comment: 「2024 年“四、结转下年度继续办理”」. */
  from?: string
  /** Why nothing carried from last year's format (then written `~`). */
  reason?: string
  /** How this year's value follows on from it (the format's `hint`). */
  hint?: string
}

/** Key of a cell in the carried map. */
export const cellKey = (ref: CellRef): string => `${ref.table}|${rowKey(ref.row)}|${ref.column}`

interface Source {
  cell: Cell
  /** How the comment names the cell: the row of a list (its column is the same as in this year's row), else row·column. */
  name: string
}

function cellOf(report: Report, ref: CellRef): Source | undefined {
  const table = report.format.tables.find((t) => t.key === ref.table)
  for (const block of table?.blocks ?? []) {
    const row = block.rows.find((r) => rowKey(r.path) === rowKey(ref.row))
    const column = block.columns.find((c) => c.key === ref.column)
    if (row && column) {
      const name = block.shape === 'list' || block.columns.length === 1 ? row.label : `${row.label}·${column.label}`
      return { cell: getCell(report.stats, ref.table, block.id, ref.row, ref.column), name }
    }
  }
  return undefined
}

/** Start values of `format`'s carried cells from last year's report. */
export function carryFrom(format: FormatDefinition, previous: Report): Map<string, Carried> {
  const out = new Map<string, Carried>()
  for (const def of format.carry ?? []) {
    const refs = def.from[previous.format.id]
    if (!refs) {
      const reason = def.notCarried?.[previous.format.id]
      if (reason) out.set(cellKey(def.to), { value: null, reason })
      continue
    }
    const sources = refs.map((ref) => cellOf(previous, ref))
    if (sources.some((s) => s === undefined)) continue
    const values = sources.map((s) => s!.cell.value)
    const value = values.some((v) => v === null) ? null : values.reduce<number>((sum, v) => sum + v!, 0)
    const from = sources.map((s) => `“${s!.name}”`).join('+')
    out.set(cellKey(def.to), { value, from: `${previous.meta.year} 年${from}`, ...(def.hint ? { hint: def.hint } : {}) })
  }
  return out
}

/** For the command's summary: how many cells carried, in which rows, and what did not carry. */
export function describeCarried(format: FormatDefinition, carried: Map<string, Carried>): { cells: number; rows: string[]; reasons: string[] } {
  const rows = new Set<string>()
  const reasons = new Set<string>()
  let cells = 0
  for (const def of format.carry ?? []) {
    const entry = carried.get(cellKey(def.to))
    if (!entry) continue
    if (entry.reason) {
      reasons.add(entry.reason)
      continue
    }
    if (entry.value === null) continue
    cells++
    const table = format.tables.find((t) => t.key === def.to.table)
    const block = table?.blocks.find((b) => b.rows.some((r) => rowKey(r.path) === rowKey(def.to.row)))
    const row = block?.rows.find((r) => rowKey(r.path) === rowKey(def.to.row))
    const column = block?.columns.find((c) => c.key === def.to.column)
    if (table && block && row && column) rows.add(`${table.name} ${row.label}${block.shape === 'list' ? '' : `·${column.label}`}`)
  }
  return { cells, rows: [...rows], reasons: [...reasons] }
}

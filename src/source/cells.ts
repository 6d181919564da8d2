/**
 * Table values: every cell of every table, read leniently from the front
 * matter (the schema reports what is wrong), with omitted totals computed
 * by the format's own sum rules.
 */
import type { BlockDef, FormatDefinition, RowDef, TableDef, ValueType } from '../formats/types.js'
import { pointer } from './number-literals.js'
import type { YamlPath } from './positions.js'

export type CellOrigin =
  /** Written in the front matter. */
  | 'given'
  /** Omitted total, computed from the sum rule. */
  | 'computed'
  /** Written as `~` / left empty: not filled in (blank is not zero). */
  | 'blank'
  /** Written but not a valid number, or a number that cannot be kept as written (the schema reports it). */
  | 'invalid'
  /** Not in the front matter at all. */
  | 'missing'

export interface Cell {
  /** The number, or `null` when blank, invalid, missing or not computable. */
  value: number | null
  origin: CellOrigin
  /** For a computed total that could not be computed: whether a term was blank or wrong. */
  unknown?: 'blank' | 'invalid'
  /** YAML path of the value, for positions (for computed cells: the row). */
  path: YamlPath
}

/** rowKey (row path joined with `.`) → column key → cell. */
export type BlockValues = Map<string, Map<string, Cell>>

export interface TableValues {
  def: TableDef
  blocks: Map<string, BlockValues>
}

export type Stats = Map<string, TableValues>

export const rowKey = (path: readonly string[]): string => path.join('.')

function getAt(data: unknown, path: YamlPath): { found: boolean; value: unknown } {
  let node: unknown = data
  for (const key of path) {
    if (node === null || typeof node !== 'object') return { found: false, value: undefined }
    if (!Object.prototype.hasOwnProperty.call(node, key)) return { found: false, value: undefined }
    node = (node as Record<string | number, unknown>)[key]
  }
  return { found: true, value: node }
}

/** Whether a number is allowed in a column of this value type (the schema reports the rest). */
function fits(value: number, type: ValueType): boolean {
  if (!Number.isFinite(value)) return false
  // Beyond 2^53 a whole number is no longer the one written (the schema stage reports it).
  if (Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER) return false
  if (type === 'amount') return value >= 0
  if (!Number.isInteger(value)) return false
  return type === 'signed-count' || value >= 0
}

function readCell(data: unknown, path: YamlPath, type: ValueType, unreliable: ReadonlySet<string>): Cell {
  const { found, value } = getAt(data, path)
  if (!found) return { value: null, origin: 'missing', path }
  if (value === null) return { value: null, origin: 'blank', path }
  if (unreliable.has(pointer(path))) return { value: null, origin: 'invalid', path }
  if (typeof value === 'number' && fits(value, type)) return { value, origin: 'given', path }
  return { value: null, origin: 'invalid', path }
}

function readRow(data: unknown, table: TableDef, block: BlockDef, row: RowDef, unreliable: ReadonlySet<string>): Map<string, Cell> {
  const base: YamlPath = [table.key, ...row.path]
  const cells = new Map<string, Cell>()
  const rowValue = getAt(data, base)
  block.columns.forEach((column, index) => {
    let path: YamlPath
    if (block.shape === 'list') path = [...base, index]
    else if (block.shape === 'map') path = [...base, column.key]
    else path = base
    if (block.shape === 'list' && !rowValue.found) {
      cells.set(column.key, { value: null, origin: 'missing', path })
      return
    }
    cells.set(column.key, readCell(data, path, column.valueType, unreliable))
  })
  return cells
}

/** A computed total: the sum, or why it could not be computed. */
function computed(terms: Cell[], path: YamlPath): Cell {
  const value = sumCells(terms)
  if (value !== null) return { value, origin: 'computed', path }
  const wrong = terms.some((t) => t.origin === 'invalid' || t.origin === 'missing' || t.unknown === 'invalid')
  return { value, origin: 'computed', path, unknown: wrong ? 'invalid' : 'blank' }
}

/** Sum of cells, or `null` if any is not a number. */
export function sumCells(cells: Cell[]): number | null {
  let sum = 0
  for (const cell of cells) {
    if (cell.value === null) return null
    sum += cell.value
  }
  return cell0(sum)
}

/** Avoid binary float residue in amount sums (0.1 + 0.2). */
function cell0(n: number): number {
  return Math.round(n * 1e6) / 1e6
}

/**
 * Read every table of `format` from front matter `data` and fill omitted
 * totals. `unreliable` holds the JSON pointers of number literals the parser
 * could not keep as written (number-literals.ts): those cells are invalid.
 */
export function readStats(format: FormatDefinition, data: unknown, unreliable: ReadonlySet<string> = new Set()): Stats {
  const stats: Stats = new Map()
  for (const table of format.tables) {
    const blocks = new Map<string, BlockValues>()
    for (const block of table.blocks) {
      const rows: BlockValues = new Map()
      for (const row of block.rows) rows.set(rowKey(row.path), readRow(data, table, block, row, unreliable))
      blocks.set(block.id, rows)
    }
    stats.set(table.key, { def: table, blocks })
  }
  computeTotals(format, stats)
  return stats
}

function computeTotals(format: FormatDefinition, stats: Stats): void {
  // Column sums first (each row's 总计), then omitted total rows across all columns.
  for (const rule of format.rules) {
    if (rule.kind !== 'column-sum') continue
    const rows = stats.get(rule.table)!.blocks.get(rule.block)!
    for (const cells of rows.values()) {
      const target = cells.get(rule.target)!
      if (target.origin !== 'missing') continue
      cells.set(rule.target, computed(rule.terms.map((t) => cells.get(t)!), target.path.slice(0, -1)))
    }
  }
  for (const rule of format.rules) {
    if (rule.kind !== 'row-sum') continue
    const rows = stats.get(rule.table)!.blocks.get(rule.block)!
    const target = rows.get(rowKey(rule.target))!
    // Omitted row: its cells are missing, or its 总计 was just filled by the column sum above.
    const omitted = [...target.values()].every((c) => c.origin === 'missing' || c.origin === 'computed')
    if (!omitted) continue
    for (const column of target.keys()) {
      target.set(column, computed(rule.terms.map((t) => rows.get(rowKey(t))!.get(column)!), [rule.table]))
    }
  }
}

/** Look up one cell. */
export function getCell(stats: Stats, table: string, block: string, row: readonly string[], column: string): Cell {
  const cell = stats.get(table)?.blocks.get(block)?.get(rowKey(row))?.get(column)
  if (!cell) throw new Error(`nianbao internal error: no cell ${table}/${block}/${rowKey(row)}/${column}`)
  return cell
}

/**
 * Evaluating the format's derived figures (src/formats/derived.ts) on a
 * report's cells. A blank cell makes a figure unknown, never zero; a rate
 * over nothing (0 办结) is unknown too, with the reason kept so that pages
 * and messages can say why.
 */
import type { DerivedDef, DerivedTerm, FormatDefinition } from '../formats/types.js'
import { rowKey, sumCells, type Cell, type Stats } from './cells.js'

/** Why a derived figure has no value. */
export type DerivedUnknown =
  /** A cell it needs is blank (`~`). */
  | 'blank'
  /** A cell it needs is missing or not a valid number. */
  | 'invalid'
  /** The format has no such cell (行政事业性收费金额 in gb-2019). */
  | 'absent'
  /** A rate whose denominator is 0. */
  | 'zero'

export interface DerivedCell {
  table: string
  row: string[]
  column: string
  cell: Cell
}

export interface DerivedValue {
  def: DerivedDef
  /** Count or amount; for rates the share in [0, 1] (not rounded). */
  value: number | null
  unknown?: DerivedUnknown
  /** Every cell the figure was computed from. */
  cells: DerivedCell[]
}

/** The subset of a report that derived figures need. */
export interface DerivedSource {
  format: FormatDefinition
  stats: Stats
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key)
}

/** The cells a term covers: rows under its prefix (total rows only when named exactly). */
function termCells(source: DerivedSource, term: DerivedTerm): DerivedCell[] {
  const table = source.stats.get(term.table)
  if (!table) return []
  const out: DerivedCell[] = []
  for (const block of table.def.blocks) {
    if (!block.columns.some((c) => c.key === term.column)) continue
    const values = table.blocks.get(block.id)
    for (const row of block.rows) {
      if (!startsWith(row.path, term.rows)) continue
      if (row.total && row.path.length !== term.rows.length) continue
      const cell = values?.get(rowKey(row.path))?.get(term.column)
      if (cell) out.push({ table: term.table, row: row.path, column: term.column, cell })
    }
  }
  return out
}

function unknownOf(cells: DerivedCell[]): DerivedUnknown {
  return cells.some((c) => c.cell.origin === 'blank' || c.cell.unknown === 'blank') ? 'blank' : 'invalid'
}

function evaluateSum(source: DerivedSource, def: DerivedDef, terms: DerivedTerm[]): DerivedValue {
  const parts = terms.map((term) => termCells(source, term))
  const cells = parts.flat()
  if (parts.some((p) => p.length === 0)) return { def, value: null, unknown: 'absent', cells }
  const value = sumCells(cells.map((c) => c.cell))
  return value === null ? { def, value, unknown: unknownOf(cells), cells } : { def, value, cells }
}

/** Worst reason among operands: a missing cell outranks a blank one. */
const rank: DerivedUnknown[] = ['absent', 'invalid', 'blank', 'zero']

function evaluateRatio(source: DerivedSource, def: DerivedDef, ratio: NonNullable<DerivedDef['ratio']>): DerivedValue {
  const part = (keys: readonly string[]) => keys.map((key) => evaluateDerived(source, key))
  const numerator = part(ratio.numerator)
  const denominator = part(ratio.denominator)
  const subtract = part(ratio.subtract ?? [])
  const operands = [...numerator, ...denominator, ...subtract]
  const cells = operands.flatMap((v) => v.cells)
  const reasons = operands.flatMap((v) => (v.unknown ? [v.unknown] : []))
  if (reasons.length > 0) {
    const worst = rank.find((r) => reasons.includes(r))!
    return { def, value: null, unknown: worst, cells }
  }
  const known = new Map(operands.map((v) => [v.def.key, v.value!]))
  const value = ratioOfCounts(ratio, (key) => known.get(findDerived(source.format, key)?.key ?? key) ?? 0)
  return value === null ? { def, value, unknown: 'zero', cells } : { def, value, cells }
}

/**
 * The one formula of every rate: Σ numerator ÷ (Σ denominator − Σ subtract),
 * from the values of its operand counts; `null` when the denominator is not
 * above 0. A report's rates and a roll-up's (ratios of summed counts) both
 * come through here.
 */
export function ratioOfCounts(ratio: NonNullable<DerivedDef['ratio']>, count: (key: string) => number): number | null {
  const { numerator, denominator } = ratioParts(ratio, count)
  if (denominator <= 0) return null
  return numerator / denominator
}

/** The two numbers behind a rate (shown beside it in rankings): Σ numerator and Σ denominator − Σ subtract. */
export function ratioParts(ratio: NonNullable<DerivedDef['ratio']>, count: (key: string) => number): { numerator: number; denominator: number } {
  const total = (keys: readonly string[]) => keys.reduce((n, key) => n + count(key), 0)
  return { numerator: total(ratio.numerator), denominator: total(ratio.denominator) - total(ratio.subtract ?? []) }
}

/** The definition named by key, Chinese name or alias. */
export function findDerived(format: FormatDefinition, name: string): DerivedDef | undefined {
  const wanted = name.trim()
  return format.derived.find((d) => d.key === wanted || d.name === wanted || (d.aliases ?? []).includes(wanted))
}

/** Evaluate one derived figure (by key, name or alias) on a report. */
export function evaluateDerived(source: DerivedSource, name: string): DerivedValue {
  const def = findDerived(source.format, name)
  if (!def) throw new Error(`nianbao internal error: no derived figure ${name}`)
  if (def.ratio) return evaluateRatio(source, def, def.ratio)
  return evaluateSum(source, def, def.sum ?? [])
}

/** Every derived figure of the report's format, keyed by `key`, in definition order. */
export function evaluateAllDerived(source: DerivedSource): Map<string, DerivedValue> {
  return new Map(source.format.derived.map((def) => [def.key, evaluateDerived(source, def.key)]))
}

/**
 * The printed form: counts as integers, amounts as written (up to six
 * decimals), rates as a percentage rounded half up to one decimal with a
 * trailing `.0` dropped (`85.7%`, `100%`). `null` stays `null`: the caller
 * decides how a blank reads.
 */
export function formatDerived(def: DerivedDef, value: number | null): string | null {
  return formatFigure(def.kind, value)
}

/** The printed form of a value of `kind` (a derived figure's, or a cell's: `count` or `amount`). */
export function formatFigure(kind: DerivedDef['kind'], value: number | null): string | null {
  if (value === null) return null
  if (kind === 'rate') {
    const tenths = Math.round(value * 1000 + 1e-9)
    return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}%`
  }
  if (kind === 'amount') return String(Math.round(value * 1e6) / 1e6)
  return String(value)
}

/** The formula in the format's own numbering: `表三 一（总计）+ 二（总计）`; rates name their counts. */
export function formulaText(format: FormatDefinition, def: DerivedDef): string {
  if (def.ratio) {
    const names = (keys: readonly string[]) => keys.map((k) => findDerived(format, k)?.name ?? k).join(' + ')
    const below = def.ratio.subtract?.length
      ? `（${names(def.ratio.denominator)} − ${names(def.ratio.subtract)}）`
      : names(def.ratio.denominator)
    const above = def.ratio.numerator.length > 1 ? `（${names(def.ratio.numerator)}）` : names(def.ratio.numerator)
    return `${above} ÷ ${below}`
  }
  return (def.sum ?? []).map((term) => termText(format, term)).join(' + ')
}

function termText(format: FormatDefinition, term: DerivedTerm): string {
  const table = format.tables.find((t) => t.key === term.table)
  if (!table) return '（本格式无此项）'
  for (const block of table.blocks) {
    const column = block.columns.find((c) => c.key === term.column)
    if (!column) continue
    const exact = block.rows.find((r) => r.path.length === term.rows.length && startsWith(r.path, term.rows))
    const under = block.rows.filter((r) => !r.total && startsWith(r.path, term.rows))
    const row = exact ?? under[0]
    if (!row) continue
    // A group of rows reads as its group label's numbering: 三（三） for the eight 不予公开 rows.
    const code = exact ? exact.code : row.code.replace(/\d+$/, '')
    const label = block.layout === 'inline' ? `${row.label}·${column.label}` : `${code}（${column.label}）`
    return `${table.name} ${label}`
  }
  return '（本格式无此项）'
}

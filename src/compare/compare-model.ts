/**
 * The comparison of two years of one agency, as data: the official tables
 * (laid out by the newer report's format, through the report view model)
 * with both values and the change in every cell, the derived figures of both
 * years with their formulas, and the text repeated from last year per
 * section. When the two years use different formats, cells are paired by
 * table, official row numbering and column key; what last year's format does
 * not have is said so.
 */
import type { DerivedDef, FormatDefinition } from '../formats/types.js'
import { buildTableView, type ViewTable } from '../render/view-model.js'
import { rowKey, type Cell } from '../source/cells.js'
import { evaluateAllDerived, formatDerived, formulaText, type DerivedValue } from '../source/derived.js'
import type { Report } from '../source/report.js'
import { delta, pointDelta, type Delta } from './delta.js'
import { compareSection, sectionParagraphs, sentenceKeys, type SectionText } from './repeat.js'

export interface ComparedCell {
  before: number | null | undefined
  after: number | null
  delta: Delta
}

export interface ComparedTable {
  /** The newer report's table view; numeric cells are paired through `cells`. */
  view: ViewTable
  /** `row|column` → the pair of values. */
  cells: Map<string, ComparedCell>
}

export interface ComparedFigure {
  def: DerivedDef
  /** Formula in the newer format's numbering (and the older's when it differs). */
  formula: string
  formulaOlder: string | null
  before: DerivedValue
  after: DerivedValue
  beforeText: string
  afterText: string
  delta: Delta
}

export interface ComparedSection {
  number: number
  heading: string
  text: SectionText
}

export interface Comparison {
  agency: string
  older: { year: number; format: FormatDefinition; path: string }
  newer: { year: number; format: FormatDefinition; path: string }
  sameFormat: boolean
  tables: ComparedTable[]
  figures: ComparedFigure[]
  sections: ComparedSection[]
  /** Derived counts of each year by key, for the charts. */
  counts: { before: Record<string, number | null>; after: Record<string, number | null> }
}

export const cellKey = (row: string, column: string): string => `${row}|${column}`

/** A report's cell by table key, official row numbering and column key (formats differ in row paths, not codes). */
function cellByCode(report: Report, table: string, code: string, column: string): Cell | undefined {
  const values = report.stats.get(table)
  if (!values) return undefined
  for (const block of values.def.blocks) {
    const row = block.rows.find((r) => r.code === code)
    if (!row || !block.columns.some((c) => c.key === column)) continue
    return values.blocks.get(block.id)?.get(rowKey(row.path))?.get(column)
  }
  return undefined
}

function rowCode(format: FormatDefinition, table: string, row: string): string | undefined {
  for (const block of format.tables.find((t) => t.key === table)?.blocks ?? []) {
    const found = block.rows.find((r) => rowKey(r.path) === row)
    if (found) return found.code
  }
  return undefined
}

function compareTable(older: Report, newer: Report, table: string): ComparedTable | undefined {
  const values = newer.stats.get(table)
  if (!values) return undefined
  const view = buildTableView(values)
  const cells = new Map<string, ComparedCell>()
  for (const row of view.body) {
    for (const cell of row.cells) {
      if (!cell.numeric || cell.row === null || cell.column === null) continue
      const code = rowCode(newer.format, table, cell.row)
      const before = code === undefined ? undefined : cellByCode(older, table, code, cell.column)
      const beforeValue = before === undefined ? undefined : before.value
      const after = cell.value
      cells.set(cellKey(cell.row, cell.column), { before: beforeValue, after, delta: delta(beforeValue, after) })
    }
  }
  return { view, cells }
}

function counts(values: Map<string, DerivedValue>): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const [key, v] of values) if (v.def.kind !== 'rate') out[key] = v.value
  return out
}

/** Compare `newer` with `older` (the same agency, an earlier year). */
export function compareReports(older: Report, newer: Report): Comparison {
  const before = evaluateAllDerived(older)
  const after = evaluateAllDerived(newer)
  const figures: ComparedFigure[] = newer.format.derived.map((def) => {
    const b = before.get(def.key)!
    const a = after.get(def.key)!
    const formula = formulaText(newer.format, def)
    const formulaOld = formulaText(older.format, def)
    const absent = b.unknown === 'absent'
    return {
      def,
      formula,
      formulaOlder: formulaOld !== formula ? formulaOld : null,
      before: b,
      after: a,
      beforeText: formatDerived(def, b.value) ?? '—',
      afterText: formatDerived(def, a.value) ?? '—',
      delta: def.kind === 'rate' ? pointDelta(b.value, a.value) : delta(absent ? undefined : b.value, a.value),
    }
  })
  const now = sectionParagraphs(newer)
  const then = sectionParagraphs(older)
  const sections = newer.format.sections.map((def) => ({
    number: def.number,
    heading: `${def.numeral}、${def.title}`,
    text: compareSection(def.number, now.get(def.number) ?? [], then.has(def.number) ? sentenceKeys(then.get(def.number)!) : undefined),
  }))
  return {
    agency: newer.meta.agency,
    older: { year: older.meta.year, format: older.format, path: older.path },
    newer: { year: newer.meta.year, format: newer.format, path: newer.path },
    sameFormat: older.format.id === newer.format.id,
    tables: newer.format.tables.flatMap((t) => compareTable(older, newer, t.key) ?? []),
    figures,
    sections,
    counts: { before: counts(before), after: counts(after) },
  }
}

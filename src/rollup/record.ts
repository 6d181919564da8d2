/**
 * What the roll-up keeps of one report: identity, status, publication,
 * derived figures, text repetition, and (until it has been summed) every
 * cell keyed by table, official row numbering and column. Plain data, so a
 * worker thread can send it; nothing here holds the parsed report.
 */
import { basename } from 'node:path'
import type { VFile } from 'vfile'
import { diagnosticsOf } from '../diagnostics/emit.js'
import type { FormatDefinition, MonthDay } from '../formats/types.js'
import { rowKey } from '../source/cells.js'
import { parseCalendarDate } from '../source/dates.js'
import { evaluateAllDerived, ratioParts } from '../source/derived.js'
import type { Report } from '../source/report.js'
import { repeatedShare } from '../compare/repeat.js'
import { flagRules } from './flag-rules.js'

export type RecordStatus =
  /** No errors and no warnings. */
  | 'valid'
  | 'warnings'
  /** Errors: listed, never summed. */
  | 'errors'
  /** A bundle that failed verification (or whose source could not be read): listed, never summed. */
  | 'unverified'

/** One cell: key `table|rowCode|column`, value (`null` when blank), whether it was left blank. */
export type RecordCell = [key: string, value: number | null, blank: boolean]

export interface ReportRecord {
  /** Agency folder (`ruzhou-wsjkw`): the agency's id across years. */
  id: string
  agency: string
  year: number
  format: string
  level: string | null
  region: string | null
  published: string | null
  /** The source file or bundle read. */
  source: string
  kind: 'source' | 'bundle'
  status: RecordStatus
  errors: number
  warnings: number
  /** The first problems, for the status list. */
  problems: string[]
  /** Published after the format's deadline (「1月31日前」): the deadline as `YYYY-MM-DD`. */
  lateAfter: string | null
  /** Every derived figure by key (rates as shares); `null` when unknown. */
  derived: Record<string, number | null>
  /** For rates: the numbers behind (numerator, denominator); `null` when unknown. */
  parts: Record<string, [number, number] | null>
  /** Share of a section repeated from last year's report, by section number (sections the flag rules name). */
  repeat: Record<number, number | null>
  /** Every cell, until summed. */
  cells?: RecordCell[]
}

export const cellKey = (table: string, code: string, column: string): string => `${table}|${code}|${column}`

function iso(year: number, day: MonthDay): string {
  return `${year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`
}

/** The deadline passed, or `null` (no date, a date not real, or on time). */
export function lateAfter(format: FormatDefinition, year: number, published: string | undefined): string | null {
  if (!parseCalendarDate(published)) return null
  const deadline = iso(year + 1, format.publication.deadline)
  return published! > deadline ? deadline : null
}

function recordCells(report: Report): RecordCell[] {
  const out: RecordCell[] = []
  for (const [table, values] of report.stats) {
    for (const block of values.def.blocks) {
      const rows = values.blocks.get(block.id)
      for (const row of block.rows) {
        const cells = rows?.get(rowKey(row.path))
        for (const column of block.columns) {
          const cell = cells?.get(column.key)
          if (!cell) continue
          const blank = cell.origin === 'blank' || cell.unknown === 'blank'
          out.push([cellKey(table, row.code, column.key), cell.value, blank])
        }
      }
    }
  }
  return out
}

const repeatSections = [...new Set(flagRules.flatMap((r) => (r.kind === 'section-repeated' ? [r.section] : [])))]

export interface RecordInput {
  id: string
  source: string
  kind: 'source' | 'bundle'
  /** The validated report. */
  file: VFile
  /** Last year's report of the same agency, if there is one. */
  previous?: Report
}

/** The record of a validated report. */
export function recordOf(input: RecordInput): ReportRecord | undefined {
  const report = input.file.data.report
  if (!report) return undefined
  const diagnostics = diagnosticsOf(input.file)
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length
  const values = evaluateAllDerived(report)
  const derived: Record<string, number | null> = {}
  const parts: Record<string, [number, number] | null> = {}
  for (const [key, v] of values) {
    derived[key] = v.value
    if (!v.def.ratio) continue
    const operands = [...v.def.ratio.numerator, ...v.def.ratio.denominator, ...(v.def.ratio.subtract ?? [])]
    const known = operands.every((k) => values.get(k)?.value !== null && values.get(k)?.value !== undefined)
    const p = known ? ratioParts(v.def.ratio, (k) => values.get(k)!.value!) : null
    parts[key] = p ? [p.numerator, p.denominator] : null
  }
  const previous = input.previous && input.previous.meta.year === report.meta.year - 1 ? input.previous : undefined
  const repeat: Record<number, number | null> = {}
  for (const section of repeatSections) repeat[section] = previous ? repeatedShare(report, previous, section) : null
  return {
    id: input.id,
    agency: report.meta.agency,
    year: report.meta.year,
    format: report.format.id,
    level: report.meta.level ?? null,
    region: report.meta.region ?? null,
    published: report.meta.published ?? null,
    source: input.source,
    kind: input.kind,
    status: errors.length > 0 ? 'errors' : warnings > 0 ? 'warnings' : 'valid',
    errors: errors.length,
    warnings,
    problems: errors.slice(0, 3).map((d) => `${d.line}:${d.column} ${d.message}（${d.ruleId}）`),
    lateAfter: lateAfter(report.format, report.meta.year, report.meta.published),
    derived,
    parts,
    repeat,
    cells: recordCells(report),
  }
}

/** A record for something that could not be read as a report (a bundle that failed verification). */
export function unreadableRecord(id: string, source: string, kind: 'source' | 'bundle', problems: string[], year = 0): ReportRecord {
  return {
    id,
    agency: '',
    year,
    format: '',
    level: null,
    region: null,
    published: null,
    source,
    kind,
    status: kind === 'bundle' ? 'unverified' : 'errors',
    errors: Math.max(1, problems.length),
    warnings: 0,
    problems: problems.slice(0, 3),
    lateAfter: null,
    derived: {},
    parts: {},
    repeat: {},
  }
}

/** The year in a report's file name (`2024.md`, `2024.zip`), 0 if none. */
export const yearOf = (path: string): number => Number(/^(\d{4})\./.exec(basename(path))?.[1] ?? 0)

/** The record of a validated report, or, when it has no report data, a record of its problems. */
export function recordOrProblems(input: RecordInput): ReportRecord {
  return (
    recordOf(input) ??
    unreadableRecord(input.id, input.source, input.kind, diagnosticsOf(input.file).map((d) => `${d.message}（${d.ruleId}）`), yearOf(input.source))
  )
}

/**
 * Sum and balance rules (勾稽关系), evaluated from the rule data in the
 * format definition: one entry covers "every column" or "every row".
 */
import { listed } from '../../diagnostics/listed.js'
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import type { BlockDef, FormatDefinition, RuleDef } from '../../formats/types.js'
import { rowKey, sumCells, type Cell } from '../../source/cells.js'
import type { Report } from '../../source/report.js'
import { toFill } from './to-fill.js'

const ruleNames: Record<string, [string, string]> = {
  'requests-balance': ['一+二=（七）总计+四', '一+二 = （七）+四'],
  'total-row-equals-sum': ['（七）总计=各办理结果之和', '（七）总计 = sum of results'],
  'total-column-equals-sum': ['总计=各列之和', 'total = sum of columns'],
}

const columnEn: Record<string, string> = {
  natural: 'Natural persons',
  commercial: 'Businesses',
  research: 'Research institutions',
  nonprofit: 'Non-profits',
  legal: 'Legal services',
  other: 'Other',
  total: 'Total',
}

function blockOf(format: FormatDefinition, rule: RuleDef): BlockDef {
  return format.tables.find((t) => t.key === rule.table)!.blocks.find((b) => b.id === rule.block)!
}

/** Where a rule could not be checked because of blank cells, gathered per rule. */
interface Unchecked {
  where: string[]
  whereEn: string[]
  /** The blank cells written as `~`. */
  written: Set<Cell>
  /** Computed totals unknown because of a blank (counted only when no `~` is involved). */
  derived: Set<Cell>
}

/** At most this many places are named in one rule-checkable message. */
const WHERE_SHOWN = 3

/**
 * Whether a rule can be evaluated on these cells. Blanks stop it: one
 * rule-checkable message per rule names where (emitted by `reportUnchecked`),
 * and in a draft with many blanks nothing (report-filled-in says it all).
 */
function checkable(unchecked: Map<string, Unchecked> | undefined, ruleId: string, where: [string, string], cells: Cell[]): boolean {
  if (cells.some((c) => c.origin === 'invalid' || c.origin === 'missing' || c.unknown === 'invalid')) return false
  const blanks = cells.filter((c) => c.origin === 'blank' || c.unknown === 'blank')
  if (blanks.length === 0) return true
  if (!unchecked) return false
  const entry = unchecked.get(ruleId) ?? { where: [], whereEn: [], written: new Set<Cell>(), derived: new Set<Cell>() }
  entry.where.push(where[0])
  entry.whereEn.push(where[1])
  for (const cell of blanks) (cell.origin === 'blank' ? entry.written : entry.derived).add(cell)
  unchecked.set(ruleId, entry)
  return false
}

function reportUnchecked(file: VFile, unchecked: Map<string, Unchecked>): void {
  for (const [ruleId, entry] of unchecked) {
    const [zh, en] = ruleNames[ruleId]!
    const cells = entry.written.size ? entry.written : entry.derived
    const n = cells.size
    emit(
      file,
      'rule-checkable',
      {
        rule: zh,
        ruleEn: en,
        where: listed(entry.where, WHERE_SHOWN, (k) => ` 等 ${k} 处`, '、'),
        whereEn: listed(entry.whereEn, WHERE_SHOWN, (k) => ` and ${k - WHERE_SHOWN} more`, ', '),
        cells: `${n} 个单元格`,
        cellsEn: `${n} cell${n === 1 ? '' : 's'}`,
      },
      file.data.source!.locate.path([...cells][0]!.path),
    )
  }
}

export function checkDataRules(file: VFile, report: Report): void {
  const locate = file.data.source!.locate
  const unchecked = toFill(report).summarize ? undefined : new Map<string, Unchecked>()
  for (const rule of report.format.rules) {
    const block = blockOf(report.format, rule)
    const rows = report.stats.get(rule.table)!.blocks.get(rule.block)!
    const cell = (row: readonly string[], column: string) => rows.get(rowKey(row))!.get(column)!

    if (rule.kind === 'column-sum') {
      const terms = block.columns.filter((c) => rule.terms.includes(c.key))
      for (const row of block.rows) {
        const target = cell(row.path, rule.target)
        if (target.origin === 'computed' && target.value !== null) continue
        const termCells = rule.terms.map((t) => cell(row.path, t))
        if (!checkable(unchecked, rule.id, [row.label, row.label], [target, ...termCells])) continue
        const expected = sumCells(termCells)!
        if (expected === target.value) continue
        const rowLabel = row.groups.length && block.layout === 'inline' ? `${row.groups.join('·')}·${row.label}` : row.label
        emit(
          file,
          rule.id,
          {
            row: rowLabel,
            actual: target.value!,
            expected,
            terms: terms.map((c) => c.label).join('、'),
            termsEn: `the ${terms.length} columns`,
          },
          locate.path(target.path),
          { actual: String(target.value), expected: [String(expected)] },
        )
      }
      continue
    }

    for (const column of block.columns) {
      if (rule.kind === 'row-sum') {
        const target = cell(rule.target, column.key)
        if (target.origin === 'computed' && target.value !== null) continue
        const termCells = rule.terms.map((t) => cell(t, column.key))
        if (!checkable(unchecked, rule.id, [`${column.label}列`, `${columnEn[column.key] ?? column.key} column`], [target, ...termCells])) continue
        const expected = sumCells(termCells)!
        if (expected === target.value) continue
        emit(
          file,
          rule.id,
          { column: column.label, columnEn: columnEn[column.key] ?? column.key, actual: target.value!, expected },
          locate.path(target.path),
          { actual: String(target.value), expected: [String(expected)] },
        )
      } else {
        const left = rule.left.map((r) => cell(r, column.key))
        const right = rule.right.map((r) => cell(r, column.key))
        if (!checkable(unchecked, rule.id, [`${column.label}列`, `${columnEn[column.key] ?? column.key} column`], [...left, ...right])) continue
        const l = sumCells(left)!
        const r = sumCells(right)!
        if (l === r) continue
        const anchor = left[0]!.origin === 'given' ? left[0]! : right.find((c) => c.origin === 'given') ?? left[0]!
        const other = right.find((c) => c.origin === 'given' && c !== anchor)
        emit(
          file,
          rule.id,
          { column: column.label, columnEn: columnEn[column.key] ?? column.key, left: l, right: r },
          locate.path(anchor.path),
          {
            actual: String(l),
            expected: [String(r)],
            ...(other ? { cause: { place: locate.path(other.path), text: `（七）+四=${r}` } } : {}),
          },
        )
      }
    }
  }
  if (unchecked) reportUnchecked(file, unchecked)
}

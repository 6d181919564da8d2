/**
 * Sum and balance rules (勾稽关系), evaluated from the rule data in the
 * format definition: one entry covers "every column" or "every row".
 */
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import type { BlockDef, FormatDefinition, RuleDef } from '../../formats/types.js'
import { rowKey, sumCells, type Cell } from '../../source/cells.js'
import type { Report } from '../../source/report.js'

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

/** Whether a rule can be evaluated on these cells; reports blanks when not. */
function checkable(file: VFile, ruleId: string, where: string, cells: Cell[]): boolean {
  if (cells.some((c) => c.origin === 'invalid' || c.origin === 'missing' || c.unknown === 'invalid')) return false
  const blanks = cells.filter((c) => c.origin === 'blank' || c.unknown === 'blank')
  if (blanks.length === 0) return true
  const first = blanks.find((c) => c.origin === 'blank') ?? blanks[0]!
  const [zh, en] = ruleNames[ruleId]!
  emit(
    file,
    'rule-checkable',
    { rule: `${where}${zh}`, ruleEn: `${where}${en}`, cells: `${blanks.filter((c) => c.origin === 'blank').length || blanks.length} 个单元格` },
    file.data.source!.locate.path(first.path),
  )
  return false
}

export function checkDataRules(file: VFile, report: Report): void {
  const locate = file.data.source!.locate
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
        if (!checkable(file, rule.id, `${row.label}：`, [target, ...termCells])) continue
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
        if (!checkable(file, rule.id, `${column.label}列：`, [target, ...termCells])) continue
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
        if (!checkable(file, rule.id, `${column.label}列：`, [...left, ...right])) continue
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
}

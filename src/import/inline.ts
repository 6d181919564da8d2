/**
 * Table 4: one line of fifteen numbers under a merged header (行政复议 |
 * 未经复议直接起诉 | 复议后起诉), or one line per group with its label.
 */
import type { BlockDef, FormatDefinition, RowDef, TableDef } from '../formats/types.js'
import { leaves, uniqueHeaderLabels } from './labels.js'
import { normLabel } from './normalize.js'
import { cellKey, tableConstraints } from './constraints.js'
import { resolveRow, type CellResult, type ValueToken } from './resolve.js'
import type { RowResult } from './results.js'
import { valueRuns, type Token } from './tokens.js'

/** An inline block (table 4): all numbers of the region, in header-tree order. */
export function readInline(format: FormatDefinition, table: TableDef, block: BlockDef, tokens: Token[]): RowResult[] {
  const slots = leaves(block.header)
  // The data row: the runs of cells that hold numbers (header cells left blank around them are layout).
  const runs: ValueToken[][] = [[]]
  for (const token of tokens) {
    if (token.kind === 'text') runs.push([])
    else runs.at(-1)!.push(token)
  }
  const values = runs.filter((run) => run.some((t) => t.kind === 'number')).flat()
  const equations = tableConstraints(format, table)
  const keys = slots.map((s) => (s.row && s.column ? cellKey([s.row], s.column) : undefined))
  const labelled = labelledRuns(format, table, block, tokens)
  if (labelled) return labelled
  // The groups (行政复议 | 未经复议直接起诉 | 复议后起诉) must be named in the format's order.
  const firstValue = tokens.findIndex((t) => t.kind === 'number')
  const header = tokens.slice(0, Math.max(0, firstValue)).map((t) => (t.kind === 'text' ? t.text : '')).join('')
  const { official, found } = uniqueHeaderLabels(block, header)
  const positions = found.map((l) => official.indexOf(l))
  const swapped = positions.some((p, i) => i > 0 && p < positions[i - 1]!)
  const read = resolveRow(values, keys, equations)
  const cells = swapped
    ? read.map((c) => ({ ...c, reason: [c.reason, `原表表头的顺序（${found.join('、')}）与官方格式不同，各组数字可能错位`].filter(Boolean).join('；') }))
    : read
  return block.rows.map((row) => {
    const map = new Map<string, CellResult>()
    for (const column of block.columns) {
      const index = keys.indexOf(cellKey([row.path[0]!], column.key))
      map.set(column.key, cells[index] ?? { value: null, reason: '原表缺少此格' })
    }
    return {
      block,
      row,
      cells: map,
      found: values.length > 0,
      ...(values[0] ? { at: values[0].at, end: values.at(-1)!.at } : {}),
    }
  })
}

/**
 * Table 4 written as one line per row (`行政复议 0 0 0 0 0`, `复议后起诉 …`):
 * each run of numbers goes to the row its label names, whatever their order.
 */
function labelledRuns(format: FormatDefinition, table: TableDef, block: BlockDef, tokens: Token[]): RowResult[] | undefined {
  const matchers = block.rows.map((row) => ({ row, label: normLabel(row.label) }))
  const byRow = new Map<RowDef, ValueToken[]>()
  let text = ''
  for (const { before, values: run } of valueRuns(tokens)) {
    text += before
    if (!run.some((t) => t.kind === 'number')) continue
    const norm = normLabel(text)
    const match = matchers.find((m) => norm.endsWith(m.label))
    if (!match || byRow.has(match.row)) return undefined
    byRow.set(match.row, run)
    text = ''
  }
  if (byRow.size !== block.rows.length) return undefined
  const equations = tableConstraints(format, table)
  return block.rows.map((row) => {
    const values = byRow.get(row)!
    const cells = resolveRow(values, block.columns.map((c) => cellKey(row.path, c.key)), equations)
    return {
      block,
      row,
      cells: new Map(block.columns.map((c, k) => [c.key, cells[k]!])),
      found: true,
      ...(values[0] ? { at: values[0].at, end: values.at(-1)!.at } : {}),
    }
  })
}

/**
 * The format's consistency rules (勾稽关系) as linear equations over the
 * cells of one table: Σ coefficient × cell = 0. Every rule kind of the
 * definition becomes one equation per row or per column it applies to, so
 * the importer checks readings against exactly what the validator checks.
 */
import type { BlockDef, FormatDefinition, RuleDef, TableDef } from '../formats/types.js'

/** `received|natural`: row path (dots) and column key. */
export type CellKey = string

export function cellKey(row: readonly string[], column: string): CellKey {
  return `${row.join('.')}|${column}`
}

export interface Linear {
  /** Rule id, for messages. */
  rule: string
  terms: [CellKey, number][]
}

function rowsOf(block: BlockDef): string[][] {
  // An inline block (table 4) names its rows by their first path element, like a rows block.
  return block.rows.map((r) => r.path)
}

function equations(rule: RuleDef, block: BlockDef): Linear[] {
  const out: Linear[] = []
  if (rule.kind === 'column-sum') {
    for (const row of rowsOf(block)) {
      out.push({ rule: rule.id, terms: [[cellKey(row, rule.target), -1], ...rule.terms.map((t): [CellKey, number] => [cellKey(row, t), 1])] })
    }
    return out
  }
  for (const column of block.columns) {
    const at = (path: string[]) => cellKey(path, column.key)
    if (rule.kind === 'row-sum') out.push({ rule: rule.id, terms: [[at(rule.target), -1], ...rule.terms.map((t): [CellKey, number] => [at(t), 1])] })
    else out.push({ rule: rule.id, terms: [...rule.left.map((t): [CellKey, number] => [at(t), 1]), ...rule.right.map((t): [CellKey, number] => [at(t), -1])] })
  }
  return out
}

/** Every equation the format's rules give for `table`. */
export function tableConstraints(format: FormatDefinition, table: TableDef): Linear[] {
  const out: Linear[] = []
  for (const rule of format.rules) {
    if (rule.table !== table.key) continue
    const block = table.blocks.find((b) => b.id === rule.block)
    if (block) out.push(...equations(rule, block))
  }
  return out
}

/**
 * The format's column-sum rules (总计 = Σ) as a check on one reading of a
 * row: `true` passes, `false` fails, `undefined` cannot be checked.
 */
import type { BlockDef, FormatDefinition, TableDef } from '../formats/types.js'
import type { RowCheck } from './resolve.js'

/** `order`: the column key at each position of the reading. */
export function sumCheck(format: FormatDefinition, table: TableDef, block: BlockDef, order: string[]): RowCheck | undefined {
  const rules = format.rules.filter((r) => r.kind === 'column-sum' && r.table === table.key && r.block === block.id)
  if (rules.length === 0) return undefined
  return (values) => {
    let result: boolean | undefined = true
    for (const rule of rules) {
      if (rule.kind !== 'column-sum') continue
      const at = (key: string) => values[order.indexOf(key)]
      const target = at(rule.target)
      const terms = rule.terms.map(at)
      if (target === undefined) continue
      if (target === null || terms.some((t) => t === null || t === undefined)) {
        if (result === true) result = undefined
        continue
      }
      const sum = (terms as number[]).reduce((a, b) => a + b, 0)
      if (Math.abs(sum - target) > 1e-9) return false
    }
    return result
  }
}

/**
 * Walk a table's tokens: text accumulates until numbers follow, and the text
 * must end with a row label (or wrap around the numbers) for them to be
 * that row's values. Numbers after no label are strays, reported.
 */
import type { BlockDef, RowDef, TableDef } from '../formats/types.js'
import { matchRow, matchWrappedRow, rowMatchers } from './labels.js'
import { coreOf, normLabel, numberingOf } from './normalize.js'
import type { ValueToken } from './resolve.js'
import { valueRuns, type Token } from './tokens.js'

export interface Hit {
  block: BlockDef
  row: RowDef
  /** The hit is a group printed as one undivided row (its total): the group's item rows. */
  group?: RowDef[]
  header: string
  values: ValueToken[]
  at: number
}

export function describe(values: ValueToken[]): string {
  return values.map((v) => (v.kind === 'number' ? v.raw.trim() : v.raw.trim() || '空')).join(' ')
}

export function scan(tokens: Token[], table: TableDef): { hits: Hit[]; strays: string[] } {
  const matchers = rowMatchers(table)
  const hits: Hit[] = []
  const strays: string[] = []
  let pending = ''
  for (const { before, values: run, after: next, at } of valueRuns(tokens)) {
    pending += before
    // `… 0 0 1 属于国家秘密`: a number that is the numbering of the next row's label is not a value.
    let carry = ''
    const last = run.at(-1)
    if (last?.kind === 'number' && /^\d{1,2}$/.test(last.raw.trim())) {
      const numbering = last.raw.trim()
      const numbered = matchRow(`${numbering}.${next}`, matchers)
      const bare = normLabel(next)
      const exactCore = numbered && [numbered.row.label, ...(numbered.row.aliases ?? [])].some((l) => coreOf(l) === bare)
      if (bare && numbered && exactCore && numberingOf(numbered.row.label) === numbering) {
        run.pop()
        carry = `${numbering}.`
      }
    }
    const hasNumber = run.some((t) => t.kind === 'number')
    let match = matchRow(pending, matchers)
    if (!match && hasNumber) match = matchWrappedRow(pending, next, matchers)
    if (match) {
      hits.push({ block: match.block, row: match.row, header: pending, values: run, at, ...(match.group ? { group: match.group } : {}) })
      pending = carry
    } else if (hasNumber) {
      const label = pending.trim().slice(-40)
      strays.push(`${label ? `「${label}」后` : ''}的数字 ${describe(run)}`)
      pending = carry
    } else if (carry) pending += carry
  }
  return { hits, strays }
}

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
  /** How the row was placed, when not by its label alone (for the import report). */
  info?: string
  header: string
  values: ValueToken[]
  at: number
}

export function describe(values: ValueToken[]): string {
  return values.map((v) => (v.kind === 'number' ? v.raw.trim() : v.raw.trim() || '空')).join(' ')
}

/** Characters two labels share in order (longest common subsequence). */
function common(a: string, b: string): number {
  const row = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!)
      diagonal = up
    }
  }
  return row[b.length]!
}

/** `text` without the characters that make up its normalised prefix `prefix`. */
function dropPrefix(text: string, prefix: string): string {
  for (let i = 1; i <= text.length; i++) if (normLabel(text.slice(0, i)) === prefix) return text.slice(i)
  return text
}

interface Stray {
  text: string
  next: string
  values: ValueToken[]
  at: number
  /** Number of hits before it. */
  index: number
}

/**
 * Numbers under no label, between two rows found one apart from the row
 * that lies between them in the format: that row's, when the text around
 * the numbers holds most of its label (text taken from a PDF breaks a long
 * label into pieces and puts other cells' words between them).
 */
function placeBetween(strays: Stray[], hits: Hit[]): Stray[] {
  const left: Stray[] = []
  const placed: [number, Hit][] = []
  for (const stray of strays) {
    const before = hits[stray.index - 1]
    const after = hits[stray.index]
    const block = before?.block
    const i = block ? block.rows.indexOf(before.row) : -1
    const missing = block && after?.block === block && !before.group && !after.group && block.rows.indexOf(after.row) === i + 2 ? block.rows[i + 1] : undefined
    const label = missing ? coreOf(missing.label) : ''
    const around = normLabel(stray.text + stray.next)
    if (!missing || hits.some((h) => h.row === missing) || placed.some(([, h]) => h.row === missing) || common(label, around) < label.length * 0.6) {
      left.push(stray)
      continue
    }
    placed.push([
      stray.index,
      { block: block!, row: missing, header: stray.text, values: stray.values, at: stray.at, info: `原文此行标签被拆开（「${stray.text.trim().slice(-30)}」），按行序和标签文字对应到此行` },
    ])
  }
  for (const [index, hit] of placed.reverse()) hits.splice(index, 0, hit)
  return left
}

export function scan(tokens: Token[], table: TableDef): { hits: Hit[]; strays: string[] } {
  const matchers = rowMatchers(table)
  const hits: Hit[] = []
  const loose: Stray[] = []
  let pending = ''
  // The label of a row already read (its numbers came before it): not part of the next label.
  let skipLabel = ''
  for (const { before, values: run, after: next, at } of valueRuns(tokens)) {
    pending += before
    if (skipLabel) {
      const norm = normLabel(pending)
      if (norm.startsWith(skipLabel)) pending = dropPrefix(pending, skipLabel)
      skipLabel = ''
    }
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
      // Two rows' numbers in one run, the second row's label after them (`… 0 1 1 16 2 … 20 （七）总计`):
      // a label set beside the middle of a tall cell comes out after its numbers.
      const width = match.block.columns.length
      const following = match.group ? undefined : match.block.rows[match.block.rows.indexOf(match.row) + 1]
      const label = following ? normLabel(following.label) : ''
      if (following && run.length === 2 * width && run.every((t) => t.kind === 'number') && label && normLabel(next).startsWith(label)) {
        hits.push({ block: match.block, row: match.row, header: pending, values: run.slice(0, width), at })
        hits.push({
          block: match.block,
          row: following,
          header: next,
          values: run.slice(width),
          at,
          info: `原文此行的数字在其标签「${following.label}」之前（与上一行的数字连成一串），按行序读取`,
        })
        pending = carry
        skipLabel = label
        continue
      }
      hits.push({ block: match.block, row: match.row, header: pending, values: run, at, ...(match.group ? { group: match.group } : {}) })
      pending = carry
    } else if (hasNumber) {
      loose.push({ text: pending, next, values: run, at, index: hits.length })
      pending = carry
    } else if (carry) pending += carry
  }
  const strays = placeBetween(loose, hits).map((stray) => {
    const label = stray.text.trim().slice(-40)
    return `${label ? `「${label}」后` : ''}的数字 ${describe(stray.values)}`
  })
  return { hits, strays }
}

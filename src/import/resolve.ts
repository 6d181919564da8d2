/**
 * From the numbers found after a row label to the row's cells. When the
 * count is not the expected one (a cell too many, a cell missing, digits
 * run together), every reading is tried; the format's sum rules pick among
 * them, and a cell is filled only where all remaining readings agree.
 * Everything else is `~` with the reason, never a silent guess.
 */
import type { Token } from './tokens.js'

export type ValueToken = Extract<Token, { kind: 'number' | 'blank' }>
type Reading = (number | null)[]

export interface CellResult {
  value: number | null
  /** Why the cell needs a human look; absent when it was read with certainty. */
  reason?: string
}

export interface RowCheck {
  /** `true` when the reading passes, `undefined` when it cannot be checked (blank cells). */
  (values: Reading): boolean | undefined
}

const LIMIT = 5000

export function describeTokens(tokens: ValueToken[]): string {
  return tokens.map((t) => (t.kind === 'number' ? t.raw.trim() : t.raw.trim() || '空')).join(' ')
}

function trimBlanks(tokens: ValueToken[]): ValueToken[] {
  let start = 0
  let end = tokens.length
  while (start < end && tokens[start]!.kind === 'blank') start++
  while (end > start && tokens[end - 1]!.kind === 'blank') end--
  return tokens.slice(start, end)
}

const valueOf = (t: ValueToken): number | null => (t.kind === 'number' ? t.value : null)

function combinations(n: number, k: number, out: number[][] = [], start = 0, acc: number[] = []): number[][] {
  if (out.length > LIMIT) return out
  if (acc.length === k) {
    out.push([...acc])
    return out
  }
  for (let i = start; i <= n - (k - acc.length); i++) {
    acc.push(i)
    combinations(n, k, out, i + 1, acc)
    acc.pop()
  }
  return out
}

/** Readings that drop `k` of the values. */
function drops(values: Reading, k: number): Reading[] {
  return combinations(values.length, k).map((drop) => values.filter((_, i) => !drop.includes(i)))
}

/** Readings that put `k` missing cells somewhere among the values. */
function inserts(values: Reading, expected: number): Reading[] {
  return combinations(expected, expected - values.length).map((holes) => {
    const out: Reading = []
    let next = 0
    for (let i = 0; i < expected; i++) out.push(holes.includes(i) ? null : values[next++]!)
    return out
  })
}

/** Ways to split integer tokens into more numbers (no leading zeros) to reach `expected`. */
function splits(tokens: ValueToken[], expected: number): Reading[] {
  const out: Reading[] = []
  const pieces = (digits: string, parts: number): number[][] => {
    if (parts === 1) return /^(0|[1-9]\d*)$/.test(digits) ? [[Number(digits)]] : []
    const result: number[][] = []
    for (let i = 1; i <= digits.length - parts + 1; i++) {
      const head = digits.slice(0, i)
      if (!/^(0|[1-9]\d*)$/.test(head)) break
      for (const rest of pieces(digits.slice(i), parts - 1)) result.push([Number(head), ...rest])
    }
    return result
  }
  const walk = (i: number, acc: Reading, left: number) => {
    if (out.length > LIMIT) return
    if (i === tokens.length) {
      if (left === 0) out.push([...acc])
      return
    }
    const token = tokens[i]!
    const digits = token.kind === 'number' ? token.raw.trim() : ''
    const max = /^\d+$/.test(digits) ? Math.min(digits.length, left - (tokens.length - i - 1)) : 1
    for (let parts = 1; parts <= max; parts++) {
      if (parts === 1) walk(i + 1, [...acc, valueOf(token)], left - 1)
      else for (const split of pieces(digits, parts)) walk(i + 1, [...acc, ...split], left - parts)
    }
  }
  walk(0, [], expected)
  return out
}

function blankReason(token: ValueToken): string {
  return token.raw.trim() ? `原表此格填「${token.raw.trim()}」，不是数字` : '原表此格为空（空白不等于 0）'
}

/** Read `expected` cells from the tokens after a row label. */
export function resolveRow(tokens: ValueToken[], expected: number, check?: RowCheck): CellResult[] {
  const seq = tokens.length === expected ? tokens : trimBlanks(tokens)
  const raw = describeTokens(seq)
  if (seq.length === expected) {
    // The right count, but the sums disagree: a cell may have slipped (or the report is wrong).
    const slipped = check?.(seq.map(valueOf)) === false ? `本行数字（${raw}）不符合合计关系，可能有错位，请对照原表` : undefined
    return seq.map((t) => {
      const reasons = [t.kind === 'blank' ? blankReason(t) : t.doubt, slipped].filter(Boolean)
      return { value: valueOf(t), ...(reasons.length ? { reason: reasons.join('；') } : {}) }
    })
  }
  const numbers = seq.filter((t) => t.kind === 'number')
  if (numbers.length === expected) {
    const why = `原文此行数字间有空格位（${raw}），已按 ${expected} 个数依次读取`
    return numbers.map((t) => ({ value: valueOf(t), reason: t.doubt ? `${why}；${t.doubt}` : why }))
  }
  if (seq.length === 0) return Array.from({ length: expected }, () => ({ value: null, reason: '原文此行没有数字' }))
  // Blank cells after the numbers: the first of them may be the row's last cell left empty
  // (one cell per line, where a missing cell cannot vanish), the rest layout.
  let lead = 0
  while (lead < tokens.length && tokens[lead]!.kind === 'blank') lead++
  const kept = tokens.slice(lead, lead + expected)
  if (seq.length < expected && tokens.length - lead >= expected && tokens.slice(lead + expected).every((t) => t.kind === 'blank')) {
    const why = `原文此行只有 ${seq.length} 个数（${raw}），其后为空格，按最后${expected - seq.length === 1 ? '一格' : '几格'}为空读取`
    return kept.map((t) => ({ value: valueOf(t), reason: t.kind === 'blank' ? `${why}；此格写作 ~` : why }))
  }

  let readings: Reading[]
  let why: string
  let unknown: string
  const values = seq.map(valueOf)
  if (seq.length > expected) {
    readings = drops(values, seq.length - expected)
    why = `原文有 ${seq.length} 个数（${raw}），应为 ${expected} 个`
    unknown = '无法确定多出的是哪一个'
  } else {
    const joined = splits(seq, expected).filter((r) => r.length === expected)
    // `000` is never one number in a table: with a leading zero only a split reads it.
    const leadingZero = seq.some((t) => t.kind === 'number' && /^0\d+$/.test(t.raw.trim()))
    readings = leadingZero && joined.length ? joined : [...joined, ...inserts(values, expected)]
    why = joined.length ? `数字连在一起（${raw}），应为 ${expected} 个数` : `原文只有 ${seq.length} 个数（${raw}），应为 ${expected} 个`
    unknown = joined.length ? '无法确定如何拆分' : '无法确定缺的是哪一格'
  }
  if (readings.length > LIMIT) readings = []
  let bySum = false
  if (check && readings.length > 1) {
    // Readings the sum rules confirm outweigh readings they cannot check.
    const verified = readings.filter((r) => check(r) === true)
    const possible = readings.filter((r) => check(r) !== false)
    bySum = verified.length > 0 && verified.length < readings.length
    readings = verified.length ? verified : possible.length ? possible : readings
  }
  const cells = Array.from({ length: expected }, (_, i) => {
    const first = readings[0]?.[i]
    const agree = readings.length > 0 && first !== undefined && first !== null && readings.every((r) => r[i] === first)
    return agree ? first : null
  })
  const filled = cells.filter((v) => v !== null).length
  const how = bySum
    ? readings.length === 1
      ? '只有一种读法符合合计关系'
      : '符合合计关系的读法结果相同'
    : readings.length === 1
      ? '只有一种读法'
      : '各种读法结果相同'
  const summary =
    filled === expected ? `${how}，已填入` : filled === 0 ? `${unknown}，各格写作 ~` : `${unknown}；读法一致的格已填入，其余写作 ~`
  return cells.map((value) => ({ value, reason: `${why}；${summary}` }))
}

/**
 * From the numbers found after a row label to the row's cells. When the
 * count is not the expected one (a cell too many, a cell missing, digits
 * run together), every reading is a candidate; the format's rules choose
 * among them (solve.ts), and a cell is filled only where every remaining
 * reading agrees. Everything else is `~` with the reason and the
 * candidates, never a silent guess.
 */
import type { Linear } from './constraints.js'
import { yuanToWan } from './normalize.js'
import { solve, type Reading, type Variable } from './solve.js'
import type { Token } from './tokens.js'

export type ValueToken = Extract<Token, { kind: 'number' | 'blank' }>
export type { Reading } from './solve.js'

export interface CellResult {
  value: number | null
  /** Why the cell needs a human look (待核对); absent when it was read with certainty. */
  reason?: string
  /** How a certain value was read, when that is worth saying (split by the sums, unit converted, blank). */
  note?: string
}

/** A row's candidate readings and what the reader should know about them. */
export interface RowCandidates {
  readings: Reading[]
  /** Per cell, when the row was read as printed: a note, and whether it needs a look. */
  marks: ({ text: string; flag: boolean } | undefined)[]
  /** How the printed row differs from one value per cell; absent when it does not. */
  why?: string
  /** What is not known when several readings remain. */
  unknown: string
  /** The single reading is a layout guess: flag it whatever the sums say. */
  guess?: string
  /**
   * A number too many or too few: the printed row itself deviates from the format, so even a
   * reading the rules single out is flagged (digits run together are all accounted for, and a
   * split the rules single out is not).
   */
  miscount?: boolean
}

/** Readings tried for one row, at most; past it the row is flagged as it is. */
export const CANDIDATE_CAP = 5000

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
  if (out.length > CANDIDATE_CAP) return out
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

/** Readings that put the missing cells somewhere among the values. */
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
    if (out.length > CANDIDATE_CAP) return
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

function blankNote(token: ValueToken): string {
  return token.raw.trim() ? `原表此格为「${token.raw.trim()}」，不是数字，写作 ~` : '原表此格空白（空白不等于 0），写作 ~'
}

/** What a cell's column expects, for a unit written in the cell. */
export interface CellColumn {
  valueType: string
  unit?: string
}

/**
 * A unit written in the cell against the column's: 元 in a 万元 column is
 * converted (certain: both units are printed); a unit in a column whose
 * format prints none, or in a count column, is kept as printed and flagged.
 */
function withUnit(token: ValueToken, column: CellColumn | undefined): { value: number | null; mark?: { text: string; flag: boolean } } {
  if (token.kind !== 'number' || !token.unit) return { value: valueOf(token) }
  const raw = token.raw.trim()
  if (column?.unit === '万元') {
    if (token.unit === '万元') return { value: token.value }
    const value = yuanToWan(token.value)
    return { value, mark: { text: `原文「${raw}」，已换算为 ${value} 万元`, flag: false } }
  }
  const why = column?.valueType === 'amount' ? '本格式此列未规定单位' : '此列是件数'
  return { value: token.value, mark: { text: `原文「${raw}」带单位「${token.unit}」，${why}，按原数填入，请核对单位`, flag: true } }
}

/** Every reading of `expected` cells the tokens after a row label allow (`columns`: for units in cells). */
export function candidatesOf(tokens: ValueToken[], expected: number, columns: (CellColumn | undefined)[] = []): RowCandidates {
  const seq = tokens.length === expected ? tokens : trimBlanks(tokens)
  const raw = describeTokens(seq)
  const none = Array.from({ length: expected }, () => undefined)
  const printed = (cells: ValueToken[]): RowCandidates => {
    const read = cells.map((t, k) => (t.kind === 'blank' ? { value: null, mark: { text: blankNote(t), flag: false } } : withUnit(t, columns[k])))
    return { readings: [read.map((r) => r.value)], marks: read.map((r) => r.mark), unknown: '' }
  }
  if (seq.length === expected) return printed(seq)
  const numbers = seq.filter((t) => t.kind === 'number')
  // One-cell-per-line dumps put empty lines between cells: the numbers are the cells.
  if (numbers.length === expected) return printed(numbers)
  if (seq.length === 0) return { readings: [none.map(() => null)], marks: none, unknown: '', guess: '原文此行没有数字' }
  // Blank cells after the numbers: the first of them may be the row's last cell left empty
  // (one cell per line, where a missing cell cannot vanish), the rest layout.
  let lead = 0
  while (lead < tokens.length && tokens[lead]!.kind === 'blank') lead++
  if (seq.length < expected && tokens.length - lead >= expected && tokens.slice(lead + expected).every((t) => t.kind === 'blank')) {
    const kept = tokens.slice(lead, lead + expected)
    const guess = `原文此行只有 ${seq.length} 个数（${raw}），其后为空格，按最后${expected - seq.length === 1 ? '一格' : '几格'}为空读取`
    return { readings: [kept.map(valueOf)], marks: none, unknown: '', guess }
  }
  const values = seq.map(valueOf)
  if (seq.length > expected) {
    return {
      readings: drops(values, seq.length - expected),
      marks: none,
      miscount: true,
      why: `原文有 ${seq.length} 个数（${raw}），应为 ${expected} 个`,
      unknown: '无法确定多出的是哪一个',
    }
  }
  const joined = splits(seq, expected).filter((r) => r.length === expected)
  // `000` is never one number in a table: with a leading zero only a split reads it.
  const leadingZero = seq.some((t) => t.kind === 'number' && /^0\d+$/.test(t.raw.trim()))
  return {
    readings: leadingZero && joined.length ? joined : [...joined, ...inserts(values, expected)],
    marks: none,
    ...(joined.length ? {} : { miscount: true }),
    why: joined.length ? `数字连在一起（${raw}），应为 ${expected} 个数` : `原文只有 ${seq.length} 个数（${raw}），应为 ${expected} 个`,
    unknown: joined.length ? '无法确定如何拆分' : '无法确定缺的是哪一格',
  }
}

const show = (r: Reading) => r.map((v) => (v === null ? '~' : String(v))).join(' ')

/** Candidates as the reader sees them: `15 2 0 0 0 2 19 ｜ 1 52 0 …`, at most a few. */
export function listReadings(readings: Reading[], max = 4): string {
  const shown = readings.slice(0, max).map(show).join(' ｜ ')
  return readings.length > max ? `${shown} ｜ …（共 ${readings.length} 种）` : shown
}

/** How the rules judged a row's candidates. */
export interface Verdict {
  /** Indices of the candidates every rule allows. */
  feasible: number[]
  /** Whether the rules could tell (false: no rule touches the row, or the cap was hit). */
  judged: boolean
  capped?: boolean
}

/** The row's cells from its candidates and the rules' verdict on them. */
export function decide(row: RowCandidates, verdict: Verdict): CellResult[] {
  const all = row.readings
  const expected = all[0]?.length ?? 0
  if (all.length === 0 || all.length > CANDIDATE_CAP) {
    const reason = `${row.why ?? ''}；读法过多（超过 ${CANDIDATE_CAP} 种），无法确定，各格写作 ~`
    return Array.from({ length: expected || row.marks.length }, () => ({ value: null, reason }))
  }
  if (all.length === 1) {
    // Digits run together with one reading only (`000`) are as certain as spaced numbers.
    const single = row.why && row.miscount ? `${row.why}；只有一种读法：${show(all[0]!)}，已填入` : undefined
    return all[0]!.map((value, i) => {
      const mark = row.marks[i]
      if (row.guess) return { value, reason: row.guess }
      if (single) return { value, reason: single }
      if (!mark) return { value }
      return mark.flag ? { value, reason: mark.text } : { value, note: mark.text }
    })
  }
  const fits = verdict.feasible.map((i) => all[i]!)
  const readings = fits.length > 0 ? fits : all
  const cells = Array.from({ length: expected }, (_, i) => {
    const first = readings[0]![i]
    return first !== null && first !== undefined && readings.every((r) => r[i] === first) ? first : null
  })
  const distinct = new Set(readings.map(show))
  if (distinct.size === 1) {
    const how = verdict.judged && fits.length < all.length ? '只有一种读法符合勾稽关系' : '各种读法结果相同'
    const text = `${row.why}；${how}：${show(readings[0]!)}`
    return cells.map((value) => (row.miscount ? { value, reason: `${text}，已填入` } : { value, note: text }))
  }
  const why = verdict.capped
    ? `${row.why}；候选读法组合过多，未能用勾稽关系确定`
    : fits.length === 0 && verdict.judged
      ? `${row.why}；没有一种读法符合勾稽关系（原表数字可能有误）`
      : `${row.why}；${row.unknown}`
  const reason = `${why}。候选：${listReadings([...distinct].map((d) => readings.find((r) => show(r) === d)!))}`
  return cells.map((value, i) => {
    const agree = readings.every((r) => r[i] === readings[0]![i])
    return agree && value !== null ? { value, note: reason } : { value, reason }
  })
}

/** Whether a reading has a value in every cell (the rules can check it all). */
const complete = (r: Reading) => r.every((v) => v !== null)

/**
 * Judge several rows together: the candidates of every row with more than
 * one, against the equations, the single-reading rows as fixed cells.
 *
 * First each row alone (the other uncertain rows count as unknown): a
 * reading that fills every cell and that the rules confirm outweighs one
 * they cannot check; a row none of whose readings fits is left as it is
 * (the printed numbers disagree; no "repair"). Then the rows that fit,
 * together: when some assignment satisfies every equation, a row keeps the
 * readings that take part in one; otherwise each keeps its own verdict.
 */
export function judge(rows: { cells: Variable['cells']; candidates: RowCandidates }[], equations: Linear[]): Verdict[] {
  const fixed = new Map<string, number | null>()
  const open: number[] = []
  rows.forEach((row, i) => {
    const { readings } = row.candidates
    if (readings.length === 1) row.cells.forEach((cell, k) => cell !== undefined && fixed.set(cell, readings[0]![k]!))
    else if (readings.length > 1 && readings.length <= CANDIDATE_CAP) open.push(i)
  })
  const verdicts: Verdict[] = rows.map((row) => ({ feasible: row.candidates.readings.map((_, i) => i), judged: false }))
  if (open.length === 0) return verdicts
  const touched = new Set(equations.flatMap((eq) => eq.terms.map(([cell]) => cell)))
  // Each row alone.
  const local = new Map<number, number[]>()
  let capped = false
  for (const i of open) {
    const row = rows[i]!
    const all = row.candidates.readings.map((_, c) => c)
    const full = all.filter((c) => complete(row.candidates.readings[c]!))
    const alone = (indices: number[]) => {
      const solved = solve([{ cells: row.cells, candidates: indices.map((c) => row.candidates.readings[c]!) }], fixed, equations)
      capped ||= solved.capped
      return solved.capped ? indices : solved.feasible[0]!.map((k) => indices[k]!)
    }
    const confirmed = full.length > 0 ? alone(full) : []
    local.set(i, confirmed.length > 0 ? confirmed : alone(all))
  }
  // Together, the rows that fit on their own.
  const fitting = open.filter((i) => local.get(i)!.length > 0)
  const together =
    fitting.length > 1
      ? solve(
          fitting.map((i) => ({ cells: rows[i]!.cells, candidates: local.get(i)!.map((c) => rows[i]!.candidates.readings[c]!) })),
          fixed,
          equations,
        )
      : undefined
  capped ||= together?.capped ?? false
  const global = together && together.satisfiable && !together.capped ? together : undefined
  for (const i of open) {
    const judged = rows[i]!.cells.some((cell) => cell !== undefined && touched.has(cell))
    if (!judged) continue
    const k = fitting.indexOf(i)
    const feasible = global && k >= 0 ? global.feasible[k]!.map((j) => local.get(i)![j]!) : local.get(i)!
    verdicts[i] = { feasible, judged: true, ...(capped && feasible.length > 1 ? { capped: true } : {}) }
  }
  return verdicts
}

/** One row judged alone against the equations (table 4 on one line, or a row of its own). */
export function resolveRow(tokens: ValueToken[], cells: Variable['cells'], equations: Linear[] = []): CellResult[] {
  const candidates = candidatesOf(tokens, cells.length)
  const [verdict] = judge([{ cells, candidates }], equations)
  return decide(candidates, verdict!)
}

/**
 * The change of one value between two years. A blank (`~`) is not 0, so a
 * change that involves a blank is unknown; a cell that last year's format
 * does not have is said so; a relative change from 0 is not a number.
 */
import type { Cell } from '../source/cells.js'

export type DeltaKind = 'up' | 'down' | 'same' | 'unknown' | 'absent'

export interface Delta {
  kind: DeltaKind
  /** Absolute change (`+2`, `−1`, `0`) or the reason there is none (`未知`, `上年无此项`). */
  text: string
  /** Relative change (`+66.7%`), or `null` when there is none (from 0, or unknown). */
  relative: string | null
  /** Numeric change, when known. */
  value: number | null
}

/** How a value reads on the pages: blank is 「—」, never 0. */
export function valueText(value: number | null): string {
  return value === null ? '—' : String(Math.round(value * 1e6) / 1e6)
}

const MINUS = '−'

function signed(n: number, digits: number): string {
  const rounded = Math.round(n * 10 ** digits) / 10 ** digits
  if (rounded === 0) return '0'
  const text = String(Math.abs(rounded))
  return rounded > 0 ? `+${text}` : `${MINUS}${text}`
}

/** The change from `before` to `after`; `before` is `undefined` when last year's format has no such value. */
export function delta(before: number | null | undefined, after: number | null): Delta {
  if (before === undefined) return { kind: 'absent', text: '上年无此项', relative: null, value: null }
  if (before === null || after === null) return { kind: 'unknown', text: '未知', relative: null, value: null }
  const change = Math.round((after - before) * 1e6) / 1e6
  const kind: DeltaKind = change > 0 ? 'up' : change < 0 ? 'down' : 'same'
  // Rounded half up to one decimal, a trailing .0 dropped, as rates print (src/source/derived.ts).
  const relative = before === 0 ? null : `${signed((change / before) * 100, 1)}%`
  return { kind, text: signed(change, 6), relative: change === 0 ? null : relative, value: change }
}

/** Change in percentage points between two rates (shares in [0, 1]). */
export function pointDelta(before: number | null, after: number | null): Delta {
  if (before === null || after === null) return { kind: 'unknown', text: '未知', relative: null, value: null }
  const change = Math.round((after - before) * 1000) / 10
  const kind: DeltaKind = change > 0 ? 'up' : change < 0 ? 'down' : 'same'
  return { kind, text: `${signed(change, 1)} 个百分点`, relative: null, value: change }
}

/** The value of a cell, `null` when blank or unreadable. */
export const cellValue = (cell: Cell | undefined): number | null | undefined => (cell === undefined ? undefined : cell.value)

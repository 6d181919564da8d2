/**
 * Numbers as text without waking ICU up. The first `Intl.NumberFormat('zh-CN')`
 * of a process loads its locale data, 20–30 ms of every cold command that
 * formats a figure, while the figures of a report are nearly all integers.
 */

/** 12345 → `12,345`, as zh-CN and en-US group an integer. */
export const groupInteger = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

let fractions: Intl.NumberFormat | undefined

/**
 * As `Intl.NumberFormat('zh-CN', { useGrouping: false, maximumFractionDigits: 6 })`
 * formats a finite number. An integer below 1e21 prints its digits as
 * `String` does (-0 keeps its sign, as there); anything else goes to the
 * formatter, made on first need, since ICU rounds the shortest decimal
 * (5e-7 → 0.000001) where `toFixed` rounds the binary value (→ 0).
 */
export function plainNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return Object.is(value, -0) ? '-0' : String(value)
  fractions ??= new Intl.NumberFormat('zh-CN', { useGrouping: false, maximumFractionDigits: 6 })
  return fractions.format(value)
}

/**
 * Pure formatting helpers shared by the view model and the templates:
 * numbers as the official tables print them, Chinese dates and numerals.
 */
import { plainNumber } from '../number-text.js'
import { parseCalendarDate } from '../source/dates.js'

/**
 * A table value as printed in the official tables: no thousands
 * separators (631, not 631 or 6,31), amounts with up to six decimals
 * (万元 values such as 71.8526), `null` (blank, `~`) as the empty string.
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return ''
  return plainNumber(value)
}

/** `2025-02-10` → `2025年2月10日`; anything else, 2025-02-30 included → `''` (the validator reports bad dates). */
export function chineseDate(iso: string | null | undefined): string {
  const date = parseCalendarDate(iso)
  if (!date) return ''
  return `${String(date.year).padStart(4, '0')}年${date.month}月${date.day}日`
}

const DIGITS = '零一二三四五六七八九'

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (section and item numbering). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n)
  if (n < 10) return DIGITS[n]!
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : DIGITS[tens]!}十${ones === 0 ? '' : DIGITS[ones]!}`
}

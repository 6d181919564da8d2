/**
 * Pure formatting helpers shared by the view model and the templates:
 * numbers as the official tables print them, Chinese dates and numerals.
 */

const plain = new Intl.NumberFormat('zh-CN', { useGrouping: false, maximumFractionDigits: 6 })

/**
 * A table value as printed in the official tables: no thousands
 * separators (631, not 631 or 6,31), amounts with up to six decimals
 * (万元 values such as 71.8526), `null` (blank, `~`) as the empty string.
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return ''
  return plain.format(value)
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** `2025-02-10` → `2025年2月10日`; anything else → `''` (the schema reports bad dates). */
export function chineseDate(iso: string | null | undefined): string {
  const match = typeof iso === 'string' ? DATE.exec(iso.trim()) : null
  if (!match) return ''
  const [, year, month, day] = match
  return `${year}年${Number(month)}月${Number(day)}日`
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

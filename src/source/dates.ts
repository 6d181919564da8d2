/**
 * Calendar dates as the front matter writes them (`YYYY-MM-DD`). A date that
 * matches the pattern but does not exist (2025-02-30, 2025-13-45, 0000-00-00)
 * is never rolled over to another day, never printed.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export interface CalendarDate {
  year: number
  month: number
  day: number
}

/** A UTC Date for any year (Date.UTC maps years 0–99 to 1900–1999). */
export function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return utcDate(year, month + 1, 0).getUTCDate()
}

/** Why `YYYY-MM-DD` text is not a real date ([zh, en]); `undefined` when it is one or does not match the pattern. */
export function calendarDateProblem(iso: string): [string, string] | undefined {
  const match = ISO_DATE.exec(iso.trim())
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1) return [`没有公元 ${match[1]} 年`, `there is no year ${match[1]}`]
  if (month < 1 || month > 12) return [`月份 ${match[2]} 不在 01–12 之间`, `month ${match[2]} is not between 01 and 12`]
  const days = daysInMonth(year, month)
  if (day < 1 || day > days) return [`${year}年${month}月只有 ${days} 天`, `${year}-${match[2]} has ${days} days`]
  return undefined
}

/** The date of `YYYY-MM-DD` text when it is a real calendar date, else `undefined`. */
export function parseCalendarDate(iso: string | null | undefined): CalendarDate | undefined {
  if (typeof iso !== 'string') return undefined
  const match = ISO_DATE.exec(iso.trim())
  if (!match || calendarDateProblem(iso)) return undefined
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
}

/** Days since 1970-01-01 (UTC), to compare dates without a clock or a time zone. */
export function dayNumber(date: CalendarDate): number {
  return Math.round(utcDate(date.year, date.month, date.day).getTime() / 86_400_000)
}

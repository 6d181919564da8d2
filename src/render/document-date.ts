/**
 * The date written into outputs (PDF Info/XMP, docx core properties): the
 * report's `published` day, else SOURCE_DATE_EPOCH, else a fixed epoch —
 * never the clock, so the same input gives the same bytes.
 */
import { parseCalendarDate, utcDate } from '../source/dates.js'

const FIXED_EPOCH = Date.UTC(2000, 0, 1)

/** The document date: the report's `published` day, else SOURCE_DATE_EPOCH, else a fixed epoch. */
export function documentDate(published: string | undefined): Date {
  // Only a real calendar day: 2025-02-30 must not roll over to 2025-03-02.
  const day = parseCalendarDate(published)
  if (day) return utcDate(day.year, day.month, day.day)
  const epoch = process.env.SOURCE_DATE_EPOCH
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return new Date(FIXED_EPOCH)
}

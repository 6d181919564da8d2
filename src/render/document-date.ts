/**
 * The date written into outputs (PDF Info/XMP, docx core properties): the
 * report's `published` day, else SOURCE_DATE_EPOCH, else a fixed epoch —
 * never the clock, so the same input gives the same bytes.
 */
const FIXED_EPOCH = Date.UTC(2000, 0, 1)

/** The document date: the report's `published` day, else SOURCE_DATE_EPOCH, else a fixed epoch. */
export function documentDate(published: string | undefined): Date {
  if (published && /^\d{4}-\d{2}-\d{2}$/.test(published)) {
    const date = new Date(`${published}T00:00:00Z`)
    if (!Number.isNaN(date.getTime())) return date
  }
  const epoch = process.env.SOURCE_DATE_EPOCH
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return new Date(FIXED_EPOCH)
}

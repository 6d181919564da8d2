/**
 * Checks on meta data against the statistics: format vs year, 规章 from
 * agencies that cannot make them, file name vs year, the published date.
 */
import { basename } from 'node:path'
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import { levels } from '../../formats/common.js'
import { formatForYear } from '../../formats/index.js'
import type { Report } from '../../source/report.js'
import { calendarDateProblem, dayNumber, parseCalendarDate } from '../../source/dates.js'

const levelLabels: Record<string, [string, string]> = {
  county: ['县级', 'county-level'],
  township: ['乡镇级', 'township'],
}

export function checkFormatYear(file: VFile, report: Report): void {
  const { year } = report.meta
  if (!year) return
  const expected = formatForYear(year)
  if (expected.id === report.format.id) return
  const locate = file.data.source!.locate
  emit(
    file,
    'format-matches-year',
    { year, used: report.format.id, usedDoc: report.format.document, expected: expected.id, expectedDoc: expected.document },
    report.formatDeclared ? locate.path(['format']) : locate.path(['year']),
    { actual: report.format.id, expected: [expected.id] },
  )
}

export function checkRegulationLevel(file: VFile, report: Report): void {
  const level = report.meta.level
  if (!level || !(level in levelLabels) || !levels.includes(level as (typeof levels)[number])) return
  const table = report.stats.get('active')!
  for (const rows of table.blocks.values()) {
    const cells = rows.get('regulations')
    if (!cells) continue
    const reported = [...cells.values()].filter((c) => c.origin === 'given' && (c.value ?? 0) > 0)
    if (reported.length === 0) continue
    const [levelLabel, levelEn] = levelLabels[level]!
    emit(
      file,
      'regulation-making-level',
      { level: levelEn, levelLabel, label: '规章', actual: reported.map((c) => c.value).join('/') },
      file.data.source!.locate.path(['active', 'regulations']),
    )
  }
}

export function checkFileName(file: VFile, report: Report): void {
  const name = basename(file.path ?? '')
  const match = /^(\d{4})\.md$/.exec(name)
  if (!match || !report.meta.year || Number(match[1]) === report.meta.year) return
  emit(file, 'file-name-matches-year', { name, year: report.meta.year }, file.data.source!.locate.path(['year']))
}

/**
 * `published` is a real day, after the report year (its figures are fixed as
 * at 12月31日, so an earlier date is a mistake, most often the report year typed
 * for the next one), and not long after the format's deadlines.
 */
export function checkPublished(file: VFile, report: Report): void {
  const { published, year } = report.meta
  if (!published) return
  // Found only when there is something to say: a place in the YAML rebuilds its document (read.ts).
  const place = () => file.data.source!.locate.path(['published'])
  const problem = calendarDateProblem(published)
  if (problem) {
    emit(file, 'published-date-exists', { actual: published, reason: problem[0], reasonEn: problem[1] }, place(), { actual: published })
    return
  }
  const date = parseCalendarDate(published)
  if (!date || !year) return
  const yearEnd = { year, month: 12, day: 31 }
  if (dayNumber(date) <= dayNumber(yearEnd)) {
    const guess = `${year + 1}${published.trim().slice(4)}`
    const hint = date.year === year && parseCalendarDate(guess) ? guess : ''
    emit(file, 'published-after-year-end', { actual: published, year, hint }, place(), { actual: published, expected: hint ? [hint] : [] })
    return
  }
  const { deadline, latest } = report.format.publication
  if (dayNumber(date) > dayNumber({ year: year + 1, ...latest })) {
    emit(
      file,
      'published-by-deadline',
      {
        actual: published,
        deadline: `${year + 1}年${deadline.month}月${deadline.day}日`,
        latest: `${latest.month}月${latest.day}日`,
        deadlineEn: `${year + 1}-${pad(deadline.month)}-${pad(deadline.day)}`,
        latestEn: `${pad(latest.month)}-${pad(latest.day)}`,
      },
      place(),
      { actual: published },
    )
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

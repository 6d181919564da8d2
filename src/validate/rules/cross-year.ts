/**
 * Checks against the same agency's previous report: 上年结转 equals last
 * year's 结转下年度, 现行有效件数 carries on, and section 五 is not a copy.
 */
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import { getCell } from '../../source/cells.js'
import type { Report } from '../../source/report.js'

/** Dice coefficient over character bigrams, 0–1. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const clean = s.replace(/\s+/g, '')
    const map = new Map<string, number>()
    for (let i = 0; i < clean.length - 1; i++) {
      const g = clean.slice(i, i + 2)
      map.set(g, (map.get(g) ?? 0) + 1)
    }
    return { map, size: Math.max(clean.length - 1, 0) }
  }
  const x = grams(a)
  const y = grams(b)
  if (x.size + y.size === 0) return 0
  let shared = 0
  for (const [g, n] of x.map) shared += Math.min(n, y.map.get(g) ?? 0)
  return (2 * shared) / (x.size + y.size)
}

export const REPEAT_THRESHOLD = 0.8

export function checkCrossYear(file: VFile, report: Report, previous: Report): void {
  const locate = file.data.source!.locate
  const block = report.format.tables.find((t) => t.key === 'requests')!.blocks[0]!
  for (const column of block.columns) {
    const now = getCell(report.stats, 'requests', 'requests', ['carried_over'], column.key)
    const before = getCell(previous.stats, 'requests', 'requests', ['carried_forward'], column.key)
    if (now.value === null || before.value === null || now.value === before.value) continue
    emit(
      file,
      'carried-over-matches-last-year',
      { column: column.label, columnEn: column.key, actual: now.value, expected: before.value, lastYear: previous.meta.year },
      locate.path(now.origin === 'computed' ? ['requests', 'carried_over'] : now.path),
      { actual: String(now.value), expected: [String(before.value)] },
    )
  }

  if (report.format.id === 'gb-2021' && previous.format.id === 'gb-2021') {
    for (const [row, label] of [['regulations', '规章'], ['normative_documents', '行政规范性文件']] as const) {
      const cell = (r: Report, column: string) => getCell(r.stats, 'active', 'article-20-1', [row], column)
      const inForce = cell(report, 'in_force')
      const issued = cell(report, 'issued').value
      const repealed = cell(report, 'repealed').value
      const prev = cell(previous, 'in_force').value
      if (inForce.value === null || issued === null || repealed === null || prev === null) continue
      const expected = prev + issued - repealed
      if (expected === inForce.value) continue
      emit(
        file,
        'in-force-continuity',
        { label, actual: inForce.value, previous: prev, issued, repealed, expected },
        locate.path(inForce.path),
        { actual: String(inForce.value), expected: [String(expected)] },
      )
    }
  }

  const five = report.body.sections.find((s) => s.def?.number === 5)
  const lastFive = previous.body.sections.find((s) => s.def?.number === 5)
  if (five && lastFive && five.text.length > 20) {
    const score = similarity(five.text, lastFive.text)
    if (score >= REPEAT_THRESHOLD) {
      const pos = five.heading.position!
      emit(
        file,
        'improvements-not-repeated',
        { lastYear: previous.meta.year, similarity: Math.round(score * 100) },
        locate.range(pos.start.offset!, pos.end.offset!),
      )
    }
  }
}

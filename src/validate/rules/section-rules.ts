/**
 * Checks on the body: the six sections, their order and required text,
 * the 信息处理费 report in 六 and the length cap of 一.
 */
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import type { Place } from '../../diagnostics/types.js'
import type { Report } from '../../source/report.js'
import type { SectionContent } from '../../source/sections.js'
import { isUnwritten } from './to-fill.js'

function headingPlace(file: VFile, section: SectionContent): Place {
  const pos = section.heading.position!
  return file.data.source!.locate.range(pos.start.offset!, pos.end.offset!)
}

/** Characters that count towards a length: everything but whitespace. */
export function countChars(text: string): number {
  return text.replace(/\s+/g, '').length
}

export function checkSections(file: VFile, report: Report): void {
  const { sections } = report.body
  const seen = new Map<number, SectionContent>()
  let previous: SectionContent | undefined
  for (const section of sections) {
    const def = section.def
    if (!def) {
      emit(file, 'section-heading', { kind: 'unknown', text: section.headingText }, headingPlace(file, section))
      continue
    }
    if (section.writtenNumeral && section.writtenNumeral !== def.numeral) {
      emit(
        file,
        'section-heading',
        { kind: 'numeral', actual: section.writtenNumeral, title: def.title, numeral: def.numeral },
        headingPlace(file, section),
        { actual: section.writtenNumeral, expected: [def.numeral] },
      )
    }
    if (seen.has(def.number)) {
      emit(file, 'section-heading', { kind: 'duplicate', numeral: def.numeral, title: def.title }, headingPlace(file, section))
      continue
    }
    if (previous?.def && previous.def.number > def.number) {
      emit(
        file,
        'section-order',
        { numeral: def.numeral, title: def.title, previousNumeral: previous.def.numeral },
        headingPlace(file, section),
      )
    }
    seen.set(def.number, section)
    previous = section
  }

  const text = file.data.source!.text
  const end = file.data.source!.locate.range(text.length, text.length)
  // A scaffold's section with only its guidance comments is counted in report-filled-in instead.
  for (const def of report.format.sections) {
    if (!def.requiresText) continue
    const section = seen.get(def.number)
    if (!section) {
      const next = [...seen.values()].find((s) => s.def!.number > def.number)
      emit(file, 'section-required', { missing: 1, numeral: def.numeral, title: def.title }, next ? headingPlace(file, next) : end)
    } else if (section.text === '' && !isUnwritten(section)) {
      emit(file, 'section-required', { missing: 0, numeral: def.numeral, title: def.title }, headingPlace(file, section))
    }
  }

  const six = seen.get(6)
  if (report.format.requiresFeeReport && six && six.text !== '' && !/处理费/.test(six.text)) {
    emit(file, 'fee-reported', {}, headingPlace(file, six))
  }
  const one = seen.get(1)
  const max = report.format.overviewMaxChars
  if (max && one) {
    const length = countChars(one.text)
    if (length > max) emit(file, 'overview-length', { actual: length, expected: max }, headingPlace(file, one), { actual: String(length) })
  }
}

/**
 * Numbers stated in the narrative (「共收到政府信息公开申请 16 件」) must
 * match the tables. The reading is in src/validate/narrative/ (phrasings as
 * data, measured on a labelled corpus by `npm run bench`); this rule reports
 * each contradiction with the sentence, the figure it was compared with, its
 * formula and its value. A soft check: a warning.
 */
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import { evaluateAllDerived, formatDerived, formulaText } from '../../source/derived.js'
import type { Report } from '../../source/report.js'
import { readNarrative, type Finding } from '../narrative/compare.js'
import { blockRange, textBlocks } from '../narrative/text-blocks.js'

const QUOTE_MAX = 60

/** The sentence, shortened around the claim when long. */
function quoteOf(text: string, finding: Finding): string {
  const { sentence, claim } = finding
  const whole = text.slice(sentence.start, sentence.end)
  if (whole.length <= QUOTE_MAX) return whole
  const from = Math.max(sentence.start, Math.min(claim.start - 15, sentence.end - QUOTE_MAX))
  const to = Math.min(sentence.end, from + QUOTE_MAX)
  return `${from > sentence.start ? '…' : ''}${text.slice(from, to)}${to < sentence.end ? '…' : ''}`
}

export function checkNarrative(file: VFile, report: Report): void {
  const source = file.data.source
  if (!source) return
  const figures = evaluateAllDerived(report)
  const context = { year: report.meta.year, figures }
  const nodes = [...report.body.preamble, ...report.body.sections.flatMap((s) => s.nodes)]
  for (const block of textBlocks(nodes, source.text)) {
    for (const finding of readNarrative(block.text, context)) {
      if (finding.verdict !== 'contradicts') continue
      const { claim } = finding
      const range = blockRange(block, claim.start, claim.end)
      const place = range ? source.locate.range(range[0], range[1]) : undefined
      const known = finding.compared.filter((c) => c.value !== null)
      const stated = claim.number ? block.text.slice(claim.number.start, claim.number.unitEnd) : '无'
      const compared = known.map((c) => `${c.def.name}（${formulaText(report.format, c.def)}）为 ${formatDerived(c.def, c.value)}`)
      const comparedEn = known.map((c) => `${c.def.key} (${formulaText(report.format, c.def)}) is ${formatDerived(c.def, c.value)}`)
      emit(
        file,
        'narrative-matches-table',
        { quote: quoteOf(block.text, finding), stated, compared: compared.join('，'), comparedEn: comparedEn.join(', '), name: known[0]!.def.name },
        place,
        { actual: String(claim.stated), expected: known.map((c) => formatDerived(c.def, c.value)!) },
      )
    }
  }
}

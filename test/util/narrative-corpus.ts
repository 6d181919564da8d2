/**
 * The labelled narrative corpus (test/fixtures/narrative/corpus.yaml): each
 * sentence with the report whose tables it is read against. Shared by the
 * corpus test and `npm run bench` (bench/narrative.ts).
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { evaluateAllDerived, type DerivedValue } from '../../src/source/derived.js'
import { loadReportFromText, type Report } from '../../src/source/report.js'
import { readNarrative, type Finding } from '../../src/validate/narrative/compare.js'

export const corpusPath = join(import.meta.dirname, '..', 'fixtures', 'narrative', 'corpus.yaml')

export type Label = 'agrees' | 'contradicts' | 'none'

export interface CorpusSentence {
  text: string
  report: string
  label: Label
  figure?: string
  origin: 'seed' | 'variant'
  case?: string
}

export interface Corpus {
  reports: Map<string, { path: string; report: Report; figures: Map<string, DerivedValue> }>
  sentences: CorpusSentence[]
}

export function loadCorpus(path = corpusPath): Corpus {
  const raw = parse(readFileSync(path, 'utf8')) as { reports: Record<string, string>; sentences: CorpusSentence[] }
  const reports: Corpus['reports'] = new Map()
  for (const [id, relative] of Object.entries(raw.reports)) {
    const file = join(dirname(path), relative)
    const report = loadReportFromText(file, readFileSync(file, 'utf8')).data.report
    if (!report) throw new Error(`corpus report ${id} (${file}) did not load`)
    reports.set(id, { path: file, report, figures: evaluateAllDerived(report) })
  }
  return { reports, sentences: raw.sentences }
}

/** The checker's verdict on one corpus sentence: contradicts if any claim does, agrees if any claim agrees. */
export function classify(corpus: Corpus, sentence: CorpusSentence): { label: Label; findings: Finding[] } {
  const context = corpus.reports.get(sentence.report)!
  const findings = readNarrative(sentence.text, { year: context.report.meta.year, figures: context.figures })
  if (findings.some((f) => f.verdict === 'contradicts')) return { label: 'contradicts', findings }
  if (findings.some((f) => f.verdict === 'agrees')) return { label: 'agrees', findings }
  return { label: 'none', findings }
}

export interface Scores {
  sentences: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  precision: number
  recall: number
  /** Share of agreeing sentences the checker reads as agreeing (what `bind` can rewrite). */
  agreeRecall: number
  misses: { sentence: CorpusSentence; got: Label; findings: Finding[] }[]
}

export function score(corpus: Corpus): Scores {
  let tp = 0
  let fp = 0
  let fn = 0
  let agreeSeen = 0
  let agreeTotal = 0
  const misses: Scores['misses'] = []
  for (const sentence of corpus.sentences) {
    const { label, findings } = classify(corpus, sentence)
    if (label === 'contradicts' && sentence.label === 'contradicts') tp++
    else if (label === 'contradicts') fp++
    else if (sentence.label === 'contradicts') fn++
    if (sentence.label === 'agrees') {
      agreeTotal++
      if (label === 'agrees') agreeSeen++
    }
    if (label !== sentence.label) misses.push({ sentence, got: label, findings })
  }
  return {
    sentences: corpus.sentences.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    agreeRecall: agreeTotal === 0 ? 1 : agreeSeen / agreeTotal,
    misses,
  }
}

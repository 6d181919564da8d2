/**
 * Narrative checker, measured: precision and recall of its contradiction
 * diagnostics on the labelled corpus (test/fixtures/narrative/corpus.yaml).
 * Called from bench/run.ts; `node --import tsx bench/narrative.ts [-v]` runs
 * it alone and, with -v, lists every sentence it reads differently from its label.
 */
import { loadCorpus, score } from '../test/util/narrative-corpus.js'

export interface NarrativeBench {
  narrative_precision: number
  narrative_recall: number
  narrative_agree_recall: number
  narrative_sentences: number
}

export function benchNarrative(verbose = false, log: (text: string) => void = (t) => process.stdout.write(t)): NarrativeBench {
  const scores = score(loadCorpus())
  if (verbose) {
    for (const miss of scores.misses) {
      const claims = miss.findings.map((f) => `${f.claim.phrasing}:${f.claim.stated}→${f.verdict}[${f.compared.map((c) => `${c.def.key}=${c.value}`).join(',')}]`)
      log(`  ${miss.sentence.label} → ${miss.got}  ${miss.sentence.report}  ${miss.sentence.text}  ${claims.join(' ')}\n`)
    }
  }
  log(
    `narrative: ${scores.sentences} sentences, ${scores.truePositives} contradictions found, ${scores.falsePositives} false alarms, ${scores.falseNegatives} missed\n`,
  )
  return {
    narrative_precision: Number(scores.precision.toFixed(3)),
    narrative_recall: Number(scores.recall.toFixed(3)),
    narrative_agree_recall: Number(scores.agreeRecall.toFixed(3)),
    narrative_sentences: scores.sentences,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = benchNarrative(process.argv.includes('-v'))
  process.stdout.write(`narrative_precision ${result.narrative_precision} (target ≥ 0.98)\nnarrative_recall ${result.narrative_recall} (target ≥ 0.95)\nnarrative_agree_recall ${result.narrative_agree_recall}\n`)
}

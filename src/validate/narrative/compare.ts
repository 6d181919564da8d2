/**
 * A narrative text read against the report's derived figures: every claim
 * in every sentence, and whether it agrees with the table, contradicts it,
 * or cannot be compared (a blank cell, a figure this format lacks).
 */
import type { DerivedDef } from '../../formats/types.js'
import type { DerivedValue } from '../../source/derived.js'
import { findClaims, type Claim } from './claims.js'
import { foldDigits } from './numbers.js'
import { splitSentences, type Span } from './sentences.js'

export type Verdict = 'agrees' | 'contradicts' | 'unknown'

export interface Finding {
  claim: Claim
  sentence: Span
  verdict: Verdict
  /** The figure it agrees with (the first in the claim's order). */
  matched?: DerivedDef
  /** Every figure it was compared with, and its value (`null`: unknown). */
  compared: { def: DerivedDef; value: number | null }[]
}

export interface NarrativeContext {
  /** The report year: sentences about another year are not compared. */
  year: number
  /** Every derived figure of the report, by key (`evaluateAllDerived`). */
  figures: ReadonlyMap<string, DerivedValue>
}

/** Whether a stated value is the figure's value as printed (a percentage within its own rounding). */
export function sameValue(def: DerivedDef, value: number, claim: Pick<Claim, 'stated' | 'decimals'>): boolean {
  if (def.kind === 'rate') return Math.abs(claim.stated - value * 100) <= 0.5 * 10 ** -claim.decimals + 1e-9
  if (def.kind === 'amount') return Math.abs(claim.stated - value) < 1e-6
  return claim.stated === value
}

function judge(claim: Claim, sentence: Span, context: NarrativeContext): Finding {
  const compared = claim.figures.flatMap((key) => {
    const v = context.figures.get(key)
    return v ? [{ def: v.def, value: v.value }] : []
  })
  const known = compared.filter((c) => c.value !== null)
  const matched = known.find((c) => sameValue(c.def, c.value!, claim))
  if (matched) return { claim, sentence, verdict: 'agrees', matched: matched.def, compared }
  const verdict: Verdict = known.length === 0 || known.length < compared.length ? 'unknown' : 'contradicts'
  return { claim, sentence, verdict, compared }
}

/** Every claim of `text` (a paragraph, heading or table cell) with its verdict. */
export function readNarrative(text: string, context: NarrativeContext): Finding[] {
  const folded = foldDigits(text)
  const out: Finding[] = []
  for (const sentence of splitSentences(folded)) {
    for (const claim of findClaims(folded, sentence, { year: context.year })) out.push(judge(claim, sentence, context))
  }
  return out
}

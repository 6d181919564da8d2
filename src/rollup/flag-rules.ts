/**
 * Red flags of the roll-up, as data: what an inspector chases each spring.
 * Each rule names a derived figure (src/formats/derived.ts) or a text
 * measure, its threshold, and a floor under which the numbers are too small
 * to mean anything (one corrected review out of one is not a pattern).
 * docs/flags.md is generated from this list (`npm run docs`). Ids are permanent.
 */

export type FlagRule =
  | {
      /** A rate far above the region's own (ratio of the region's summed counts). */
      kind: 'rate-above-region'
      id: string
      name: string
      figure: string
      /** At least this many times the region's rate … */
      factor: number
      /** … and at least this many percentage points above it. */
      minPoints: number
      /** Only where the rate's denominator (e.g. concluded reviews) reaches this. */
      minBase: number
    }
  | {
      /** A rate at or above a fixed share. */
      kind: 'rate-at-least'
      id: string
      name: string
      figure: string
      /** A share in [0, 1]. */
      threshold: number
      minBase: number
    }
  | {
      /** A section mostly repeated from last year's report (sentence matching, src/compare/repeat.ts). */
      kind: 'section-repeated'
      id: string
      name: string
      section: number
      /** Share of the section's text found in last year's same section. */
      threshold: number
    }

export const flagRules: readonly FlagRule[] = [
  {
    kind: 'rate-above-region',
    id: 'review-correction-above-region',
    name: '行政复议纠错率远高于本区域',
    figure: 'review_correction_rate',
    factor: 2,
    minPoints: 20,
    minBase: 3,
  },
  {
    kind: 'rate-above-region',
    id: 'lawsuit-correction-above-region',
    name: '行政诉讼纠错率远高于本区域',
    figure: 'lawsuit_correction_rate',
    factor: 2,
    minPoints: 20,
    minBase: 3,
  },
  {
    kind: 'rate-above-region',
    id: 'refusal-above-region',
    name: '不予公开率远高于本区域',
    figure: 'refusal_rate',
    factor: 2,
    minPoints: 15,
    minBase: 10,
  },
  {
    // 国办公开办函〔2019〕60号: 对“其他处理”数量偏高的行政机关，要了解情况。
    kind: 'rate-at-least',
    id: 'other-handling-high',
    name: '其他处理率偏高',
    figure: 'other_handling_rate',
    threshold: 0.2,
    minBase: 5,
  },
  {
    // 国办公开办函〔2021〕30号: 不得出现敷衍了事甚至年年雷同现象。
    kind: 'section-repeated',
    id: 'section-5-repeated',
    name: '“存在的主要问题及改进情况”基本照搬上年',
    section: 5,
    threshold: 0.8,
  },
]

/** The share above which a section counts as copied (section 五's rule; the comparison page marks it too). */
export const REPEAT_FLAG_SHARE = (flagRules.find((r) => r.kind === 'section-repeated') as { threshold: number }).threshold

/**
 * Comparing labels and reading numbers the way published reports write
 * them: full-width forms, （）vs (), spaces inside labels, straight vs curly
 * quotes, 「1. 属于」 vs 「1.属于」.
 */

const PUNCTUATION = /[\s\u3000、，,.。．:：;；!！?？()（）[\]【】{}“”"'‘’「」『』《》<>〈〉/／\\\-—–_·•…~～]/g

/** A label reduced to what identifies it: NFKC, no spaces or punctuation. */
export function normLabel(text: string): string {
  // 其它 for 其他 is the commonest variant in published tables.
  return text.normalize('NFKC').replace(PUNCTUATION, '').replace(/其它/g, '其他')
}

const NUMBERING = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、)）]|第[一二三四五六七八九十]+[项条])\s*/

/** Numbering at the start of a label (`一、`, `（三）`, `1.`), normalised; '' when there is none. */
export function numberingOf(label: string): string {
  const match = NUMBERING.exec(label)
  return match ? normLabel(match[0]) : ''
}

/** A label without its leading numbering, normalised. */
export function coreOf(label: string): string {
  let rest = label
  // Group numbering can be doubled in a label (`（六）3.其他` is not official, but `3.其他` is).
  for (let i = 0; i < 2; i++) {
    const match = NUMBERING.exec(rest)
    if (!match) break
    rest = rest.slice(match[0].length)
  }
  return normLabel(rest)
}

/** Text with full-width forms folded (digits, letters, punctuation). */
export function fold(text: string): string {
  return text.normalize('NFKC')
}

/** What a table token is. */
export type NumberReading =
  /** `unit`: written in the cell (`251000元`), for the table reader to judge against the column's unit. */
  | { kind: 'number'; value: number; raw: string; unit?: '元' | '万元' }
  | { kind: 'blank'; raw: string }
  | { kind: 'text' }

const BLANK_MARKS = new Set(['/', '-', '—', '--', '——', '－', '／', '\\', '无', '空'])
const COUNT_UNITS = /(?:件|个|项|次|人次|条)$/
const PLAIN = /^[+-]?\d+(?:\.\d+)?$/
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/

/** Read one token as a number, a blank mark (/ - —) or text. */
export function readNumber(token: string): NumberReading {
  const raw = token
  const t = fold(token).trim()
  if (t === '') return { kind: 'blank', raw }
  if (BLANK_MARKS.has(t)) return { kind: 'blank', raw }
  if (PLAIN.test(t)) return { kind: 'number', value: Number(t), raw }
  if (GROUPED.test(t)) return { kind: 'number', value: Number(t.replace(/,/g, '')), raw }
  const unit = /^([+-]?\d+(?:\.\d+)?)\s*(万元|元)$/.exec(t)
  if (unit) {
    return { kind: 'number', value: Number(unit[1]), raw, unit: unit[2] as '元' | '万元' }
  }
  const counted = COUNT_UNITS.exec(t)
  if (counted) {
    const n = t.slice(0, counted.index).trim()
    if (PLAIN.test(n)) return { kind: 'number', value: Number(n), raw }
  }
  return { kind: 'text' }
}

/** An amount in 元 as 万元, shifting the decimal point in the digits (no binary rounding): 251000 → 25.1. */
export function yuanToWan(value: number): number {
  const [whole, fraction = ''] = String(value).split('.')
  const digits = (whole!.replace('-', '').padStart(5, '0') + fraction)
  const point = digits.length - fraction.length - 4
  const text = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, '').replace(/\.?0+$/, '')
  return (value < 0 ? -1 : 1) * Number(text || '0')
}

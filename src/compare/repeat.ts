/**
 * Text repeated from last year, sentence by sentence. Inspectors flag a
 * section 五 that names the same 问题 and 改进 every year (国办公开办函〔2021〕30号:
 * 「不得出现敷衍了事甚至年年雷同现象」), so a sentence counts as repeated when,
 * once normalised, it occurs in the same section of last year's report.
 *
 * Normalising: NFKC (full-width letters and digits), no whitespace, no
 * punctuation or symbols, and any year (`2023年`, `2024 年`) read as the
 * same word, so a copy with the year changed is still a copy. Sentences
 * shorter than MIN_CHARS once normalised (sub-headings such as
 * 「（一）存在问题」) count neither way.
 */
import type { List, RootContent } from 'mdast'
import { toString } from '../vendor/markdown.js'
import type { Report } from '../source/report.js'

/** Normalised sentences shorter than this are left out of the share. */
export const MIN_CHARS = 6

export interface Sentence {
  /** As written. */
  text: string
  /** Normalised form ('' for one that does not count). */
  key: string
  repeated: boolean
}

export interface SectionText {
  number: number
  paragraphs: Sentence[][]
  /** Characters (normalised) of the sentences that count. */
  chars: number
  repeatedChars: number
  /** repeatedChars ÷ chars; `null` when the section has no sentence that counts or last year has no text. */
  share: number | null
}

/** The normalised form of a sentence, as compared with last year's. */
export function normalizeSentence(text: string): string {
  const key = text
    .normalize('NFKC')
    .replace(/(?:19|20)\d{2}\s*年/g, '#年')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase()
  return [...key].length >= MIN_CHARS ? key : ''
}

/** Sentences end after 。！？；!? (with closing quotes or brackets that follow) or at a line end. */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  for (const line of text.split(/\n+/)) {
    const parts = line.match(/[^。！？；!?]*(?:[。！？；!?]+[”’」』）)]*|$)/g) ?? []
    for (const part of parts) if (part.trim() !== '') out.push(part.trim())
  }
  return out
}

/** Paragraph texts of a section: paragraphs, headings, each list item, quotes. */
function paragraphTexts(nodes: readonly RootContent[]): string[] {
  const out: string[] = []
  for (const node of nodes) {
    if (node.type === 'list') for (const item of (node as List).children) out.push(...paragraphTexts(item.children))
    else if (node.type === 'blockquote') out.push(...paragraphTexts(node.children))
    else if (node.type === 'paragraph' || node.type === 'heading') out.push(toString(node))
    else if (node.type === 'code') out.push(node.value)
  }
  return out.filter((t) => t.trim() !== '')
}

/** The text of each official section (1–6) of a report, as paragraphs. */
export function sectionParagraphs(report: Report): Map<number, string[]> {
  const out = new Map<number, string[]>()
  for (const section of report.body.sections) {
    const number = section.def?.number
    if (number === undefined) continue
    out.set(number, [...(out.get(number) ?? []), ...paragraphTexts(section.nodes)])
  }
  return out
}

/** The normalised sentences of a section, for matching against next year. */
export function sentenceKeys(paragraphs: readonly string[]): Set<string> {
  const keys = new Set<string>()
  for (const p of paragraphs) for (const s of splitSentences(p)) {
    const key = normalizeSentence(s)
    if (key) keys.add(key)
  }
  return keys
}

/** Mark the sentences of this year's section that occur in last year's (`previous`: its sentence keys). */
export function compareSection(number: number, paragraphs: readonly string[], previous: ReadonlySet<string> | undefined): SectionText {
  let chars = 0
  let repeatedChars = 0
  const out: Sentence[][] = paragraphs.map((p) =>
    splitSentences(p).map((text) => {
      const key = normalizeSentence(text)
      const repeated = key !== '' && previous !== undefined && previous.has(key)
      const length = [...key].length
      chars += length
      if (repeated) repeatedChars += length
      return { text, key, repeated }
    }),
  )
  const share = chars > 0 && previous !== undefined && previous.size > 0 ? repeatedChars / chars : null
  return { number, paragraphs: out, chars, repeatedChars, share }
}

/** Share of a section repeated from last year, from the two reports' sections alone. */
export function repeatedShare(current: Report, previous: Report, number: number): number | null {
  const now = sectionParagraphs(current).get(number) ?? []
  const before = sectionParagraphs(previous).get(number) ?? []
  return compareSection(number, now, sentenceKeys(before)).share
}

/**
 * Sentences and clauses of narrative text. A sentence ends at 。！？；, a
 * line break, or their ASCII forms — but not inside brackets, so that
 * 「共受理申请 16 件（其中上年结转 1 件；…）」 stays one sentence. A clause
 * ends at a comma, colon or bracket; 、 does not end one (「予以公开 8 件、
 * 部分公开 2 件」 is read number by number anyway).
 */

export interface Span {
  start: number
  end: number
}

const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';', '\n'])
const OPEN = new Set(['（', '('])
const CLOSE = new Set(['）', ')'])
const CLAUSE_END = new Set(['，', ',', '：', ':', '（', '(', '）', ')', '；', ';', '。'])

/** Sentence spans of `text` (trimmed of surrounding spaces). */
export function splitSentences(text: string): Span[] {
  const out: Span[] = []
  let depth = 0
  let start = 0
  const push = (end: number) => {
    let s = start
    let e = end
    while (s < e && /\s/.test(text[s]!)) s++
    while (e > s && /\s/.test(text[e - 1]!)) e--
    if (e > s) out.push({ start: s, end: e })
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (OPEN.has(c)) depth++
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1)
    else if (c === '\n' || (depth === 0 && SENTENCE_END.has(c))) {
      push(c === '\n' ? i : i + 1)
      start = i + 1
      depth = 0
    }
  }
  push(text.length)
  return out
}

/** Start of the clause holding index `at` (within `sentence`). */
export function clauseStart(text: string, sentence: Span, at: number): number {
  for (let i = at - 1; i >= sentence.start; i--) if (CLAUSE_END.has(text[i]!)) return i + 1
  return sentence.start
}

/** End of the clause holding index `at` (within `sentence`). */
export function clauseEnd(text: string, sentence: Span, at: number): number {
  for (let i = at; i < sentence.end; i++) if (CLAUSE_END.has(text[i]!)) return i
  return sentence.end
}

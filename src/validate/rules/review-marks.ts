/**
 * `# 待核对: <why>` marks, written by `nianbao import` on every value it could
 * not read with certainty, are errors until removed: an unreviewed value must
 * not be published, and CI can enforce the review. Comments are found with
 * the YAML lexer, so a `#` inside a quoted value is never taken for one.
 */
import { isMap, isPair, isScalar, isSeq, Lexer, type Node } from '../../vendor/yaml.js'
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'

export const REVIEW_MARK = '待核对'

/** Tokens the lexer inserts that are not in the source text. */
const CONTROL = new Set(['\u0002', '\u0018', '\u001f'])

/** Every comment of YAML text that holds a review mark: offset of its `#`, and its text. */
export function reviewMarks(yaml: string): { offset: number; text: string }[] {
  if (!yaml.includes(REVIEW_MARK)) return []
  const marks: { offset: number; text: string }[] = []
  let offset = 0
  for (const token of new Lexer().lex(yaml)) {
    if (CONTROL.has(token)) continue
    if (token.startsWith('#') && token.includes(REVIEW_MARK)) marks.push({ offset, text: token })
    offset += token.length
  }
  return marks
}

/** Line (0-based, in the YAML text) → dotted key path of the pair whose key starts on it. */
function keysByLine(yaml: string, root: Node | null): Map<number, string> {
  const starts: number[] = [0]
  for (let i = 0; i < yaml.length; i++) if (yaml.charCodeAt(i) === 10) starts.push(i + 1)
  const lineOf = (offset: number) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const out = new Map<number, string>()
  const walk = (node: Node | null | undefined, path: string[], depth: number): void => {
    if (!node || depth > 64) return
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key)) continue
        const key = [...path, String(item.key.value)]
        if (item.key.range) out.set(lineOf(item.key.range[0]), key.join('.'))
        walk(item.value as Node, key, depth + 1)
      }
    } else if (isSeq(node)) node.items.forEach((item) => walk(item as Node, path, depth + 1))
  }
  walk(root, [], 0)
  return out
}

export function checkReviewMarks(file: VFile): void {
  const source = file.data.source
  if (!source?.front) return
  const yaml = source.text.slice(source.front.offset, source.bodyOffset)
  const marks = reviewMarks(yaml)
  if (marks.length === 0) return
  const keys = keysByLine(yaml, source.front.doc.contents as Node | null)
  for (const mark of marks) {
    const key = keys.get(yaml.slice(0, mark.offset).split('\n').length - 1)
    const at = mark.text.indexOf(REVIEW_MARK)
    const why = mark.text.slice(at + REVIEW_MARK.length).replace(/^[\s:：]+/, '').trim()
    // From the `#` that opens the mark (a row comment may hold its label first: `# 行政复议 # 待核对: …`).
    const start = source.front.offset + mark.offset + Math.max(0, mark.text.lastIndexOf('#', at))
    emit(file, 'import-reviewed', { why, key: key ?? '' }, source.locate.range(start, source.front.offset + mark.offset + mark.text.length))
  }
}

/**
 * Measure the Markdown body against its limits before micromark sees it:
 * one linear pass over the text counting what makes micromark slow (or
 * overflow the stack) when there is too much of it — measured, not
 * guessed: see bench/limits.ts. This is not a parser: each figure is an
 * upper bound of the construct's count (a `[` inside code is counted too),
 * so a file within the limits is always within them for micromark, and
 * the limits are far above what any report writes.
 *
 * - nesting of block quotes and lists: the `>` and list markers at the start
 *   of a line, plus half its indentation (a nested list needs at least two
 *   more columns per level); micromark's time grows with the depth on every
 *   line, and ten thousand levels overflow the stack in later stages;
 * - list items: each costs micromark far more than a line of text;
 * - `[`: unmatched link brackets make link resolution quadratic;
 * - character references (`&amp;`), setext headings (quadratic with the
 *   file's length), backtick runs (each distinct length scans the whole
 *   paragraph), table pipes;
 * - inline marks (`*`, `_`, `~`, backticks, `<`, `\`): every emphasis, code
 *   span or escape costs micromark a hundred times a character of text.
 */
import type { LimitHit, LimitKey, LimitValues } from '../limits.js'
import { LimitCounter } from './limit-counter.js'

const TAB = 9
const LF = 10
const CR = 13
const SPACE = 32
const AMP = 38
const RPAREN = 41
const STAR = 42
const PLUS = 43
const DASH = 45
const DOT = 46
const ZERO = 48
const NINE = 57
const EQUALS = 61
const GT = 62
const BRACKET = 91
const CLOSE_BRACKET = 93
const BACKTICK = 96
const UNDERSCORE = 95
const TILDE = 126
const LT = 60
const BACKSLASH = 92
const PIPE = 124

/** `&name;`, `&#123;`, `&#x1F;` at the sticky position (micromark's character reference syntax). */
const REFERENCE = /&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});/y

/** A limit's counter, named by the limit it measures. */
class Count extends LimitCounter {
  constructor(
    readonly key: LimitKey,
    limit: number,
  ) {
    super(limit)
  }
}

const isBlank = (c: number) => c === SPACE || c === TAB
const endsItem = (text: string, i: number) => {
  const c = text.charCodeAt(i)
  return Number.isNaN(c) || c === SPACE || c === TAB || c === LF || c === CR
}

/** The container prefix of the line at `start`: nesting estimate, list markers, and where the content begins. */
function prefix(text: string, start: number): { depth: number; items: number; content: number } {
  let i = start
  let column = 0
  let indent = -1
  let markers = 0
  let items = 0
  for (;;) {
    while (isBlank(text.charCodeAt(i))) {
      column += text.charCodeAt(i) === TAB ? 4 - (column % 4) : 1
      i++
    }
    if (indent < 0) indent = column
    const c = text.charCodeAt(i)
    if (c === GT) {
      markers++
      i++
      column++
      continue
    }
    if ((c === DASH || c === PLUS || c === STAR) && endsItem(text, i + 1)) {
      markers++
      items++
      i++
      column++
      continue
    }
    if (c >= ZERO && c <= NINE) {
      let j = i
      while (j - i < 10 && text.charCodeAt(j) >= ZERO && text.charCodeAt(j) <= NINE) j++
      const d = text.charCodeAt(j)
      if (j - i <= 9 && (d === DOT || d === RPAREN) && endsItem(text, j + 1)) {
        markers++
        items++
        column += j + 1 - i
        i = j + 1
        continue
      }
    }
    break
  }
  return { depth: markers > 0 ? markers + Math.floor(indent / 2) : 0, items, content: i }
}

/** A line that would underline the text above it as a setext heading (`===` or `---`). */
function isUnderline(text: string, from: number, end: number): boolean {
  let i = from
  while (i < end && (isBlank(text.charCodeAt(i)) || text.charCodeAt(i) === GT)) i++
  const mark = text.charCodeAt(i)
  if (mark !== EQUALS && mark !== DASH) return false
  while (i < end && text.charCodeAt(i) === mark) i++
  while (i < end && (isBlank(text.charCodeAt(i)) || text.charCodeAt(i) === CR)) i++
  return i === end
}

/** Where the run of the character at `i` ends (before `end`). */
function runEnd(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i)
  let j = i
  while (j < end && text.charCodeAt(j) === c) j++
  return j
}

/** A line of one of `*`, `-`, `_` (three or more) and blanks only: a thematic break, which nests nothing. */
function isThematicBreak(text: string, from: number, end: number): boolean {
  let mark = 0
  let count = 0
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i)
    if (isBlank(c) || c === CR) continue
    if (c !== STAR && c !== DASH && c !== UNDERSCORE) return false
    if (mark !== 0 && c !== mark) return false
    mark = c
    count++
  }
  return count >= 3
}

function isBlankLine(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i)
    if (!isBlank(c) && c !== CR && c !== GT) return false
  }
  return true
}

/** The Markdown limits the text from `start` on goes beyond (offsets are into `text`). */
export function markdownLimitHits(text: string, start: number, values: LimitValues): LimitHit[] {
  const depth = new Count('markdownDepth', values.markdownDepth)
  const items = new Count('markdownListItems', values.markdownListItems)
  const brackets = new Count('markdownBrackets', values.markdownBrackets)
  // Each `]` looks back over the paragraph for its opener (micromark's footnote call): quadratic too.
  const closers = new Count('markdownBrackets', values.markdownBrackets)
  const references = new Count('markdownEntities', values.markdownEntities)
  const setext = new Count('markdownSetextHeadings', values.markdownSetextHeadings)
  const backticks = new Count('markdownBacktickRun', values.markdownBacktickRun)
  const pipes = new Count('markdownTableCells', values.markdownTableCells)
  const marks = new Count('markdownInlineMarks', values.markdownInlineMarks)
  // The parsed tree's depth is checked after parsing (treeDepthHit); a run of n `*` can nest n / 2
  // levels and costs seconds to parse, so the runs that would go over are caught here first.
  const nesting = new Count('markdownTreeDepth', values.markdownTreeDepth)

  let lineStart = start
  let previousText = false
  while (lineStart <= text.length) {
    let end = text.indexOf('\n', lineStart)
    if (end < 0) end = text.length
    const line = prefix(text, lineStart)
    depth.max(line.depth, lineStart)
    if (line.items > 0) items.add(line.items, lineStart)
    const underline: boolean = previousText && isUnderline(text, lineStart, end)
    if (underline) setext.add(1, lineStart)
    previousText = !underline && !isBlankLine(text, lineStart, end)
    for (let i = line.content; i < end; i++) {
      const c = text.charCodeAt(i)
      if (c === BRACKET) brackets.add(1, i)
      else if (c === CLOSE_BRACKET) closers.add(1, i)
      else if (c === PIPE) pipes.add(1, i)
      else if (c === AMP) {
        REFERENCE.lastIndex = i
        if (REFERENCE.test(text)) references.add(1, i)
      } else if (c === BACKTICK) {
        const j = runEnd(text, i, end)
        backticks.max(j - i, i)
        marks.add(j - i, i)
        i = j - 1
      } else if (c === STAR || c === UNDERSCORE || c === TILDE) {
        const j = runEnd(text, i, end)
        marks.add(j - i, i)
        if (j - i > 2 * values.markdownTreeDepth && !isThematicBreak(text, line.content, end)) nesting.max(Math.ceil((j - i) / 2), i)
        i = j - 1
      } else if (c === LT || c === BACKSLASH) marks.add(1, i)
    }
    if (end === text.length) break
    lineStart = end + 1
  }
  const hits: LimitHit[] = []
  // One diagnostic for the brackets, whichever of `[` and `]` went over.
  const bracketCount = brackets.offset !== undefined || closers.offset === undefined ? brackets : closers
  for (const count of [depth, items, bracketCount, references, setext, backticks, marks, pipes, nesting]) {
    if (count.offset !== undefined) hits.push({ key: count.key, actual: count.value, offset: count.offset })
  }
  return hits
}

interface Parent {
  children?: Parent[] | undefined
  position?: { start: { offset?: number | undefined } } | undefined
}

/**
 * The nesting depth of the parsed body, past `limit`: the raw-text scan
 * bounds block nesting, but emphasis, links and strikethrough nest too
 * (5,000 `*` on each side of a word make 2,500 levels within the count of
 * inline marks), and every later walk of the tree recurses. Iterative.
 */
export function treeDepthHit(tree: Parent, limit: number): LimitHit | undefined {
  const stack: [Parent, number][] = [[tree, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (depth > limit) return { key: 'markdownTreeDepth', offset: node.position?.start.offset ?? 0 }
    for (const child of node.children ?? []) stack.push([child, depth + 1])
  }
  return undefined
}

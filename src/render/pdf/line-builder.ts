/**
 * pdfmake's line builder (`LayoutBuilder#buildNextLine`), rewritten to take
 * time in proportion to the text, and its word breaker made to cut runs
 * that no line can hold.
 *
 * pdfmake 0.3 copies every inline still to be set while it fits each inline
 * on a line (`_inlines.slice(1)`), so a paragraph of n characters (a Chinese
 * paragraph is one inline per character) costs n² copies: a 50,000-character
 * paragraph took a minute. It also cuts a run wider than the line by
 * measuring ever shorter prefixes of the whole remaining run, and keeps every
 * prefix's layout in a cache, so a 20,000-character token or inline code
 * span took half a minute and gigabytes. Here:
 *
 * - the fit test reads the following inlines in place, and stops as soon as
 *   the unbreakable chain cannot fit (its width only grows);
 * - a paragraph with very many inlines is fed to the builder through a
 *   window of at most `WINDOW` inlines, so taking one from the front is cheap;
 * - the word breaker cuts a run longer than `LONG_RUN` characters into
 *   single characters, each a break opportunity, as a browser does with
 *   `overflow-wrap: anywhere` for a word too long for its line. Lines are
 *   filled to the end as before; no character is dropped.
 */
import { pdfmakeInternal } from './pdfmake-internals.js'

export interface Inline {
  text: string
  width: number
  trailingCut?: number
  noNewLine?: boolean
  noWrap?: boolean
  lineEnd?: boolean
  [key: string]: unknown
}

/** A piece of text from pdfmake's word breaker, before it is measured. */
export interface Word {
  text: string
  noNewLine?: boolean
  noWrap?: boolean
  lineEnd?: boolean
  [key: string]: unknown
}

export interface LineLike {
  maxWidth: number
  inlines: Inline[]
  inlineWidths: number
  leadingCut: number
  trailingCut: number
  newLineForced?: boolean
  lastLineInParagraph?: boolean
  addInline(inline: Inline): void
  getAvailableWidth(): number
}

export interface TextNode {
  _inlines?: Inline[]
}

/** A run (between two break opportunities) longer than this is cut into characters. */
export const LONG_RUN = 48

/** Inlines handed to the line builder at a time for a very long paragraph. */
const WINDOW = 1024

/** Counts of the work done, for the tests that layout stays linear (not for timing). */
export const layoutStats = { passes: 0, lines: 0, inlinesPlaced: 0, fitSteps: 0, charsMeasured: 0, runsCut: 0 }

interface Backlog {
  window: Inline[]
  rest: Inline[]
  at: number
}

const backlogs = new WeakMap<TextNode, Backlog>()

/** The node's inlines still to be set, topped up from its backlog. */
function pending(node: TextNode): Inline[] | undefined {
  const list = node._inlines
  if (!list) return undefined
  let backlog = backlogs.get(node)
  // Measured again (a new layout pass): the old backlog is void.
  if (backlog && backlog.window !== list) {
    backlogs.delete(node)
    backlog = undefined
  }
  if (!backlog && list.length > 2 * WINDOW) {
    const rest = list.splice(WINDOW)
    backlog = { window: list, rest, at: 0 }
    backlogs.set(node, backlog)
  }
  if (backlog && list.length < WINDOW / 2 && backlog.at < backlog.rest.length) {
    const end = Math.min(backlog.rest.length, backlog.at + WINDOW)
    for (let i = backlog.at; i < end; i++) list.push(backlog.rest[i]!)
    backlog.at = end
  }
  return list
}

/** Line#hasEnoughSpaceForInline for `list[0]`, reading the following inlines in place. */
function fits(line: LineLike, list: Inline[]): boolean {
  if (line.inlines.length === 0) return true
  if (line.newLineForced) return false
  // The same arithmetic as pdfmake's, so that lines break at the same places.
  const over = (width: number, cut: number) => line.inlineWidths + width - line.leadingCut - cut > line.maxWidth
  const first = list[0]!
  let width = first.width
  let cut = first.trailingCut ?? 0
  if (first.noNewLine) {
    for (let i = 1; i < list.length; i++) {
      // width − cut never shrinks along the chain: once over, it stays over.
      if (over(width, cut)) return false
      const next = list[i]!
      layoutStats.fitSteps++
      width += next.width
      cut += next.trailingCut ?? 0
      if (!next.noNewLine) break
    }
  }
  return !over(width, cut)
}

/** Longest prefix of `text` (in UTF-16 units, not splitting a pair) no wider than `max`, at least one character. */
function maxFit(text: string, max: number, measure: (t: string) => number): number {
  let low = 1
  let high = text.length
  let best = 1
  while (low <= high) {
    const mid = (low + high) >> 1
    layoutStats.charsMeasured += mid
    if (measure(text.substring(0, mid)) <= max) {
      best = mid
      low = mid + 1
    } else high = mid - 1
  }
  const code = text.charCodeAt(best - 1)
  if (code >= 0xd800 && code <= 0xdbff && best < text.length) best = best > 1 ? best - 1 : best + 1
  return best
}

type Measure = (text: string, inline: Inline) => number

/** Build the next line of a text node, as pdfmake's buildNextLine does, in time linear in the text. */
export function buildNextLine(node: TextNode, maxWidth: number, widthOfText: Measure): LineLike | null {
  const Line = pdfmakeInternal<new (maxWidth: number) => LineLike>('Line')
  let list = pending(node)
  if (!list || list.length === 0) return null
  const line = new Line(maxWidth)
  let forceContinue = false
  while (list.length > 0 && (forceContinue || fits(line, list))) {
    let hardWrap = false
    const inline = list.shift()!
    if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
      const chars = maxFit(inline.text, line.getAvailableWidth(), (t) => widthOfText(t, inline))
      if (chars < inline.text.length) {
        const rest: Inline = Object.assign(Object.create(Object.getPrototypeOf(inline) as object) as Inline, inline)
        rest.text = inline.text.substring(chars)
        inline.text = inline.text.substring(0, chars)
        layoutStats.charsMeasured += inline.text.length + rest.text.length
        rest.width = widthOfText(rest.text, rest)
        inline.width = widthOfText(inline.text, inline)
        list.unshift(rest)
        hardWrap = true
      }
    }
    line.addInline(inline)
    layoutStats.inlinesPlaced++
    forceContinue = inline.noNewLine === true && !hardWrap
    if (list.length < WINDOW / 2) list = pending(node)!
  }
  layoutStats.lines++
  line.lastLineInParagraph = list.length === 0
  return line
}

/** Cut runs longer than LONG_RUN characters into one inline per character (code point). */
export function cutLongRuns<T extends Word>(words: T[]): T[] {
  if (!words.some((w) => w.text.length > LONG_RUN)) return words
  const out: T[] = []
  for (const word of words) {
    if (word.text.length <= LONG_RUN || word.noWrap) {
      out.push(word)
      continue
    }
    layoutStats.runsCut++
    const chars = Array.from(word.text)
    // Only the last piece keeps what tied the run to the next one, or ended the line.
    // (Built without `delete`, which would turn thousands of objects into slow dictionaries.)
    const inner = {} as T
    for (const key of Object.keys(word)) if (key !== 'noNewLine' && key !== 'lineEnd') (inner as Word)[key] = word[key]
    for (let i = 0; i < chars.length - 1; i++) out.push({ ...inner, text: chars[i]! })
    out.push({ ...word, text: chars[chars.length - 1]! })
  }
  return out
}

let installed = false

/** Make pdfmake's word breaker cut over-long runs, and count layout passes; once per process. */
export function installLongRunBreaking(): void {
  if (installed) return
  installed = true
  const LayoutBuilder = pdfmakeInternal<{ prototype: { tryLayoutDocument(...args: unknown[]): unknown } }>('LayoutBuilder')
  const tryLayout = LayoutBuilder.prototype.tryLayoutDocument
  LayoutBuilder.prototype.tryLayoutDocument = function (...args: unknown[]) {
    layoutStats.passes++
    return tryLayout.apply(this, args)
  }
  const TextBreaker = pdfmakeInternal<{ prototype: { getBreaks(texts: unknown, stack: unknown): Inline[] } }>('TextBreaker')
  const getBreaks = TextBreaker.prototype.getBreaks
  TextBreaker.prototype.getBreaks = function (texts: unknown, stack: unknown): Inline[] {
    return cutLongRuns(getBreaks.call(this, texts, stack))
  }
}

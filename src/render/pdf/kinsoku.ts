/**
 * Chinese line-breaking rules (禁则): no line starts with closing
 * punctuation and no line ends with an opening one.
 *
 * pdfmake breaks text at UAX #14 opportunities (linebreak), which already
 * keeps 「，。）」 with the character before and 「（《」 with the one after.
 * It breaks the rule only where a run with no opportunity is wider than
 * the line (a phone number, a URL, a 文号 in a narrow table cell): then it
 * cuts the run at the last character that fits. This module wraps
 * `LayoutBuilder#buildNextLine` so that such a line gives back characters
 * to the next line until neither end breaks the rule (pdfmake 0.3 internals;
 * covered by the line-breaking test).
 */
import { buildNextLine, installLongRunBreaking, type Inline, type LineLike, type TextNode } from './line-builder.js'
import { pdfmakeInternal } from './pdfmake-internals.js'

/** Characters that may not start a line. */
export const CLOSING = '，。、；：？！）》」』〕】〉’”…·,.;:?!)]}'
/** Characters that may not end a line. */
export const OPENING = '（《「『“‘〔【〈([{'


let installed = false

/** Patch pdfmake's line builder once per process. */
export function installKinsoku(): void {
  if (installed) return
  installed = true
  installLongRunBreaking()
  const LayoutBuilder = pdfmakeInternal<{ prototype: Record<string, unknown> }>('LayoutBuilder')
  const TextInlines = pdfmakeInternal<new (x: null) => { widthOfText(t: string, i: Inline): number }>('TextInlines')
  const measure = new TextInlines(null)
  const width = (text: string, inline: Inline) => measure.widthOfText(text, inline)
  type Builder = { writer: { context(): { availableWidth: number } } }
  // pdfmake's own builder, made linear (line-builder.ts), then the line-breaking rules.
  LayoutBuilder.prototype.buildNextLine = function (this: Builder, node: TextNode): LineLike | null {
    const line = buildNextLine(node, this.writer.context().availableWidth, width)
    if (line) fixLine(line, node, width)
    return line
  }
}

function violates(line: LineLike, next: Inline | undefined): boolean {
  const last = line.inlines[line.inlines.length - 1]
  if (!last || last.text === '') return false
  if (next === undefined || next.text === '') return false
  return OPENING.includes(last.text[last.text.length - 1]!) || CLOSING.includes(next.text[0]!)
}

function charCount(line: LineLike): number {
  return line.inlines.reduce((n, i) => n + [...i.text].length, 0)
}

/** Move characters from the end of `line` to the front of the node's pending inlines. */
function fixLine(line: LineLike, node: TextNode, width: (text: string, inline: Inline) => number): void {
  const pending = node._inlines ?? []
  // Never empty a line: a line that is all punctuation stays as it is.
  let guard = charCount(line) - 1
  while (guard-- > 0 && violates(line, pending[0])) {
    const last = line.inlines[line.inlines.length - 1]!
    const chars = [...last.text]
    if (chars.length > 1) {
      const moved = chars.pop()!
      const kept = chars.join('')
      const keptWidth = width(kept, last)
      const clone: Inline = { ...last, text: moved, width: width(moved, last) }
      delete clone.x
      line.inlineWidths -= last.width - keptWidth
      last.text = kept
      last.width = keptWidth
      last.trailingCut = 0
      line.trailingCut = 0
      // The moved character and what follows were one unbreakable run.
      clone.noNewLine = true
      pending.unshift(clone)
    } else {
      line.inlines.pop()
      line.inlineWidths -= last.width
      delete last.x
      pending.unshift(last)
      const now = line.inlines[line.inlines.length - 1]
      line.trailingCut = now?.trailingCut ?? 0
    }
    line.lastLineInParagraph = false
  }
  node._inlines = pending
}


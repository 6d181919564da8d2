/**
 * Merged report HTML read back as a hast tree for the PDF, Word and
 * comparison renderers. Read without source positions: tracking them is
 * two thirds of parse5's time on a report, and the renderers need a line
 * only for an element they cannot render, which a report rarely has. For
 * that one, the HTML is read again with positions.
 */
import type { Element, Root, RootContent } from 'hast'
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { LimitExceeded, limitParams } from '../limit-messages.js'
import { limitDefinition } from '../limits.js'
import { parseBoundedHtml } from '../html-bounded.js'
import { rehypeParse, unified } from '../vendor/hast.js'
import type { Unsupported } from './pdf/inline.js'

const withPositions = unified().use(rehypeParse)

export interface HtmlTree {
  tree: Root
  /** The source line of a node of `tree`. */
  lineOf(node: RootContent): number | undefined
}

/** The child indices that lead from `root` to `target`, if it is in the tree. */
function pathTo(root: Root | Element, target: RootContent): number[] | undefined {
  for (let i = 0; i < root.children.length; i++) {
    const child = root.children[i]!
    if (child === target) return [i]
    if (child.type === 'element') {
      const below = pathTo(child, target)
      if (below) return [i, ...below]
    }
  }
  return undefined
}

/**
 * Parse merged HTML as rehype-parse does, without positions; a page nested deeper than
 * `mergedHtmlDepth` (an agency's template that nests itself) throws `LimitExceeded`.
 */
export function parseMergedHtml(html: string): HtmlTree {
  const tree = parseBoundedHtml(html, 'mergedHtmlDepth')
  let positioned: Root | undefined
  return {
    tree,
    lineOf(node) {
      const path = pathTo(tree, node)
      if (!path) return undefined
      // Both parses build the same tree (same parser, same options): the same path leads to the same node.
      positioned ??= withPositions.parse(html) as Root
      let at: Root | RootContent = positioned
      for (const i of path) {
        if (!('children' in at)) return undefined
        const next: RootContent | undefined = at.children[i]
        if (!next) return undefined
        at = next
      }
      return at.position?.start.line
    },
  }
}

/**
 * What the PDF and Word renderers do with an element outside the HTML subset: say it once per
 * tag (`pdf-html-subset`), at the line of its first occurrence.
 */
export function reportOutsideSubset(file: VFile, { lineOf }: HtmlTree): Unsupported {
  const seen = new Set<string>()
  return (tag, node) => {
    if (seen.has(tag)) return
    seen.add(tag)
    const line = lineOf(node)
    emit(file, 'pdf-html-subset', { tag }, undefined, line ? { note: `HTML 第 ${line} 行` } : {})
  }
}

/** `parseMergedHtml`, or `undefined` after saying on `file` that the page is over a limit. */
export function readMergedHtml(html: string, file: VFile): HtmlTree | undefined {
  try {
    return parseMergedHtml(html)
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error
    const ruleId = limitDefinition(error.hit.key).ruleId
    // The PDF and the Word file read the same page: said once.
    if (!file.messages.some((m) => m.ruleId === ruleId)) emit(file, ruleId, limitParams(error.hit), undefined)
    return undefined
  }
}

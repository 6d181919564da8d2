/**
 * HTML read as hast the way rehype-parse reads it (a whole document,
 * scripting off, no source positions), but measured in between: the HTML
 * parser (parse5) nests without recursion, every walk after it recurses
 * (hast-util-from-parse5 first), so a page nested deeper than its limit
 * (thousands of `<div>`, misnested `<b><i>` that the parser nests, a
 * template that nests itself) throws `LimitExceeded` instead of
 * overflowing the stack. Used by the importer (`htmlDepth`) and by the
 * renderers that read the merged report page (`mergedHtmlDepth`).
 */
import type { Root } from 'hast'
import type { DefaultTreeAdapterMap } from 'parse5'
import { LimitExceeded } from './limit-messages.js'
import { limits, type LimitKey } from './limits.js'
import { fromParse5, parseHtml5 } from './vendor/hast.js'

type ParentNode = DefaultTreeAdapterMap['parentNode']

/** Deepest element nesting of a parse5 tree, counted without recursion. */
function depthOf(document: ParentNode): number {
  let deepest = 0
  const stack: [ParentNode, number][] = [[document, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (depth > deepest) deepest = depth
    for (const child of node.childNodes) if ('childNodes' in child) stack.push([child, depth + 1])
    if ('content' in node && node.content) stack.push([node.content, depth + 1])
  }
  return deepest
}

export function parseBoundedHtml(html: string, limit: Extract<LimitKey, 'htmlDepth' | 'mergedHtmlDepth'>): Root {
  const document = parseHtml5(html, { sourceCodeLocationInfo: false, scriptingEnabled: false })
  const depth = depthOf(document)
  if (depth > limits[limit]) throw new LimitExceeded({ key: limit, actual: depth })
  return fromParse5(document) as Root
}

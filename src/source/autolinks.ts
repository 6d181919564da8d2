/**
 * GFM autolink literals end only at whitespace, and Chinese text has none:
 * `www.yanzhou.gov.cn）查阅或下载。如对…` became one link over the rest of the
 * sentence. A literal autolink is cut at its first non-ASCII character (URLs
 * in reports are ASCII; full-width punctuation ends them), the rest stays text.
 */
import type { Link, Root, Text } from 'mdast'
import { SKIP, visit } from '../vendor/markdown.js'

const NON_ASCII = /[^\x21-\x7e]/

function isLiteral(link: Link): link is Link & { children: [Text] } {
  const [child] = link.children
  if (link.children.length !== 1 || child?.type !== 'text') return false
  return [child.value, `http://${child.value}`, `mailto:${child.value}`].includes(link.url)
}

export function trimCjkAutolinks(tree: Root): void {
  visit(tree, 'link', (link: Link, index, parent) => {
    if (!parent || index === undefined || !isLiteral(link)) return undefined
    const text = link.children[0].value
    const cut = text.search(NON_ASCII)
    if (cut < 0) return undefined
    const kept = text.slice(0, cut)
    const rest: Text = { type: 'text', value: text.slice(cut) }
    if (kept === '') {
      parent.children.splice(index, 1, rest)
      return [SKIP, index + 1]
    }
    const prefix = link.url.slice(0, link.url.length - text.length)
    link.url = prefix + kept
    link.children[0].value = kept
    parent.children.splice(index + 1, 0, rest)
    return [SKIP, index + 2]
  })
}

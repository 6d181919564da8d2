/**
 * The author's Markdown sections → sanitized HTML in the documented subset
 * (docs/html-subset.md): mdast → hast (remark-rehype, raw HTML dropped) →
 * mapped onto the subset → rehype-sanitize with an allow-list → string.
 * No script, event handler, style or javascript:/data: URL survives.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import type { Heading, Root, RootContent } from 'mdast'
import type { Options as SanitizeSchema } from 'rehype-sanitize'
import { rehypeSanitize, rehypeStringify, remarkRehype, unified } from '../vendor/hast.js'
import { SKIP, visit } from '../vendor/markdown.js'
import type { Body } from '../source/sections.js'
import type { SectionsHtml } from './view-model.js'

/** Elements the author's text may produce; everything else is unwrapped or removed. */
const schema: SanitizeSchema = {
  tagNames: ['h3', 'h4', 'p', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'br', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'],
  attributes: { a: ['href', 'id'], li: ['id'], ol: ['start'] },
  protocols: { href: ['http', 'https', 'mailto'] },
  ancestors: { li: ['ol', 'ul'], tbody: ['table'], thead: ['table'], tr: ['table'], th: ['table'], td: ['table'] },
  required: {},
  // Drop these with their content (not just the tags).
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'textarea', 'select', 'title'],
  clobber: ['id', 'name'],
  // remark-rehype already prefixes footnote ids with `user-content-`; a second prefix breaks the links.
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
}

/** Map what Markdown can produce onto the subset before sanitizing. */
function rehypeToSubset() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return
      const name = node.tagName
      if (/^h[1-6]$/.test(name)) {
        // Footnote section label: the footnote list itself is enough.
        if (node.properties.id === 'footnote-label') {
          parent.children.splice(index, 1)
          return [SKIP, index]
        }
        // Section headings are h2 (from the template); the author's own become h3/h4.
        node.tagName = Number(name[1]) <= 3 ? 'h3' : 'h4'
      } else if (name === 'pre') {
        node.tagName = 'p'
      } else if (name === 'img') {
        // No external request: an image becomes its alt text.
        const alt = typeof node.properties.alt === 'string' ? node.properties.alt : ''
        const replacement: ElementContent[] = alt ? [{ type: 'text', value: alt }] : []
        parent.children.splice(index, 1, ...replacement)
        return [SKIP, index + replacement.length]
      } else if (name === 'hr' || name === 'input') {
        parent.children.splice(index, 1)
        return [SKIP, index]
      }
      return undefined
    })
  }
}

/** Every remaining link opens without referrer or opener access. */
function rehypeLinkRel() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'a' && typeof node.properties.href === 'string') node.properties.rel = ['noopener', 'noreferrer']
    })
  }
}

const processor = unified()
  .use(remarkRehype, { footnoteLabel: '注释', footnoteBackLabel: (i: number) => `返回引用 ${i + 1}` })
  .use(rehypeToSubset)
  .use(rehypeSanitize, schema)
  .use(rehypeLinkRel)
  .use(rehypeStringify)

/** Sanitized HTML of Markdown nodes (mdast). */
export function markdownToHtml(nodes: RootContent[]): string {
  if (nodes.length === 0) return ''
  const root: Root = { type: 'root', children: nodes }
  const hast = processor.runSync(root) as HastRoot
  return processor.stringify(hast)
}

/** A level-2 heading that matched no official section: kept as a sub-heading. */
function demoted(heading: Heading): Heading {
  return { ...heading, depth: 3 }
}

/** The Markdown nodes of the preamble and of each official section, as the page groups them. */
export interface SectionNodes {
  preamble: RootContent[]
  sections: Map<number, RootContent[]>
}

/**
 * Group the body as the page shows it. Content under an unrecognised or
 * repeated level-2 heading (a warning, not an error) is kept: under the
 * previous section, its heading shown as a sub-heading.
 */
export function groupSections(body: Body): SectionNodes {
  const preamble: RootContent[] = [...body.preamble]
  const sections = new Map<number, RootContent[]>()
  let current = preamble
  for (const section of body.sections) {
    if (section.def) {
      const existing = sections.get(section.def.number)
      if (existing) {
        existing.push(demoted(section.heading), ...section.nodes)
        current = existing
      } else {
        current = [...section.nodes]
        sections.set(section.def.number, current)
      }
    } else {
      current.push(demoted(section.heading), ...section.nodes)
    }
  }
  return { preamble, sections }
}

/** HTML of the preamble and of each official section. */
export function sectionsToHtml(body: Body): SectionsHtml {
  const grouped = groupSections(body)
  const sections = new Map<number, string>()
  for (const [number, nodes] of grouped.sections) sections.set(number, markdownToHtml(nodes))
  return { preamble: markdownToHtml(grouped.preamble), sections }
}

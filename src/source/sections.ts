/**
 * Split the Markdown body into the six official sections: level-2
 * headings matched by numeral or title (with the variants real reports use).
 */
import type { Heading, Root, RootContent } from 'mdast'
import { toString } from '../vendor/markdown.js'
import type { FormatDefinition, SectionDef } from '../formats/types.js'

export interface SectionContent {
  /** The official section this heading was matched to, if any. */
  def?: SectionDef
  /** The numeral written in the heading (`五` in `五、其他需要报告的事项`), if any. */
  writtenNumeral?: string
  heading: Heading
  headingText: string
  /** Content between this heading and the next level-2 heading. */
  nodes: RootContent[]
  /** Plain text of `nodes`. */
  text: string
}

export interface Body {
  /** Content before the first level-2 heading (前言). */
  preamble: RootContent[]
  sections: SectionContent[]
}

const NUMERALS = '一二三四五六七八九十'

/** Compare headings without punctuation, spacing, width or 和/、 differences. */
export function normalizeTitle(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s、，,.。:：;；()（）“”"'‘’《》<>]/g, '')
    .replace(/和|及/g, '')
}

const numeralPattern = new RegExp(`^\\s*(?:第)?([${NUMERALS}]{1,2})(?:部分)?\\s*[、.．,，:：]?\\s*`)

/** Split a heading into its numeral and the rest. */
export function splitHeading(text: string): { numeral?: string; title: string } {
  const match = numeralPattern.exec(text)
  if (match && match[0].length < text.length) return { numeral: match[1]!, title: text.slice(match[0].length) }
  return { title: text }
}

export function matchSection(format: FormatDefinition, text: string): { def?: SectionDef; numeral?: string } {
  const { numeral, title } = splitHeading(text)
  const wanted = normalizeTitle(title)
  const byTitle = format.sections.find((s) =>
    [s.title, ...s.aliases].some((candidate) => normalizeTitle(candidate) === wanted),
  )
  const byNumeral = numeral ? format.sections.find((s) => s.numeral === numeral) : undefined
  const def = byTitle ?? byNumeral
  return { ...(def ? { def } : {}), ...(numeral ? { numeral } : {}) }
}

export function splitSections(format: FormatDefinition, tree: Root): Body {
  const preamble: RootContent[] = []
  const sections: SectionContent[] = []
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      const headingText = toString(node).trim()
      const { def, numeral } = matchSection(format, headingText)
      sections.push({
        ...(def ? { def } : {}),
        ...(numeral ? { writtenNumeral: numeral } : {}),
        heading: node,
        headingText,
        nodes: [],
        text: '',
      })
      continue
    }
    const current = sections.at(-1)
    if (current) current.nodes.push(node)
    else preamble.push(node)
  }
  for (const section of sections) {
    // Raw HTML (comments included) is never published, so it is not the section's text.
    section.text = section.nodes.map((n) => toString(n, { includeHtml: false })).join('\n').trim()
  }
  return { preamble, sections }
}

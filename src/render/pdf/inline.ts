/**
 * Inline content (text, strong, em, a, br, span, mark) as flat runs, with HTML
 * whitespace collapsing, turned into pdfmake inline text.
 */
import type { ElementContent } from 'hast'

/** A piece of text with the inline formatting it carries. */
export interface Run {
  text: string
  bold?: boolean
  em?: boolean
  link?: string
  /** Highlighted (`<mark>`: text repeated from last year on comparison pages). */
  mark?: boolean
}

/** Reports an element outside the subset; its text is still rendered. */
export type Unsupported = (tag: string, node: ElementContent) => void

const INLINE = new Set(['strong', 'b', 'em', 'i', 'a', 'span', 'br', 'mark'])

/** Flatten inline nodes into runs. Block-level children are read as text after a line break. */
export function collectRuns(nodes: ElementContent[], unsupported: Unsupported, base: Omit<Run, 'text'> = {}, out: Run[] = []): Run[] {
  for (const node of nodes) {
    if (node.type === 'text') out.push({ ...base, text: node.value })
    else if (node.type === 'element') {
      const tag = node.tagName
      if (tag === 'br') out.push({ ...base, text: '\n' })
      else if (tag === 'strong' || tag === 'b') collectRuns(node.children, unsupported, { ...base, bold: true }, out)
      else if (tag === 'em' || tag === 'i') collectRuns(node.children, unsupported, { ...base, em: true }, out)
      else if (tag === 'a') {
        const href = node.properties?.href
        const style = typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? { ...base, link: href } : base
        collectRuns(node.children, unsupported, style, out)
      } else if (tag === 'span') collectRuns(node.children, unsupported, base, out)
      else if (tag === 'mark') collectRuns(node.children, unsupported, { ...base, mark: true }, out)
      else if (tag === 'p' || tag === 'div') {
        // A paragraph inside a table cell or list item: keep it on its own line.
        if (out.length > 0) out.push({ ...base, text: '\n' })
        collectRuns(node.children, unsupported, base, out)
      } else {
        unsupported(tag, node)
        if (tag === 'img') {
          const alt = node.properties?.alt
          if (typeof alt === 'string' && alt) out.push({ ...base, text: alt })
        } else collectRuns(node.children, unsupported, base, out)
      }
    }
  }
  return out
}

export function isInlineTag(tag: string): boolean {
  return INLINE.has(tag)
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u

/**
 * Collapse whitespace as a browser does, and drop the space a source line
 * break leaves between two Chinese characters (CSS Text 3 segment breaks).
 * Leading and trailing space of the block and around `<br>` is removed.
 */
export function normalizeRuns(runs: Run[]): Run[] {
  const out: Run[] = []
  let pendingSpace: { hadNewline: boolean } | undefined
  let previousChar = ''
  for (const run of runs) {
    if (run.text === '\n') {
      pendingSpace = undefined
      out.push(run)
      previousChar = '\n'
      continue
    }
    let text = ''
    for (const part of run.text.split(/([ \t\r\n\f]+)/)) {
      if (part === '') continue
      if (/^[ \t\r\n\f]+$/.test(part)) {
        pendingSpace = { hadNewline: (pendingSpace?.hadNewline ?? false) || /[\r\n]/.test(part) }
        continue
      }
      if (pendingSpace && previousChar !== '' && previousChar !== '\n') {
        const dropped = pendingSpace.hadNewline && (CJK.test(previousChar) || CJK.test(part[0]!))
        if (!dropped) {
          if (text === '' && out.length > 0) out[out.length - 1]!.text += ' '
          else text += ' '
        }
      }
      pendingSpace = undefined
      text += part
      previousChar = part[part.length - 1]!
    }
    if (text !== '') out.push({ ...run, text })
  }
  return out.filter((run, i) => !(run.text === '\n' && i === out.length - 1))
}

/** Plain text of runs. */
export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('')
}

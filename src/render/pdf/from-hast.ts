/**
 * The merged report HTML (docs/html-subset.md) → pdfmake content.
 *
 * Only the documented subset is mapped; any other element is reported
 * through `unsupported` (a `pdf-html-subset` diagnostic naming it) and its
 * text is still printed, so nothing is dropped silently.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { toHtml } from '../../vendor/hast.js'
import { OPENING } from './kinsoku.js'
import { collectRuns, isInlineTag, normalizeRuns, runsText, type Run, type Unsupported } from './inline.js'
import { contentWidth } from './styles.js'
import { parseTable, tableToPdf, type PdfNode } from './tables.js'

export interface HastToPdfOptions {
  unsupported: Unsupported
  /** Emphasis: a Kai face when the agency configured one, else a dotted underline. */
  emphasisFont?: string
  /** Reports a table that is too tall for a page and has a row group that may be cut. */
  oversized?: (tableId: string | undefined, groups: number) => void
  /** Font family for text in charts (`<figure class="chart"><svg>`); SVG text falls back to it. */
  chartFont?: string
  /** Widest a chart may be drawn, in pt (default: the text width). */
  chartWidth?: number
  /**
   * Keep a table part estimated to fit a page whole on its page (default). Off when an estimate
   * proved too low: pdfmake drops what an unbreakable block holds past its first page.
   */
  keepWhole?: boolean
}

/** Background of `<mark>` text. */
export const MARK_COLOR = '#FFE08A'

export interface HastToPdfResult {
  content: PdfNode[]
  /** `<title>`, or the h1 text. */
  title: string
  /** Text of `.signoff-agency`, if any. */
  agency: string | undefined
}

/** Height of one heading line in pt (16 pt, 22 lines a page). */
const HEADING_HEIGHT = 29.5

const IGNORED_HEAD = new Set(['meta', 'title', 'style', 'link', 'script', 'base'])

function classes(node: Element): string[] {
  const value = node.properties?.className
  return Array.isArray(value) ? value.map(String) : []
}

function textOf(nodes: ElementContent[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.value : n.type === 'element' ? textOf(n.children) : '')).join('')
}

/** Characters of a 22 pt title line on the 156 mm measure. */
const TITLE_LINE = 20

/**
 * A title too long for one line breaks before the year, as official
 * reports set it: 「机关名称」 / 「2024年政府信息公开工作年度报告」. An
 * opening bracket before the year goes with it (「…对比」 / 「（2023年—2024年）」):
 * no line ends with one (kinsoku.ts).
 */
function splitTitle(runs: Run[]): Run[] {
  const text = runsText(runs)
  if (text.includes('\n') || [...text].length <= TITLE_LINE) return runs
  let at = text.search(/\d{4}年/)
  while (at > 0 && OPENING.includes(text[at - 1]!)) at--
  if (at <= 0 || [...text.slice(at)].length > TITLE_LINE) return runs
  const out: Run[] = []
  let offset = 0
  for (const run of runs) {
    const end = offset + run.text.length
    if (at > offset && at < end) {
      out.push({ ...run, text: run.text.slice(0, at - offset) }, { ...run, text: '\n' }, { ...run, text: run.text.slice(at - offset) })
    } else if (at === offset && offset > 0) out.push({ ...run, text: '\n' }, run)
    else out.push(run)
    offset = end
  }
  return out
}

function textLength(node: PdfNode): number {
  const text = node.text
  if (typeof text === 'string') return text.length
  if (Array.isArray(text)) return text.reduce((n: number, t) => n + (typeof t === 'string' ? t.length : textLength(t as PdfNode)), 0)
  return 0
}

/** Map a parsed report to pdfmake content. */
export function hastToPdf(tree: Root, options: HastToPdfOptions): HastToPdfResult {
  const { unsupported } = options
  let title = ''
  let agency: string | undefined
  let h1 = ''
  let sectionHeading = ''

  const toInlines = (runs: Run[]): unknown[] =>
    runs.map((run) => {
      const node: PdfNode = { text: run.text }
      if (run.bold) node.bold = true
      if (run.em) {
        if (options.emphasisFont) node.font = options.emphasisFont
        else {
          node.decoration = 'underline'
          node.decorationStyle = 'dotted'
        }
      }
      if (run.link) node.link = run.link
      if (run.mark) node.background = MARK_COLOR
      return node
    })

  const inline = (nodes: ElementContent[]): Run[] => normalizeRuns(collectRuns(nodes, unsupported))

  const paragraph = (nodes: ElementContent[], style: string | string[], extra: PdfNode = {}): PdfNode[] => {
    const runs = inline(nodes)
    if (runsText(runs).trim() === '') return []
    return [{ text: toInlines(runs), style, ...extra }]
  }

  const listItems = (list: Element): PdfNode[] => {
    const items: PdfNode[] = []
    for (const li of list.children) {
      if (li.type === 'text' && li.value.trim() === '') continue
      if (li.type !== 'element' || li.tagName !== 'li') {
        if (li.type === 'element') unsupported(li.tagName, li)
        if (li.type === 'element' || li.type === 'text') items.push(...paragraph([li], 'listItem'))
        continue
      }
      const hasBlocks = li.children.some((c) => c.type === 'element' && !isInlineTag(c.tagName) && c.tagName !== 'p')
      if (hasBlocks) items.push({ stack: blocks(li.children) })
      else items.push({ text: toInlines(inline(li.children)) })
    }
    return items
  }

  const blocks = (nodes: (RootContent | ElementContent)[]): PdfNode[] => {
    const out: PdfNode[] = []
    let pendingInline: ElementContent[] = []
    const flushInline = () => {
      if (pendingInline.length > 0) out.push(...paragraph(pendingInline, 'p'))
      pendingInline = []
    }
    for (const node of nodes) {
      if (node.type === 'comment' || node.type === 'doctype') continue
      if (node.type === 'text') {
        if (node.value.trim() !== '') pendingInline.push(node)
        continue
      }
      if (node.type !== 'element') continue
      const tag = node.tagName
      if (isInlineTag(tag)) {
        pendingInline.push(node)
        continue
      }
      flushInline()
      const cls = classes(node)
      switch (tag) {
        case 'html':
        case 'body':
        case 'article':
        case 'header':
        case 'section':
        case 'div':
        case 'main':
        case 'figure':
          out.push(...blocks(node.children))
          break
        case 'figcaption':
          out.push(...paragraph(node.children, 'caption'))
          break
        case 'svg': {
          // A chart (our own SVG, never the author's: the report sanitizer removes svg). pdfmake
          // draws it with svg-to-pdfkit; its text falls back to the chart font.
          const svg = toHtml(node, { space: 'svg' })
          const width = Number(node.properties?.width) || 480
          const widest = options.chartWidth ?? contentWidth
          out.push({ svg, width: Math.min(width * 0.75, widest), ...(options.chartFont ? { font: options.chartFont } : {}), margin: [0, 4, 0, 8] })
          break
        }
        case 'footer': {
          const signoff = blocks(node.children)
          if (signoff.length === 0) break
          // The signature never stands alone on the last page: it keeps the
          // last short paragraph with it.
          const previous = out[out.length - 1]
          const keep = previous && previous.style === 'p' && textLength(previous) <= 300 ? [out.pop()!] : []
          // …and the heading above that paragraph, which would be left behind otherwise.
          while (keep.length > 0 && keep.length < 3 && out[out.length - 1]?.headlineLevel === 1) keep.unshift(out.pop()!)
          out.push({ unbreakable: true, stack: [...keep, ...signoff] })
          break
        }
        case 'head':
          for (const child of node.children) {
            if (child.type !== 'element') continue
            if (child.tagName === 'title') title = textOf(child.children).trim()
            else if (!IGNORED_HEAD.has(child.tagName)) unsupported(child.tagName, child)
          }
          break
        case 'h1': {
          const runs = splitTitle(inline(node.children))
          h1 = runsText(runs).replace('\n', '').trim()
          out.push({ text: toInlines(runs), style: 'title', outline: true, outlineText: h1 })
          break
        }
        case 'h2': {
          const runs = inline(node.children)
          sectionHeading = runsText(runs).trim()
          out.push({ text: toInlines(runs), style: 'h2', headlineLevel: 1, outline: true, outlineText: sectionHeading })
          break
        }
        case 'h3':
        case 'h4':
        case 'h5':
        case 'h6':
          if (tag === 'h5' || tag === 'h6') unsupported(tag, node)
          out.push(...paragraph(node.children, tag === 'h3' ? 'h3' : 'h4', { headlineLevel: 1 }))
          break
        case 'p':
          if (cls.includes('signoff-agency')) {
            agency = textOf(node.children).trim()
            out.push(...paragraph(node.children, 'signoffAgency'))
          } else if (cls.includes('signoff-date')) out.push(...paragraph(node.children, 'signoffDate'))
          else if (cls.includes('draft-mark')) out.push(...paragraph(node.children, 'draftMark'))
          else out.push(...paragraph(node.children, 'p'))
          break
        case 'ul':
        case 'ol': {
          const items = listItems(node)
          const start = Number(node.properties?.start)
          if (items.length > 0)
            out.push(tag === 'ul' ? { ul: items, style: 'list' } : { ol: items, style: 'list', ...(start > 1 ? { start } : {}) })
          break
        }
        case 'blockquote':
          out.push({ stack: blocks(node.children), style: 'blockquote' })
          break
        case 'table': {
          const parsed = parseTable(node, unsupported)
          // The statutory caption repeats the section heading; print it only when it says more.
          const caption = parsed.caption ? runsText(parsed.caption).trim() : ''
          // A heading right above the table stays on the page of its first part.
          const lead: PdfNode[] = []
          while (out.length > 0 && out[out.length - 1]!.headlineLevel === 1 && lead.length < 2) lead.unshift(out.pop()!)
          const result = tableToPdf(parsed, toInlines, {
            caption: caption !== '' && !sectionHeading.endsWith(caption),
            lead,
            leadHeight: lead.length * HEADING_HEIGHT,
            keepWhole: options.keepWhole ?? true,
            name: caption || parsed.id || '',
          })
          if (result.oversized > 0) options.oversized?.(caption || parsed.id, result.oversized)
          const last = result.nodes.at(-1)!
          const top = Array.isArray(last.margin) ? (last.margin[1] as number) : 0
          last.margin = [0, top, 0, 8]
          out.push(...result.nodes)
          break
        }
        default:
          unsupported(tag, node)
          out.push(...blocks(node.children))
      }
    }
    flushInline()
    return out
  }

  const content = blocks(tree.children)
  return { content, title: title || h1, agency }
}

/**
 * The merged report HTML (docs/html-subset.md) → the docx document model.
 * The same subset as the PDF (render/pdf/from-hast.ts): headings, paragraphs,
 * lists, blockquotes, the sign-off and tables with rowspan/colspan, which
 * become real merged cells (w:vMerge, w:gridSpan). Other elements keep
 * their text and are reported through `unsupported`.
 */
import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
} from 'docx'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { collectRuns, isInlineTag, normalizeRuns, runsText, type Run, type Unsupported } from '../pdf/inline.js'
import { columnWidths, estimateRowHeights, parseTable, type ParsedTable } from '../pdf/tables.js'
import { contentHeight } from '../pdf/styles.js'
import { fonts, styleIds } from './styles.js'

export interface DocxContent {
  blocks: (Paragraph | Table)[]
  title: string
  agency: string | undefined
}

function classes(node: Element): string[] {
  const value = node.properties?.className
  return Array.isArray(value) ? value.map(String) : []
}

const emphasisFont = { ascii: fonts.latin.name, hAnsi: fonts.latin.name, eastAsia: fonts.subheading.name }

function runsToChildren(runs: Run[], extra: { bold?: boolean } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = []
  for (const run of runs) {
    const parts = run.text.split('\n')
    const children = parts.map(
      (text, i) =>
        new TextRun({
          text,
          ...(i > 0 ? { break: 1 } : {}),
          ...(run.bold || extra.bold ? { bold: true } : {}),
          ...(run.em ? { font: emphasisFont } : {}),
          ...(run.link ? { style: 'Hyperlink' } : {}),
        }),
    )
    if (run.link) out.push(new ExternalHyperlink({ link: run.link, children }))
    else out.push(...children)
  }
  return out
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border }

/** pt → twips. */
const twips = (pt: number) => Math.round(pt * 20)

/** A table this tall (of the text area) that still fits a page starts a page, heading and all, as in the PDF. */
const TALL = 0.6

function tableToDocx(table: ParsedTable, unsupportedCaption: string | undefined): { blocks: (Paragraph | Table)[]; tall: boolean } {
  const widthsPt = columnWidths(table)
  const heights = estimateRowHeights(table, widthsPt)
  const height = heights.reduce((a, b) => a + b, 0)
  // A table that fits a page is kept on one (every row "keep with next" but the last; Word honours
  // it, LibreOffice does not — hence also the page break before a tall one).
  const fits = height <= contentHeight * 0.97
  const rows = table.rows.map((cells, r) => {
    const header = r < table.headerRows
    const keep = fits && r < table.rows.length - 1
    return new TableRow({
      ...(header ? { tableHeader: true } : {}),
      cantSplit: true,
      children: cells.map(
        (cell) =>
          new TableCell({
            ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
            ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
            verticalAlign: VerticalAlignTable.CENTER,
            width: { size: twips(widthsPt.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0)), type: WidthType.DXA },
            children: [
              new Paragraph({
                style: styleIds.table,
                keepNext: keep,
                // Centred by the 表格文字 style: only a left-aligned cell says so.
                ...(cell.numeric || header || (cell.header && cell.rowSpan > 1) ? {} : { alignment: AlignmentType.LEFT }),
                children: runsToChildren(cell.runs, cell.blockHeading ? { bold: true } : {}),
              }),
            ],
          }),
      ),
    })
  })
  const out: (Paragraph | Table)[] = []
  if (unsupportedCaption) out.push(new Paragraph({ style: styleIds.table, keepNext: true, children: [new TextRun({ text: unsupportedCaption, bold: true })] }))
  out.push(
    new Table({
      rows,
      columnWidths: widthsPt.map(twips),
      width: { size: twips(widthsPt.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
      layout: 'fixed',
      borders,
      // Once for the table (w:tblCellMar), not in each of its three hundred cells: half of document.xml.
      margins: { left: 57, right: 57, top: 20, bottom: 20 },
    }),
  )
  // Word needs a paragraph between two tables, and one after the last.
  out.push(new Paragraph({ style: styleIds.body, spacing: { line: 240, lineRule: 'auto' }, children: [] }))
  return { blocks: out, tall: fits && height > contentHeight * TALL }
}

/** Map a parsed report to docx blocks. */
export function hastToDocx(tree: Root, unsupported: Unsupported): DocxContent {
  let title = ''
  let agency: string | undefined
  let sectionHeading = ''
  const inline = (nodes: ElementContent[]): Run[] => normalizeRuns(collectRuns(nodes, unsupported))

  const paragraph = (
    nodes: ElementContent[],
    style: string,
    options: { indentLeft?: number; prefix?: string; keepNext?: boolean; pageBreakBefore?: boolean } = {},
  ): Paragraph[] => {
    const runs = inline(nodes)
    if (runsText(runs).trim() === '') return []
    if (options.prefix) runs.unshift({ text: options.prefix })
    return [
      new Paragraph({
        style,
        ...(options.keepNext ? { keepNext: true } : {}),
        ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
        ...(options.indentLeft ? { indent: { left: options.indentLeft, firstLine: 0 } } : {}),
        children: runsToChildren(runs),
      }),
    ]
  }

  const blocks = (nodes: (RootContent | ElementContent)[], context: { indentLeft?: number } = {}): (Paragraph | Table)[] => {
    const out: (Paragraph | Table)[] = []
    // Headings by their place in `out`, to be set again with a page break before a tall table.
    const headings = new Map<number, { nodes: ElementContent[]; style: string }>()
    const heading = (nodes: ElementContent[], style: string) => {
      const made = paragraph(nodes, style)
      if (made.length > 0) headings.set(out.length, { nodes, style })
      out.push(...made)
    }
    let pendingInline: ElementContent[] = []
    const flush = () => {
      if (pendingInline.length > 0) out.push(...paragraph(pendingInline, styleIds.body, context))
      pendingInline = []
    }
    for (const node of nodes) {
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
      flush()
      const cls = classes(node)
      switch (tag) {
        case 'html':
        case 'body':
        case 'article':
        case 'header':
        case 'section':
        case 'div':
        case 'main':
        case 'footer':
          out.push(...blocks(node.children, context))
          break
        case 'head':
          for (const child of node.children)
            if (child.type === 'element' && child.tagName === 'title') title = runsText(inline(child.children)).trim()
          break
        case 'h1': {
          const runs = inline(node.children)
          title ||= runsText(runs).trim()
          out.push(new Paragraph({ style: styleIds.title, children: runsToChildren(runs) }))
          break
        }
        case 'h2':
          sectionHeading = runsText(inline(node.children)).trim()
          heading(node.children, styleIds.heading1)
          break
        case 'h3':
          heading(node.children, styleIds.heading2)
          break
        case 'h4':
        case 'h5':
        case 'h6':
          heading(node.children, styleIds.heading3)
          break
        case 'p':
          if (cls.includes('signoff-agency')) {
            agency = runsText(inline(node.children)).trim()
            out.push(new Paragraph({ style: styleIds.signoff, spacing: { before: 1158 }, children: runsToChildren(inline(node.children)) }))
          } else if (cls.includes('signoff-date')) out.push(...paragraph(node.children, styleIds.signoff))
          else out.push(...paragraph(node.children, styleIds.body, context))
          break
        case 'ul':
        case 'ol': {
          let n = Number(node.properties?.start) > 1 ? Number(node.properties?.start) : 1
          for (const li of node.children) {
            if (li.type !== 'element') continue
            const prefix = tag === 'ol' ? `${n++}. ` : '• '
            out.push(...paragraph(li.children, styleIds.body, { indentLeft: (context.indentLeft ?? 0) + 640, prefix }))
          }
          break
        }
        case 'blockquote':
          out.push(...blocks(node.children, { indentLeft: (context.indentLeft ?? 0) + 640 }))
          break
        case 'table': {
          const parsed = parseTable(node, unsupported)
          const caption = parsed.caption ? runsText(parsed.caption).trim() : ''
          // The statutory caption repeats the section heading; print it only when it says more.
          const made = tableToDocx(parsed, caption !== '' && !sectionHeading.endsWith(caption) ? caption : undefined)
          if (made.tall) {
            // The headings right above go with it.
            let first = out.length
            while (headings.has(first - 1)) first--
            const spec = headings.get(first)
            if (spec) out[first] = paragraph(spec.nodes, spec.style, { pageBreakBefore: true })[0]!
            else made.blocks.unshift(new Paragraph({ pageBreakBefore: true, spacing: { line: 20, lineRule: 'exact' }, children: [] }))
          }
          out.push(...made.blocks)
          break
        }
        default:
          unsupported(tag, node)
          out.push(...blocks(node.children, context))
      }
    }
    flush()
    return out
  }

  return { blocks: blocks(tree.children), title, agency }
}

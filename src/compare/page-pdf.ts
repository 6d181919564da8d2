/**
 * PDF of a supervisor page (comparison, roll-up) from its HTML, through the
 * same hast → pdfmake mapping as the reports (docs/html-subset.md), with the
 * same fonts, line breaking and page numbers; charts are the page's own
 * SVG. The report's A4 page geometry, which the table layout (page-sized
 * parts, column widths) is measured against.
 * Same HTML, same bytes: the date is given, the ID derived from the HTML.
 */
import { createHash } from 'node:crypto'
import { parseMergedHtml } from '../render/html-tree.js'
import { fontSet, pdfmake } from '../render/pdf/fonts.js'
import { hastToPdf } from '../render/pdf/from-hast.js'
import { headingKeeper } from '../render/pdf/index.js'
import { contentWidth, footer, page, styles } from '../render/pdf/styles.js'
import { installPdfPatches } from '../render/pdf/patches.js'
import { createPdfKeepingRows } from '../render/pdf/unbreakable-guard.js'

export interface PagePdfMeta {
  title: string
  author: string
  subject: string
  date: Date
}

const xmpSafe = (text: string): string => text.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞').replace(/[\u0000-\u001f]/g, ' ')

/** Tags outside the subset, reported to the caller (a bug in our own page if any). */
export interface PagePdfResult {
  pdf: Uint8Array
  unsupported: string[]
}

export async function renderPagePdf(html: string, meta: PagePdfMeta): Promise<PagePdfResult> {
  const fonts = fontSet()
  const unsupported = new Set<string>()
  const { tree } = parseMergedHtml(html)
  const mapping = (keepWhole: boolean) =>
    hastToPdf(tree, {
      unsupported: (tag) => void unsupported.add(tag),
      chartFont: fonts.families.heading,
      chartWidth: contentWidth,
      keepWhole,
    })
  const base = styles(fonts)
  const definition = (content: unknown) => ({
    pageSize: 'A4',
    pageMargins: page.margins,
    version: '1.7',
    language: 'zh-CN',
    displayTitle: true,
    info: {
      title: xmpSafe(meta.title),
      author: xmpSafe(meta.author),
      subject: xmpSafe(meta.subject),
      creator: 'nianbao',
      producer: 'nianbao (pdfmake)',
      creationDate: meta.date,
      modDate: meta.date,
      NianbaoDigest: createHash('sha256').update(html).digest('hex').slice(0, 32),
    },
    content,
    // Smaller than a report's 三号 body: these pages are worksheets, not official documents.
    defaultStyle: { ...base.body, fontSize: 11, lineHeight: 1.25 },
    styles: { ...base, title: { ...base.title, fontSize: 18 }, h2: { ...base.h2, fontSize: 14, margin: [0, 8, 0, 4] }, h3: { ...base.h3, fontSize: 12, margin: [0, 6, 0, 2] }, p: { ...base.p, leadingIndent: 0 } },
    footer: (currentPage: number) => footer(currentPage),
    // A heading left at a page's foot (above a table that now flows from the next page) moves with it.
    pageBreakBefore: headingKeeper(() => {}),
  })
  installPdfPatches()
  const pm = pdfmake()
  pm.setFonts(fonts.dictionary)
  // A table part estimated to fit a page that does not is laid out again free to break (our own page: nothing to say).
  const buffer = await createPdfKeepingRows(pm, (keepWhole) => definition(mapping(keepWhole).content))
  return { pdf: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), unsupported: [...unsupported].sort() }
}

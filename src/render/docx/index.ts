/**
 * Word output for review (领导审签): merged report HTML → hast → docx model
 * → report.docx, with the `docx` library. Same input, same bytes: the
 * dates in docProps/core.xml come from the report (as the PDF's), and the
 * package is zipped again with sorted entries and a fixed timestamp
 * (docx stamps the clock into both).
 */
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx'
import { unzipSync } from 'fflate'
import { readMergedHtml, reportOutsideSubset } from '../html-tree.js'
import type { VFile } from 'vfile'
import { zipMembers } from '../../bundle/zip.js'
import { documentDate } from '../document-date.js'
import { hastToDocx } from './from-hast.js'
import { fontTableXml, pageSetup, paragraphStyles, styleIds } from './styles.js'

export interface RenderDocxOptions {
  /** Date in docProps/core.xml. Default: `published`, else SOURCE_DATE_EPOCH, else 2000-01-01 (as the PDF). */
  date?: Date
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

const footer = new Footer({
  children: [
    new Paragraph({
      style: styleIds.pageNumber,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
    }),
  ],
})

/** W3CDTF without milliseconds, as Word writes it. */
const w3c = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * Render merged report HTML to .docx bytes. Elements outside the subset
 * are reported (`pdf-html-subset`, shared with the PDF) and their text kept;
 * a page over the HTML limits gets no Word file (said on `file`).
 */
export async function renderDocx(html: string, file: VFile, options: RenderDocxOptions = {}): Promise<Uint8Array | undefined> {
  const parsed = readMergedHtml(html, file)
  if (!parsed) return undefined
  const content = hastToDocx(parsed.tree, reportOutsideSubset(file, parsed))
  const meta = file.data.report?.meta
  const agency = meta?.agency ?? content.agency ?? ''
  const year = meta?.year
  const date = options.date ?? documentDate(meta?.published)
  const document = new Document({
    title: content.title,
    subject: year ? `${year}年政府信息公开工作年度报告` : '政府信息公开工作年度报告',
    creator: agency,
    keywords: ['政府信息公开', '年度报告', agency, year ? String(year) : ''].filter(Boolean).join(', '),
    lastModifiedBy: 'nianbao',
    revision: 1,
    styles: {
      default: { document: { run: { size: 32 } } },
      paragraphStyles,
    },
    sections: [
      {
        properties: { page: { size: { width: pageSetup.width, height: pageSetup.height }, margin: pageSetup.margin } },
        footers: { default: footer },
        children: content.blocks,
      },
    ],
  })
  const packed = await Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }])
  const unpacked = unzipSync(new Uint8Array(packed))
  const ids = stableIds(unpacked)
  const members = new Map<string, Uint8Array>()
  for (const [name, bytes] of Object.entries(unpacked)) {
    if (name === 'docProps/core.xml') {
      const xml = decoder
        .decode(bytes)
        .replace(/(<dcterms:created[^>]*>)[^<]*/, `$1${w3c(date)}`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*/, `$1${w3c(date)}`)
      members.set(name, encoder.encode(xml))
    } else if (ids.size > 0 && /\.(xml|rels)$/.test(name)) {
      members.set(name, encoder.encode(decoder.decode(bytes).replace(/"(rId[0-9A-Za-z_-]+)"/g, (m, id: string) => (ids.has(id) ? `"${ids.get(id)}"` : m))))
    } else members.set(name, bytes)
  }
  return zipMembers(members, { level: 6 })
}

/**
 * docx names the relationship of each hyperlink with a random id (nanoid,
 * Math.random): rename them rIdLink1, rIdLink2 … in the order the
 * relationships file lists them, which is the order of the document.
 */
function stableIds(parts: Record<string, Uint8Array>): Map<string, string> {
  const ids = new Map<string, string>()
  const rels = parts['word/_rels/document.xml.rels']
  if (!rels) return ids
  for (const m of decoder.decode(rels).matchAll(/\sId="([^"]+)"/g)) {
    const id = m[1]!
    if (!/^rId\d+$/.test(id) && !ids.has(id)) ids.set(id, `rIdLink${ids.size + 1}`)
  }
  return ids
}

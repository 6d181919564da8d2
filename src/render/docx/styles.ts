/**
 * Word styles and page after GB/T 9704-2012, as the PDF (render/pdf/styles.ts):
 * A4, margins 37/35/28/26 mm, 三号 (16 pt) 仿宋 body on 22 lines a page,
 * 二号 方正小标宋 title, 黑体 一级标题, 楷体 二级标题, 五号 tables.
 *
 * Fonts are named, not embedded: the names of the official faces, each with
 * a fallback (`w:altName` in the font table) that Windows and LibreOffice
 * have, so a reviewer's Word shows the page in the nearest face it has.
 */
import type { IParagraphStyleOptions } from 'docx'

const TWIPS_PER_MM = 1440 / 25.4

/** A4 and the margins, in twips. */
export const pageSetup = {
  width: 11906,
  height: 16838,
  margin: {
    top: Math.round(37 * TWIPS_PER_MM),
    bottom: Math.round(35 * TWIPS_PER_MM),
    left: Math.round(28 * TWIPS_PER_MM),
    right: Math.round(26 * TWIPS_PER_MM),
    // The page number sits 7 mm below the text area, as in the PDF.
    footer: Math.round(28 * TWIPS_PER_MM),
    header: Math.round(15 * TWIPS_PER_MM),
  },
}

/** Width of the text area in twips. */
export const textWidth = pageSetup.width - pageSetup.margin.left - pageSetup.margin.right

/** A font role: the official face and its fallback. */
export interface NamedFont {
  name: string
  fallback: string
  /** w:family: roman (serif), modern or swiss (sans). */
  family: 'roman' | 'swiss' | 'modern'
}

export const fonts = {
  body: { name: '仿宋_GB2312', fallback: '仿宋', family: 'roman' },
  title: { name: '方正小标宋简体', fallback: '宋体', family: 'roman' },
  heading: { name: '黑体', fallback: 'SimHei', family: 'swiss' },
  subheading: { name: '楷体_GB2312', fallback: '楷体', family: 'roman' },
  table: { name: '宋体', fallback: 'SimSun', family: 'roman' },
  latin: { name: 'Times New Roman', fallback: 'Liberation Serif', family: 'roman' },
} satisfies Record<string, NamedFont>

const runFont = (font: NamedFont) => ({ ascii: fonts.latin.name, hAnsi: fonts.latin.name, eastAsia: font.name })

/** Half-points. */
const size = { title: 44, body: 32, table: 21, pageNumber: 28 }

/** 22 lines on the 225 mm text area: 28.95 pt, exactly. */
const bodyLine = { line: 579, lineRule: 'exact' as const }
/** Two characters of first-line indent (2 × 16 pt). */
const indent = { firstLine: 640 }

/** Style ids (stable, ASCII) and the names Word's style pane shows. */
export const styleIds = {
  title: 'ReportTitle',
  heading1: 'Heading1Cn',
  heading2: 'Heading2Cn',
  heading3: 'Heading3Cn',
  body: 'BodyCn',
  table: 'TableText',
  signoff: 'Signoff',
  pageNumber: 'PageNumberCn',
} as const

export const paragraphStyles: IParagraphStyleOptions[] = [
  {
    id: styleIds.body,
    name: '正文',
    basedOn: 'Normal',
    quickFormat: true,
    run: { font: runFont(fonts.body), size: size.body },
    paragraph: { alignment: 'both', spacing: bodyLine, indent },
  },
  {
    id: styleIds.title,
    name: '标题',
    basedOn: styleIds.body,
    next: styleIds.body,
    quickFormat: true,
    run: { font: runFont(fonts.title), size: size.title },
    paragraph: { alignment: 'center', indent: { firstLine: 0 }, spacing: { line: 700, lineRule: 'exact', after: 579 }, keepNext: true, outlineLevel: 0 },
  },
  {
    id: styleIds.heading1,
    name: '一级标题',
    basedOn: styleIds.body,
    next: styleIds.body,
    quickFormat: true,
    run: { font: runFont(fonts.heading) },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: 1 },
  },
  {
    id: styleIds.heading2,
    name: '二级标题',
    basedOn: styleIds.body,
    next: styleIds.body,
    quickFormat: true,
    run: { font: runFont(fonts.subheading) },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: 2 },
  },
  {
    id: styleIds.heading3,
    name: '三级标题',
    basedOn: styleIds.body,
    next: styleIds.body,
    quickFormat: true,
    run: { bold: true },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: 3 },
  },
  {
    id: styleIds.table,
    name: '表格文字',
    basedOn: styleIds.body,
    quickFormat: true,
    run: { font: runFont(fonts.table), size: size.table },
    paragraph: { alignment: 'center', indent: { firstLine: 0 }, spacing: { line: 260, lineRule: 'exact' } },
  },
  {
    id: styleIds.signoff,
    name: '落款',
    basedOn: styleIds.body,
    quickFormat: true,
    paragraph: { alignment: 'right', indent: { firstLine: 0, right: 1280 } },
  },
  {
    id: styleIds.pageNumber,
    name: '页码',
    basedOn: styleIds.body,
    run: { font: runFont(fonts.table), size: size.pageNumber },
    paragraph: { alignment: 'center', indent: { firstLine: 0 }, spacing: { line: 280, lineRule: 'auto' } },
  },
]

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/**
 * word/fontTable.xml: every named face with its fallback (w:altName), the
 * GB2312 character set and its family, so Word substitutes sensibly.
 */
export function fontTableXml(): string {
  const seen = new Set<string>()
  const entries: string[] = []
  for (const font of Object.values(fonts) as NamedFont[]) {
    if (seen.has(font.name)) continue
    seen.add(font.name)
    const charset = font === fonts.latin ? '00' : '86'
    entries.push(
      `<w:font w:name="${escapeXml(font.name)}"><w:altName w:val="${escapeXml(font.fallback)}"/><w:charset w:val="${charset}"/>` +
        `<w:family w:val="${font.family}"/><w:pitch w:val="variable"/></w:font>`,
    )
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entries.join('') +
    '</w:fonts>'
  )
}

/**
 * Page geometry and styles after GB/T 9704-2012 (党政机关公文格式): A4,
 * text area 156 mm × 225 mm, 三号 (16 pt) body on a grid of 22 lines of
 * 28 characters, 二号 (22 pt) title, 黑体 first-level and 楷体 second-level
 * headings, 五号 (10.5 pt) tables, page numbers `— 1 —` below the text area.
 */
import type { Content, StyleDictionary } from 'pdfmake/interfaces.js'
import type { FontSet } from './fonts.js'

const MM = 72 / 25.4

export const page = {
  width: 595.28,
  height: 841.89,
  /** [left, top, right, bottom] in pt. */
  margins: [28 * MM, 37 * MM, 26 * MM, 35 * MM] as [number, number, number, number],
}

/** Width and height of the text area in pt. */
export const contentWidth = page.width - page.margins[0] - page.margins[2]
export const contentHeight = page.height - page.margins[1] - page.margins[3]

/** Body text size (三号). */
export const bodySize = 16
/** Lines per page (GB/T 9704: 22 lines of 28 characters). */
const linesPerPage = 22
/**
 * No squeezing: pdfmake measures each CJK character as its own segment and
 * ignores characterSpacing there, so 16 pt gives 27 characters a line on
 * the 156 mm measure (GB/T 9704's 28 × 16 pt is 158 mm, set slightly tight).
 */
export const bodyCharacterSpacing = 0
/** Height of one em box line in the Noto fonts (ascent − descent), in em. */
const fontLineEm = 1.437
/** Multiplier on the font's line height that gives 22 lines a page. */
export const bodyLineHeight = contentHeight / linesPerPage / (fontLineEm * bodySize)

/** Table text size (五号). */
export const tableSize = 10.5
/**
 * pdfmake's lineHeight multiplies the font's own line (1.437 em in Noto),
 * and text hangs from the top of that box: 0.87 gives 1.25 em lines, which
 * still hold the ink of CJK glyphs and full-width brackets (0.30–1.24 em
 * below the top). The ink starts 0.3 em down, so the cell pads less above
 * than below to look centred. Tight enough for the 25-row 表三 to fit a page.
 */
export const tableLineHeight = 0.87
export const tablePadding = { x: 2, top: 0.5, bottom: 3 }
export const tableLineWidth = 0.6

/** Two characters of first-line indent. */
export const indent = 2 * (bodySize + bodyCharacterSpacing)

/** The pdfmake styles, by name; font families come from the font set. */
export function styles(fonts: FontSet): StyleDictionary {
  const { families, hasBold } = fonts
  return {
    body: { font: families.body, fontSize: bodySize, lineHeight: bodyLineHeight, characterSpacing: bodyCharacterSpacing },
    title: {
      font: families.title,
      fontSize: 22,
      bold: hasBold.title,
      alignment: 'center',
      lineHeight: 1.15,
      characterSpacing: 0,
      margin: [0, 0, 0, bodySize * 1.2],
    },
    p: { alignment: 'justify', leadingIndent: indent },
    h2: { font: families.heading, leadingIndent: indent },
    // Without a Kai font the second level is set in bold serif to stay distinct.
    h3: { font: families.subheading, bold: !fonts.configured.subheading, leadingIndent: indent },
    h4: { font: families.body, bold: hasBold.body, leadingIndent: indent },
    blockquote: { font: families.subheading, margin: [indent, 0, indent, 0] },
    list: { margin: [indent, 0, 0, 0] },
    signoffAgency: { alignment: 'right', margin: [0, bodySize * 2, indent * 2, 0] },
    signoffDate: { alignment: 'right', margin: [0, 0, indent * 2, 0] },
    caption: { alignment: 'center', bold: hasBold.body, fontSize: 12, lineHeight: 1.2, characterSpacing: 0, margin: [0, 4, 0, 4] },
    table: { fontSize: tableSize, lineHeight: tableLineHeight, characterSpacing: 0, alignment: 'left' },
    th: { alignment: 'center' },
    rowLabel: { alignment: 'left' },
    num: { alignment: 'center' },
    blockHeading: { alignment: 'left', bold: hasBold.body },
    strong: { bold: true },
    pageNumber: { font: families.body, fontSize: 14, alignment: 'center', characterSpacing: 0 },
    // The notice of a draft built with errors (src/render/draft.ts).
    draftMark: { font: families.heading, color: '#c00000', alignment: 'center', margin: [0, 0, 0, bodySize] },
  }
}

/** Page number `— 1 —`, centred 7 mm below the text area. */
export function footer(currentPage: number): Content {
  return { text: `— ${currentPage} —`, style: 'pageNumber', margin: [0, 7 * MM, 0, 0] }
}

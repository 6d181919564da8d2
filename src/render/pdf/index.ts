/**
 * PDF stage: merged report HTML → hast → pdfmake document → PDF bytes.
 * Same input, same bytes: dates come from the report, the document ID from
 * the content, and nothing reads the clock.
 */
import { createHash } from 'node:crypto'
import { dirname } from 'node:path'
import { readMergedHtml, reportOutsideSubset } from '../html-tree.js'
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import { isDraft } from '../draft.js'
import { findConfigFile, isConfigProblem, readPdfConfig } from './config.js'
import { FontFileError, fontSet, pdfmake, type FontConfig, type FontSet } from './fonts.js'
import { hastToPdf } from './from-hast.js'
import { installPdfPatches } from './patches.js'
import { createPdfKeepingRows } from './unbreakable-guard.js'
import { footer, page, styles } from './styles.js'
import { documentDate } from '../document-date.js'
import type { ReportMeta } from '../../source/report.js'

export { documentDate }


interface NodeInfo {
  headlineLevel?: number
  style?: unknown
  stack?: boolean
}

interface PageNodes {
  getFollowingNodesOnPage(): NodeInfo[]
  getPreviousNodesOnPage(): NodeInfo[]
  getNodesOnNextPage(): NodeInfo[]
}

/** Text, a table: not a heading, the page number or a container of other nodes. */
const isContent = (n: NodeInfo) => n.headlineLevel !== 1 && n.style !== 'pageNumber' && !n.stack

/**
 * A heading never ends a page: it moves down with what it introduces. Only
 * where that helps: not when the page holds nothing but headings before it
 * (a run of headings longer than a page would move on page after page, each
 * move a new layout of the whole document), nor when no text follows.
 */
export function keepHeadingsWithText(node: NodeInfo, nodes: PageNodes): boolean {
  if (node.headlineLevel !== 1) return false
  if (nodes.getFollowingNodesOnPage().some(isContent)) return false
  return nodes.getPreviousNodesOnPage().some(isContent) && nodes.getNodesOnNextPage().some(isContent)
}

/**
 * At most this many headings move per document. pdfmake lays the whole
 * document out again after every move, so a body of a thousand short
 * sections (each heading landing at a page foot) took minutes; a real
 * report needs two or three moves.
 */
export const MAX_HEADING_MOVES = 8

/** `keepHeadingsWithText` for one document, moving at most `MAX_HEADING_MOVES` headings; `onLimit` once when more would move. */
export function headingKeeper(onLimit: () => void): (node: NodeInfo, nodes: PageNodes) => boolean {
  let moves = 0
  return (node, nodes) => {
    if (!keepHeadingsWithText(node, nodes)) return false
    // Counted one past the limit, so that `onLimit` is called once.
    if (moves === MAX_HEADING_MOVES) onLimit()
    return ++moves <= MAX_HEADING_MOVES
  }
}

export interface RenderPdfOptions {
  /**
   * Font files by role, relative to `fontsBaseDir`. Default: `pdf.fonts`
   * of the `nianbao.config.*` found above the report, else Noto Serif SC /
   * Noto Sans SC.
   */
  fonts?: FontConfig
  fontsBaseDir?: string
  /** Creation and modification date. Default: `published`, else SOURCE_DATE_EPOCH, else 2000-01-01. */
  date?: Date
  /**
   * Archival PDF/A-2b (`--pdf-a`). Default: `pdf.pdfA` of the config found
   * above the report, else off.
   */
  pdfA?: boolean
  /** The report's agency, year and dates. Default: `file.data.report.meta` (a PDF thread has only these). */
  meta?: ReportMeta
}

/** Replace what pdfkit writes unescaped into the XMP packet (library-notes §1.7). */
function xmpSafe(text: string): string {
  return text.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞').replace(/[\u0000-\u001f]/g, ' ')
}

interface Resolved {
  fonts: FontSet
  pdfA: boolean
}

/** Fonts and PDF/A setting: from the options, else the config above the report, else the defaults. */
async function resolveSettings(file: VFile, options: RenderPdfOptions): Promise<Resolved | undefined> {
  let config: FontConfig | undefined = options.fonts
  let pdfA = options.pdfA
  let baseDir = options.fontsBaseDir ?? process.cwd()
  let configName = 'RenderPdfOptions.fonts'
  if ((!config || pdfA === undefined) && file.path) {
    const path = await findConfigFile(file.path)
    if (path) {
      const read = await readPdfConfig(path)
      if (isConfigProblem(read)) {
        emit(file, 'pdf-config-valid', { config: read.path, reason: read.reason }, undefined)
        return undefined
      }
      pdfA ??= read.pdfA
      if (!config) {
        config = read.fonts
        baseDir = dirname(path)
        configName = path
      }
    }
  }
  try {
    return { fonts: fontSet(config, baseDir), pdfA: pdfA ?? false }
  } catch (error) {
    if (!(error instanceof FontFileError)) throw error
    const reasonEn = error.reason === '文件不存在' ? 'no such file' : error.reason
    emit(file, 'pdf-font-file', { path: error.path, role: error.role, reason: error.reason, reasonEn, config: configName }, undefined)
    return undefined
  }
}

/**
 * Render merged report HTML to PDF bytes. Returns `undefined` when the PDF
 * cannot be made (fonts, configuration); the reason is a message on `file`.
 */
export async function renderPdf(html: string, file: VFile, options: RenderPdfOptions = {}): Promise<Uint8Array | undefined> {
  const settings = await resolveSettings(file, options)
  if (!settings) return undefined
  const { fonts, pdfA } = settings
  const parsed = readMergedHtml(html, file)
  if (!parsed) return undefined
  const { tree } = parsed
  // One reporter for both mappings below: each tag is said once.
  const unsupported = reportOutsideSubset(file, parsed)
  const mapping = (keepWhole: boolean) =>
    hastToPdf(tree, {
      unsupported,
      ...(fonts.configured.subheading ? { emphasisFont: fonts.families.subheading } : {}),
      // Said once: the second mapping (below) meets the same tables.
      ...(keepWhole ? { oversized: (table: string | undefined, groups: number) => emit(file, 'pdf-table-fits-page', { table: table ?? '', groups }, undefined) } : {}),
      keepWhole,
    })
  const mapped = mapping(true)
  const meta = options.meta ?? file.data.report?.meta
  const agency = meta?.agency ?? mapped.agency ?? ''
  const year = meta?.year
  const date = options.date ?? documentDate(meta?.published)
  const subject = year ? `${year}年政府信息公开工作年度报告` : '政府信息公开工作年度报告'
  const info: Record<string, unknown> = {
    title: xmpSafe(mapped.title),
    author: xmpSafe(agency),
    subject: xmpSafe(subject),
    keywords: xmpSafe(['政府信息公开', '年度报告', agency, year ? String(year) : ''].filter(Boolean).join(', ')),
    creator: 'nianbao',
    producer: 'nianbao (pdfmake)',
    creationDate: date,
    // pdfkit writes no xmp:ModifyDate, and PDF/A wants every Info date in the XMP too.
    ...(pdfA ? {} : { modDate: date }),
    // pdfkit derives the file ID from the info entries; this ties it to the content.
    NianbaoDigest: createHash('sha256').update(html).digest('hex').slice(0, 32),
  }
  const pdfStyles = styles(fonts)
  let movesSaid = false
  const definition = (content: unknown) => ({
    pageSize: 'A4',
    pageMargins: page.margins,
    version: '1.7',
    // PDF/A-2b (library-notes §1.7): pdfkit adds the XMP identification and an sRGB
    // output intent; fonts are always embedded, metadata XML-safe, nothing encrypted.
    ...(pdfA ? { subset: 'PDF/A-2b' } : {}),
    language: 'zh-CN',
    displayTitle: true,
    info,
    content,
    defaultStyle: pdfStyles.body,
    styles: pdfStyles,
    footer: (currentPage: number) => footer(currentPage),
    // A draft page (built with errors) says so on every page of the PDF too.
    ...(isDraft(html) ? { watermark: { text: '草稿', font: fonts.families.body, color: '#c00000', opacity: 0.12 } } : {}),
    pageBreakBefore: headingKeeper(() => {
      if (!movesSaid) emit(file, 'pdf-heading-moves', { moves: MAX_HEADING_MOVES }, undefined)
      movesSaid = true
    }),
  })
  installPdfPatches()
  try {
    const pm = pdfmake()
    pm.setFonts(fonts.dictionary)
    // A table part estimated to fit a page that does not is laid out again free to break, and said.
    const buffer = await createPdfKeepingRows(
      pm,
      (keepWhole) => definition((keepWhole ? mapped : mapping(false)).content),
      (tables) => {
        for (const [table, groups] of tables) emit(file, 'pdf-table-fits-page', { table, groups }, undefined)
      },
    )
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  } catch (error) {
    emit(file, 'pdf-render', { reason: error instanceof Error ? error.message : String(error) }, undefined)
    return undefined
  }
}

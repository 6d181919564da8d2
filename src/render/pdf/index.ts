/**
 * PDF stage: merged report HTML → hast → pdfmake document → PDF bytes.
 * Same input, same bytes: dates come from the report, the document ID from
 * the content, and nothing reads the clock.
 */
import { createHash } from 'node:crypto'
import { dirname } from 'node:path'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import type { VFile } from 'vfile'
import type { Root } from 'hast'
import { defineDiagnostics } from '../../diagnostics/catalog.js'
import { emit } from '../../diagnostics/emit.js'
import { findConfigFile, isConfigProblem, readPdfConfig } from './config.js'
import { FontFileError, fontSet, pdfmake, type FontConfig, type FontSet } from './fonts.js'
import { hastToPdf } from './from-hast.js'
import { installKinsoku } from './kinsoku.js'
import { footer, page, styles } from './styles.js'

defineDiagnostics([
  {
    ruleId: 'pdf-html-subset',
    source: 'pdf',
    severity: 'warning',
    title: 'PDF 只排版文档规定的 HTML 子集',
    zh: (p) => `PDF 不支持 HTML 元素 <${p.tag}>，已按普通文字排版；请在模板中改用 docs/html-subset.md 列出的元素`,
    en: (p) => `The PDF does not support the HTML element <${p.tag}>; its text was set as plain text. Use the elements listed in docs/html-subset.md`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-font-file',
    source: 'pdf',
    severity: 'error',
    title: '配置的字体文件存在且可用',
    zh: (p) => `字体文件 ${p.path}（pdf.fonts.${p.role}）无法使用：${p.reason}；请检查 ${p.config} 中的路径`,
    en: (p) => `Font file ${p.path} (pdf.fonts.${p.role}) cannot be used: ${p.reasonEn}; check the path in ${p.config}`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-config-valid',
    source: 'pdf',
    severity: 'error',
    title: 'nianbao.config 配置正确',
    zh: (p) => `配置文件 ${p.config} 有误：${p.reason}`,
    en: (p) => `The configuration file ${p.config} is invalid: ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-table-fits-page',
    source: 'pdf',
    severity: 'warning',
    title: '表格的合并单元格组不超过一页',
    zh: (p) => `表格 ${p.table} 有 ${p.groups} 组合并单元格高于一页，跨页处可能被截断；请缩短行标题文字`,
    en: (p) => `Table ${p.table} has ${p.groups} merged row group(s) taller than a page, which may be cut at a page break; shorten the row labels`,
    fixtures: false,
  },
  {
    ruleId: 'pdf-render',
    source: 'pdf',
    severity: 'error',
    title: 'PDF 排版成功',
    zh: (p) => `PDF 排版失败：${p.reason}`,
    en: (p) => `PDF layout failed: ${p.reason}`,
    fixtures: false,
  },
])

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
}

const parser = unified().use(rehypeParse)

/** Replace what pdfkit writes unescaped into the XMP packet (library-notes §1.7). */
function xmpSafe(text: string): string {
  return text.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞').replace(/[\u0000-\u001f]/g, ' ')
}

const FIXED_EPOCH = Date.UTC(2000, 0, 1)

/** The document date: the report's `published` day, else SOURCE_DATE_EPOCH, else a fixed epoch. */
export function documentDate(published: string | undefined): Date {
  if (published && /^\d{4}-\d{2}-\d{2}$/.test(published)) {
    const date = new Date(`${published}T00:00:00Z`)
    if (!Number.isNaN(date.getTime())) return date
  }
  const epoch = process.env.SOURCE_DATE_EPOCH
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return new Date(FIXED_EPOCH)
}

async function resolveFonts(file: VFile, options: RenderPdfOptions): Promise<FontSet | undefined> {
  let config: FontConfig | undefined = options.fonts
  let baseDir = options.fontsBaseDir ?? process.cwd()
  let configName = 'RenderPdfOptions.fonts'
  if (!config && file.path) {
    const path = await findConfigFile(file.path)
    if (path) {
      const read = await readPdfConfig(path)
      if (isConfigProblem(read)) {
        emit(file, 'pdf-config-valid', { config: read.path, reason: read.reason }, undefined)
        return undefined
      }
      config = read.fonts
      baseDir = dirname(path)
      configName = path
    }
  }
  try {
    return fontSet(config, baseDir)
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
  const fonts = await resolveFonts(file, options)
  if (!fonts) return undefined
  const tree = parser.parse(html) as Root
  const seen = new Set<string>()
  const mapped = hastToPdf(tree, {
    unsupported: (tag, node) => {
      if (seen.has(tag)) return
      seen.add(tag)
      const line = node.position?.start.line
      emit(file, 'pdf-html-subset', { tag }, undefined, line ? { note: `HTML 第 ${line} 行` } : {})
    },
    ...(fonts.configured.subheading ? { emphasisFont: fonts.families.subheading } : {}),
    oversized: (table, groups) => emit(file, 'pdf-table-fits-page', { table: table ?? '', groups }, undefined),
  })
  const meta = file.data.report?.meta
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
    modDate: date,
    // pdfkit derives the file ID from the info entries; this ties it to the content.
    NianbaoDigest: createHash('sha256').update(html).digest('hex').slice(0, 32),
  }
  const pdfStyles = styles(fonts)
  const docDefinition = {
    pageSize: 'A4',
    pageMargins: page.margins,
    version: '1.7',
    language: 'zh-CN',
    displayTitle: true,
    info,
    content: mapped.content,
    defaultStyle: pdfStyles.body,
    styles: pdfStyles,
    footer: (currentPage: number) => footer(currentPage),
    // A heading never ends a page: it moves down with what it introduces.
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage(): { headlineLevel?: number }[] }) =>
      node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().every((n) => n.headlineLevel === 1),
  }
  installKinsoku()
  try {
    const pm = pdfmake()
    pm.setFonts(fonts.dictionary)
    const buffer = await pm.createPdf(docDefinition).getBuffer()
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  } catch (error) {
    emit(file, 'pdf-render', { reason: error instanceof Error ? error.message : String(error) }, undefined)
    return undefined
  }
}

/**
 * A read document → what the report says: format (from the table layout),
 * meta (title, sign-off), every table cell with its certainty, and the
 * narrative sections.
 */
import { formatForYear, formats, getFormat } from '../formats/index.js'
import type { FormatDefinition, SectionDef } from '../formats/types.js'
import type { Block, SourceDocument } from './blocks.js'
import { findHeadings, findPageMeta, findSignOff, findTitle, guessYear, splitAtHeadings, splitSignOff, splitTitle, type HeadingAt } from './layout.js'
import { findAnchor, findRegions, isProse, type Region } from './regions.js'
import { readTable, type TableResult } from './tables.js'
import { dropFurniture } from './furniture.js'
import { fold } from './normalize.js'
import { lineBlock } from './read-text.js'
import { PAGE_NUMBER, tokenize, type Token } from './tokens.js'

export interface ImportOptions {
  /** 机关名称, when the title does not give it (or gives it wrongly). */
  agency?: string
  year?: number
  /** Force a format instead of detecting it from the tables. */
  format?: string
}

export interface MetaResult {
  agency?: string
  year?: number
  published?: string
  /** 索引号 from the page metadata. */
  indexNo?: string
  /** Meta key → why it needs checking. */
  doubts: Map<string, string>
}

export interface BodySection {
  /** The official section; `undefined` for the preamble. */
  def?: SectionDef
  /** Heading as written, or the official one when the source had none. */
  heading?: string
  paragraphs: string[]
}

export interface Recognized {
  format: FormatDefinition
  /** Why this format: the layout evidence, for the report. */
  formatNote?: string
  meta: MetaResult
  tables: TableResult[]
  body: BodySection[]
  /** Things the reader should know that are not a single cell. */
  notes: string[]
}

const SENTENCE_END = /[。！？!?；;：:…”」』）)】]$/
const STARTS_NUMBERED = /^[\s\u3000]*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|第[一二三四五六七八九十]+)/

/** The width text was wrapped at, if it was: most long lines are about this long. */
function wrapWidth(blocks: Block[]): number {
  const lengths = blocks
    .filter((b): b is Extract<Block, { type: 'line' }> => b.type === 'line' && b.cells.length === 1 && b.text.length >= 10)
    .map((b) => b.text.length)
    .sort((a, b) => a - b)
  return lengths[Math.floor(lengths.length * 0.9)] ?? 0
}

function lineTexts(blocks: Block[], width: number): string[] {
  const out: string[] = []
  // Lines hard-wrapped inside a paragraph (plain text taken from a PDF) are joined back:
  // a line about as long as the wrap width that does not end a sentence goes on.
  let open = false
  for (const block of blocks) {
    if (block.type === 'line') {
      const text = block.text.replace(/\t+/g, ' ')
      if (text !== '' && PAGE_NUMBER.test(text)) continue
      if (text === '') {
        open = false
        continue
      }
      if (open && !STARTS_NUMBERED.test(text)) out[out.length - 1] += text
      else out.push(text)
      open = width > 0 && text.length >= Math.max(12, width * 0.85) && !SENTENCE_END.test(text)
    } else {
      open = false
      for (const row of block.rows) out.push(row.map((c) => c.text).filter(Boolean).join(' '))
    }
  }
  return out
}

function tableTokens(blocks: Block[], region: Region | undefined): Token[] | undefined {
  if (!region) return undefined
  const content = blocks.slice(region.start, region.end)
  // A table that starts on the heading's own line.
  const rest = region.heading?.rest
  if (rest && !isProse(lineBlock(rest, 0))) content.unshift(lineBlock(rest, region.heading!.index + 1))
  return tokenize(content.filter((b) => !isProse(b)))
}

export function recognize(doc: SourceDocument, options: ImportOptions = {}): Recognized {
  const all = splitSignOff(splitAtHeadings(formats[0]!, splitTitle(doc.blocks)))
  // The page's 索引号 and 发布日期 first, then the page furniture goes.
  const page = findPageMeta(all, findHeadings(formats[0]!, all)[0]?.index ?? all.length)
  const blocks = dropFurniture(all)
  const notes: string[] = []
  const headings: HeadingAt[] = findHeadings(formats[0]!, blocks)
  const firstHeading = headings[0]?.index ?? blocks.length
  const lastHeading = headings.at(-1)?.index ?? 0
  const title = findTitle(blocks, firstHeading)
  const signOff = findSignOff(blocks, lastHeading)

  const doubts = new Map<string, string>()
  const agency = options.agency ?? title?.agency ?? signOff?.agency
  if (!agency) doubts.set('agency', '原文标题和落款中都没有机关名称，请填写（或用 --agency 指定）')
  else if (!options.agency && !title?.agency) doubts.set('agency', '机关名称取自落款，请核对')
  let year = options.year ?? title?.year
  if (year === undefined) {
    year = guessYear(blocks)
    doubts.set('year', year ? `原文标题中没有年度，按正文中最常出现的年份推断为 ${year}，请核对` : '原文中找不到报告年度，请填写（或用 --year 指定）')
  }
  const meta: MetaResult = {
    ...(agency ? { agency } : {}),
    ...(year ? { year } : {}),
    ...(signOff ? { published: signOff.date } : page.published ? { published: page.published } : {}),
    ...(page.indexNo ? { indexNo: page.indexNo } : {}),
    doubts,
  }

  // Regions and tables per candidate format; the format whose vocabulary fits best wins.
  const forced = options.format ? getFormat(options.format) : undefined
  const candidates = forced ? [forced] : formats
  let best:
    | { format: FormatDefinition; tables: TableResult[]; regions: Region[]; score: number; moves: string[]; moved: [number, number][] }
    | undefined
  const fallback = year ? formatForYear(year) : formats[0]!
  for (const format of candidates) {
    const regions = findRegions(format, blocks, headings)
    const moves: string[] = []
    const moved: [number, number][] = []
    const tables = format.tables.map((table) => {
      const region = regions.find((r) => r.def.number === table.section)
      const read = readTable(format, table, tableTokens(blocks, region))
      if (read.found) return read
      // The table printed under another heading: look for its own anchor anywhere.
      const at = findAnchor(table, blocks, (i) => headings.some((h) => h.index === i))
      if (at === undefined || (region && at >= region.start && at < region.end)) return read
      const end = headings.find((h) => h.index > at)?.index ?? blocks.length
      const elsewhere = readTable(format, table, tableTokens(blocks, { def: region?.def ?? format.sections[table.section - 1]!, start: at, end }))
      const def = format.sections[table.section - 1]!
      if (elsewhere.found) {
        // Up to the table's last value; what follows is the section's own text again.
        const last = Math.max(...elsewhere.rows.map((r) => r.end ?? 0))
        let stop = at
        while (stop < end && blocks[stop]!.at <= last) stop++
        moved.push([at, stop])
      }
      if (elsewhere.found) moves.push(`${table.name}不在「${def.numeral}、${def.title}」标题下，而在原文第 ${blocks[at]!.at} 行附近，已从那里读取，请核对`)
      return elsewhere.found ? elsewhere : read
    })
    const score = tables.reduce((n, t) => n + t.score, 0)
    if (!best || score > best.score || (score === best.score && format === fallback)) best = { format, tables, regions, score, moves, moved }
  }
  const { format, tables, regions, moves, moved } = best!
  notes.push(...moves)
  let formatNote: string | undefined
  if (!forced && year && format !== formatForYear(year)) {
    formatNote = `原表为 ${format.id} 版式（${format.document}），按表格内容识别；报告年度 ${year} 应使用 ${formatForYear(year).id}`
  }

  for (const table of tables) {
    if (!table.found) notes.push(`原文未找到${table.def.name}（${table.def.caption}），各格写作 ~`)
    for (const stray of table.strays) notes.push(`${table.def.name}中有无法对应到任何一行的数字：${stray}`)
  }

  // Body: the preamble, then every region in document order.
  const skip = new Set([...(title?.indices ?? []), ...(signOff?.indices ?? [])])
  // The title printed twice (the page's heading and the document's own).
  if (title) {
    const again = (b: Block) => b.type === 'line' && b.text.replace(/\s+/g, '') !== '' && fold(b.text).replace(/\s+/g, '') === title.text
    blocks.forEach((b, i) => i < firstHeading && again(b) && skip.add(i))
  }
  for (let i = 0; i < (title?.before ?? 0); i++) skip.add(i)
  // A signature without a date: the agency's name alone on the last line.
  const lastLine = blocks.findLastIndex((b) => b.type === 'line' && b.text !== '' && !PAGE_NUMBER.test(b.text))
  const lastBlock = blocks[lastLine]
  if (!signOff && agency && lastBlock?.type === 'line' && lastBlock.text.trim() === agency) skip.add(lastLine)
  // A table read from under another heading is not that section's text.
  for (const [start, end] of moved) for (let i = start; i < end; i++) if (!isProse(blocks[i]!)) skip.add(i)
  const keep = (from: number, to: number) => blocks.slice(from, to).filter((_, i) => !skip.has(from + i))
  const firstStart = Math.min(firstHeading, ...regions.map((r) => r.start))
  // HTML and Word paragraphs are paragraphs already.
  const width = doc.kind === 'text' ? wrapWidth(blocks) : 0
  const body: BodySection[] = [{ paragraphs: lineTexts(keep(0, firstStart), width) }]
  for (const region of regions) {
    const isTable = format.tables.some((t) => t.section === region.def.number)
    const content = keep(region.start, region.end)
    const paragraphs = lineTexts(isTable ? content.filter(isProse) : content, width)
    const rest = region.heading?.rest
    if (rest && !(isTable && !isProse(lineBlock(rest, 0)))) paragraphs.unshift(rest)
    body.push({ def: region.def, heading: region.heading?.text ?? `${region.def.numeral}、${region.def.title}`, paragraphs })
  }
  for (const def of format.sections) {
    if (!regions.some((r) => r.def.number === def.number)) notes.push(`原文未找到「${def.numeral}、${def.title}」一节`)
  }
  if (formatNote) notes.unshift(formatNote)
  return { format, ...(formatNote ? { formatNote } : {}), meta, tables, body, notes }
}

/**
 * Where things are in the document: the title (agency and year), the six
 * section headings (by official title or alias, numeral optional), and the
 * sign-off (agency and date) at the end.
 */
import type { FormatDefinition, SectionDef } from '../formats/types.js'
import { normalizeTitle, splitHeading } from '../source/sections.js'
import type { Block, LineBlock } from './blocks.js'
import { fold } from './normalize.js'
import { PAGE_NUMBER } from './tokens.js'

export interface HeadingAt {
  index: number
  def: SectionDef
  /** The heading as written (trimmed). */
  text: string
  /** Text after the heading on the same line (`一、总体情况。2024年…`). */
  rest?: string
}

export interface TitleInfo {
  /** Index of the first title line; lines above it are site navigation. */
  before: number
  indices: number[]
  agency?: string
  year?: number
  text: string
}

export interface SignOff {
  indices: number[]
  date: string
  agency?: string
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 2024 or 二〇二四 → 2024. */
function yearNumber(text: string): number | undefined {
  if (/^\d{4}$/.test(text)) return Number(text)
  if ([...text].length === 4 && [...text].every((c) => c in CN_DIGITS)) return Number([...text].map((c) => CN_DIGITS[c]).join(''))
  return undefined
}

/** 12 or 十二 or 二十一 → number. */
function smallNumber(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text)
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(text)
  if (!m || text === '') return undefined
  if (!m[2]) return m[1] ? undefined : m[3] ? CN_DIGITS[m[3]] : undefined
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[3] ? CN_DIGITS[m[3]]! : 0)
}

const YEAR = '(\\d{4}|[〇零一二三四五六七八九]{4})'

/** `2025年2月10日` (digits or Chinese numerals) → `2025-02-10`. */
export function parseDate(text: string): string | undefined {
  const t = fold(text).replace(/\s+/g, '')
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t)
  if (iso) return parseDate(`${iso[1]}年${iso[2]}月${iso[3]}日`)
  const m = new RegExp(`^${YEAR}年([\\d一二三四五六七八九十]{1,3})月([\\d一二三四五六七八九十]{1,3})日$`).exec(t)
  if (!m) return undefined
  const year = yearNumber(m[1]!)
  const month = smallNumber(m[2]!)
  const day = smallNumber(m[3]!)
  if (!year || !month || !day || month > 12 || day > 31) return undefined
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function candidates(def: SectionDef): string[] {
  return [def.title, ...def.aliases].map(normalizeTitle)
}

/** The official section a line is the heading of, if it is one. */
export function headingOf(format: FormatDefinition, raw: string): { def: SectionDef; rest?: string } | undefined {
  const text = fold(raw).trim()
  if (text === '') return undefined
  const { numeral, title } = splitHeading(text)
  const wanted = normalizeTitle(title)
  for (const def of format.sections) {
    if (text.length > 60) break
    // A wrong numeral (`五、其他需要报告的事项`) still names the section; the validator reports it.
    if (candidates(def).includes(wanted)) return { def }
  }
  if (!numeral) return undefined
  // `二、主动公开政府信息` or `一、总体情况概述`: numeral and most of the title.
  const near = format.sections.find(
    (def) => def.numeral === numeral && wanted.length >= 4 && candidates(def).some((c) => c.includes(wanted) || wanted.includes(c)),
  )
  if (near && text.length <= 40 && !/[。；]/.test(text)) return { def: near }
  // The line may go on with the section's text or table (`二、主动公开政府信息情况 第二十条…`).
  // `一、总体情况。2024年……`: heading and text on one line.
  for (const def of format.sections) {
    if (def.numeral !== numeral) continue
    for (let k = 2; k < Math.min(title.length, 60); k++) {
      if (!/[。：:，,．. ]/.test(title[k]!)) continue
      if (candidates(def).includes(normalizeTitle(title.slice(0, k)))) {
        const rest = title.slice(k + 1).trim()
        return rest ? { def, rest } : { def }
      }
    }
  }
  return undefined
}

/** Section headings in document order; a section matched twice keeps its first heading. */
export function findHeadings(format: FormatDefinition, blocks: Block[]): HeadingAt[] {
  const found: HeadingAt[] = []
  const seen = new Set<number>()
  blocks.forEach((block, index) => {
    if (block.type !== 'line' || block.cells.filter((c) => c.trim() !== '').length > 1) return
    const match = headingOf(format, block.text)
    if (!match || seen.has(match.def.number)) return
    seen.add(match.def.number)
    // The rest as written (headingOf compares folded text; folding keeps the length of these characters).
    const rest = match.rest ? block.text.trim().slice(block.text.trim().length - match.rest.length) : undefined
    const text = rest ? block.text.trim().slice(0, block.text.trim().length - rest.length).trim() : block.text.trim()
    found.push({ index, def: match.def, text: text.replace(/[，,。．.:：\s]+$/, ''), ...(rest ? { rest } : {}) })
  })
  return found
}

const TITLE = new RegExp(`^(.*?)(?:关于)?${YEAR}年度?(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)`)
/** `2023年XX局政府信息公开工作年度报告`: the year first. */
const TITLE_YEAR_FIRST = new RegExp(`^()${YEAR}年度?(.+?)(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)`)

/** `XX局政府信息公开工作年度报告（2023年度）`: the year last. */
const TITLE_YEAR_LAST = new RegExp(`^(.+?)(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)[(（]${YEAR}年度?[)）]`)

/**
 * A title that starts a longer line (a page flattened onto one line): the
 * title as its own block, then the rest.
 */
export function splitTitle(blocks: Block[]): Block[] {
  const first = blocks.findIndex((b) => b.type === 'line' && b.text.trim() !== '')
  const block = blocks[first]
  if (!block || block.type !== 'line' || block.cells.length > 1 || block.text.length <= 60) return blocks
  const text = block.text
  const folded = fold(text)
  for (const pattern of [TITLE, TITLE_YEAR_FIRST, TITLE_YEAR_LAST]) {
    const m = pattern.exec(folded)
    if (!m || m[0].length > 80 || m[0].length >= text.length) continue
    // Fold keeps lengths for CJK text; cut the original at the same place.
    const title = text.slice(0, m[0].length).trim()
    const rest = text.slice(m[0].length).trim()
    if (!rest) return blocks
    return [...blocks.slice(0, first), { ...block, text: title, cells: [title] }, { ...block, text: rest, cells: [rest] }, ...blocks.slice(first + 1)]
  }
  return blocks
}

/** A sign-off run onto the end of the last paragraph (`…信息处理费。 某某局 2024年1月26日`): its own lines. */
export function splitSignOff(blocks: Block[]): Block[] {
  const last = blocks.findLastIndex((b) => b.type === 'line' && b.text.trim() !== '' && !PAGE_NUMBER.test(b.text))
  const block = blocks[last]
  if (!block || block.type !== 'line' || block.cells.length > 1 || block.text.length <= 40) return blocks
  const m = /^(.*[。！；;!])[\s\u3000]*([^。；;，,\s]{2,40})[\s\u3000]+(\S{4}年\S{1,3}月\S{1,3}日)$/.exec(block.text.trim())
  if (!m || !parseDate(m[3]!)) return blocks
  const pieces = [m[1]!, m[2]!, m[3]!].map((text) => ({ ...block, text, cells: [text] }))
  return [...blocks.slice(0, last), ...pieces, ...blocks.slice(last + 1)]
}

function titleMatch(text: string): { agency: string; year: string } | undefined {
  const m = TITLE.exec(text)
  if (m) return { agency: m[1]!, year: m[2]! }
  const y = TITLE_YEAR_FIRST.exec(text)
  if (y) return { agency: y[3]!, year: y[2]! }
  const l = TITLE_YEAR_LAST.exec(text)
  if (l) return { agency: l[1]!, year: l[2]! }
  return undefined
}

/** The title among the first lines before the first heading: agency and year. */
export function findTitle(blocks: Block[], end: number): TitleInfo | undefined {
  const lines: { index: number; block: LineBlock }[] = []
  for (let i = 0; i < end && lines.length < 4; i++) {
    const block = blocks[i]!
    if (block.type !== 'line') break
    if (block.text === '') continue
    if (/[。；]/.test(block.text) || block.text.length > 60) break
    lines.push({ index: i, block })
  }
  // Shortest window first, so a breadcrumb line above the title is not taken into the agency name.
  for (let n = 1; n <= lines.length; n++) {
    for (let s = 0; s + n <= lines.length; s++) {
    let joined = fold(lines.slice(s, s + n).map((l) => l.block.text).join('')).replace(/\s+/g, '')
    let match = titleMatch(joined)
    if (match && match.agency === '' && s > 0) {
      // `济宁市兖州区卫生健康局` on the line above `2024年政府信息公开工作年度报告`.
      const wider = fold(lines.slice(s - 1, s + n).map((l) => l.block.text).join('')).replace(/\s+/g, '')
      const widerMatch = titleMatch(wider)
      if (widerMatch && widerMatch.agency !== '') {
        s -= 1
        n += 1
        joined = wider
        match = widerMatch
      }
    }
    if (match) {
      const agency = match.agency.replace(/^[\s　]+|[\s　:：]+$/g, '')
      const year = yearNumber(match.year)
      return {
        before: lines[s]!.index,
        indices: lines.slice(s, s + n).map((l) => l.index),
        text: joined,
        ...(agency ? { agency } : {}),
        ...(year ? { year } : {}),
      }
    }
    }
  }
  return undefined
}

/** A date line at the very end (with the signing agency just before it). */
export function findSignOff(blocks: Block[], after: number): SignOff | undefined {
  const tail: number[] = []
  for (let i = blocks.length - 1; i > after && tail.length < 3; i--) {
    const block = blocks[i]!
    if (block.type !== 'line') break
    if (block.text === '' || PAGE_NUMBER.test(block.text)) continue
    tail.push(i)
  }
  const [last, before] = tail
  if (last === undefined) return undefined
  const lastText = (blocks[last] as LineBlock).text
  const date = parseDate(lastText)
  if (!date) {
    // `某某局  2025年2月10日` on one line.
    const both = /^(\S.{1,38}?)[\s\u3000]+(\S+年\S+月\S+日)$/.exec(lastText.trim())
    const oneLine = both ? parseDate(both[2]!) : undefined
    if (both && oneLine && !/[。，,；;：:]/.test(both[1]!)) return { indices: [last], date: oneLine, agency: both[1]!.trim() }
    return undefined
  }
  const signer = before !== undefined ? (blocks[before] as LineBlock).text : ''
  if (signer && signer.length <= 40 && !/[。，,；;：:]/.test(signer) && !/^[（(]?[一二三四五六七八九十\d]/.test(signer)) {
    return { indices: [before!, last], date, agency: signer.trim() }
  }
  return { indices: [last], date }
}

/** The report year most often named in the text, when there is no title. */
export function guessYear(blocks: Block[]): number | undefined {
  const counts = new Map<number, number>()
  for (const block of blocks) {
    if (block.type !== 'line') continue
    for (const m of fold(block.text).matchAll(/(\d{4})\s*年/g)) {
      const y = Number(m[1])
      if (y >= 2008 && y <= 2100) counts.set(y, (counts.get(y) ?? 0) + 1)
    }
  }
  let best: number | undefined
  let most = 0
  for (const [year, n] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (n > most) {
      best = year
      most = n
    }
  }
  return best
}

/**
 * Lines that run several sections together (a page flattened onto a few
 * lines): break them before each `numeral、official title` inside them.
 */
export function splitAtHeadings(format: FormatDefinition, blocks: Block[]): Block[] {
  const heads = format.sections.flatMap((def) => [def.title, ...def.aliases].map((t) => `${def.numeral}、${t}`))
  const out: Block[] = []
  for (const block of blocks) {
    if (block.type !== 'line' || block.cells.length > 1 || block.text.length <= 60) {
      out.push(block)
      continue
    }
    const text = fold(block.text)
    const cuts = new Set<number>()
    // Paragraphs of a flattened page are joined by a space after the sentence end.
    for (const m of text.matchAll(/[。！？!?][\s\u3000]+(?=\S)/g)) cuts.add(m.index + m[0].length)
    for (const head of heads) {
      let at = text.indexOf(fold(head), 1)
      while (at > 0) {
        if (/[\s。；;：:！!？?）)]/.test(text[at - 1]!)) cuts.add(at)
        at = text.indexOf(fold(head), at + 1)
      }
    }
    if (cuts.size === 0) {
      out.push(block)
      continue
    }
    const points = [0, ...[...cuts].sort((a, b) => a - b), block.text.length]
    for (let i = 0; i + 1 < points.length; i++) {
      const piece = block.text.slice(points[i], points[i + 1]).trim()
      if (piece) out.push({ type: 'line', text: piece, cells: [piece], at: block.at })
    }
  }
  return out
}

/** Page metadata above the report (`索引号：…`, `发布日期：2024-01-20`), as on government portals. */
export function findPageMeta(blocks: Block[], end: number): { indexNo?: string; published?: string } {
  const out: { indexNo?: string; published?: string } = {}
  for (const block of blocks.slice(0, end)) {
    const texts = block.type === 'line' ? [block.text] : block.rows.map((row) => row.map((c) => c.text).join(' '))
    for (const raw of texts) {
      const text = fold(raw)
      const index = /索引号\s*[:：]\s*([A-Za-z0-9][A-Za-z0-9/\-_.]*)/.exec(text)
      if (index && !out.indexNo) out.indexNo = index[1]!
      const date = /(?:发布|成文|公开)日期\s*[:：]\s*(\d{4}\s*(?:年|-|\/|\.)\s*\d{1,2}\s*(?:月|-|\/|\.)\s*\d{1,2}\s*日?)/.exec(text)
      const parsed = date ? parseDate(date[1]!) : undefined
      if (parsed && !out.published) out.published = parsed
    }
  }
  return out
}

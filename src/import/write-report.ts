/**
 * The recognised report as a nianbao source file: front matter in the
 * layout of content/*.md (one flow list/map per row, official order, the
 * Chinese label as a comment, `# 待核对: …` where a cell is uncertain) and
 * the narrative as Markdown. Also returns the import report: every cell to
 * check, with its line in the written file.
 */
import { stringify } from '../vendor/yaml.js'
import type { BlockDef, ColumnDef, RowDef, TableDef } from '../formats/types.js'
import { splitHeading } from '../source/sections.js'
import type { CellResult } from './resolve.js'
import type { BodySection, Recognized } from './recognize.js'
import type { RowResult } from './tables.js'

export interface CheckItem {
  /** 1-based line in the written file. */
  line: number
  /** YAML path, e.g. `requests.received`. */
  path: string
  /** Official label of the row or meta field. */
  label: string
  /** Column labels of the cells concerned (empty for a whole row or a meta field). */
  columns: string[]
  reason: string
}

export interface WrittenReport {
  text: string
  checks: CheckItem[]
  /** Cells read with certainty in a way worth saying (split by the sums, blank, unit converted). */
  infos: CheckItem[]
}

function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

function num(cell: CellResult | undefined): string {
  return cell?.value === null || cell?.value === undefined ? '~' : String(cell.value)
}

function pad(text: string, width: number): string {
  // Comments line up as in content/*.md; CJK is not measured, the key part is ASCII.
  return text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length)
}

function rowValue(block: BlockDef, row: RowResult): string {
  const cells = block.columns.map((c) => row.cells.get(c.key))
  // An omitted 总计 stays omitted: the validator computes it.
  if (block.shape === 'list') return `[${cells.filter((c, i) => c !== undefined || !block.columns[i]!.total).map(num).join(', ')}]`
  if (block.shape === 'scalar') return num(cells[0])
  return `{${block.columns.map((c, i) => `${c.key}: ${num(cells[i])}`).join(', ')}}`
}

/** The section numeral of a group label (`三、本年度办理结果` → `三`). */
function groupNumeral(label: string | undefined): string {
  return label ? (splitHeading(label).numeral ?? '') : ''
}

function rowComment(table: TableDef, block: BlockDef, row: RowDef, firstOfBlock: boolean): string {
  if (table.blocks.length > 1 || block.shape !== 'list') {
    const columns = block.columns.map((c) => (c.unit ? `${c.label}（单位：${c.unit}）` : c.label)).join(', ')
    return `${firstOfBlock && block.heading ? `${block.heading} ` : ''}${row.label}: ${columns}`
  }
  if (block.layout === 'inline') return [...row.groups, row.label].join('·')
  if (row.groups.length === 1) return `${groupNumeral(row.groups[0])}${row.label}`
  return row.label
}

function cellReasons(block: BlockDef, row: RowResult, field: 'reason' | 'note'): { columns: ColumnDef[]; reason: string } | undefined {
  const cells = block.columns.filter((c) => row.cells.has(c.key))
  // A note matters where the cell is not flagged anyway.
  const marked = cells.filter((c) => row.cells.get(c.key)?.[field] && (field === 'reason' || !row.cells.get(c.key)?.reason))
  if (marked.length === 0) return undefined
  const reasons = [...new Set(marked.map((c) => row.cells.get(c.key)![field]!))]
  return { columns: marked.length === cells.length ? [] : marked, reason: reasons.join('；') }
}

function sectionLabel(recognized: Recognized, table: TableDef): string {
  const def = recognized.format.sections.find((s) => s.number === table.section)
  return def ? `${def.numeral}、${def.title}` : table.caption
}

const MD_SPECIAL = /([\\`*_[\]<])/g

/** A paragraph as Markdown: sub-headings `（一）…` on their own line become `###`. */
function paragraph(text: string): string {
  const t = text.replace(/^[\s\u3000]+/, '').replace(/\s+$/, '')
  const numbered = /^[（(][一二三四五六七八九十]{1,2}[)）]/.test(t) && t.length <= 50 && !/[。；;]/.test(t) && !/[：:](?!$)/.test(t.slice(0, -1))
  // Unnumbered item titles of 六 (`人大代表建议和政协提案办理结果公开情况：`).
  const titled = t.length <= 40 && /(?:情况|事项)[：:]?$/.test(t) && !/[。，,；;、]/.test(t)
  const isSub = numbered || titled
  let md = t.replace(MD_SPECIAL, (m, c: string, offset: number) => (c === '<' && !/[A-Za-z/!?]/.test(t[offset + 1] ?? '') ? m : `\\${c}`))
  md = md.replace(/^(\d+)([.)])(\s)/, '$1\\$2$3').replace(/^([#>+\-=|~])/, '\\$1')
  return isSub ? `### ${md}` : md
}

function isArtefact(text: string): boolean {
  return /^[-—–\s\d第页共/]+$/.test(text) && /\d/.test(text) && text.length <= 16
}

function bodyText(sections: BodySection[]): string[] {
  const out: string[] = []
  for (const section of sections) {
    if (section.heading) out.push('', `## ${section.heading}`)
    for (const p of section.paragraphs) {
      if (isArtefact(p.trim())) continue
      out.push('', paragraph(p))
    }
  }
  return out
}

export function writeReport(recognized: Recognized): WrittenReport {
  const { format, meta } = recognized
  const lines: string[] = ['---']
  const checks: CheckItem[] = []
  const infos: CheckItem[] = []
  const metaLabel = (key: string) => format.meta.find((m) => m.key === key)?.label ?? key
  const metaLine = (key: string, value: string | undefined) => {
    const doubt = meta.doubts.get(key)
    const text = `${key}: ${value ?? '~'}`
    if (doubt) {
      lines.push(`${pad(text, 20)}# 待核对: ${doubt}`)
      checks.push({ line: lines.length, path: key, label: metaLabel(key), columns: [], reason: doubt })
    } else lines.push(text)
  }
  if (recognized.formatNote) lines.push(`# ${recognized.formatNote}`)
  lines.push(`format: ${format.id}`)
  metaLine('agency', meta.agency !== undefined ? scalar(meta.agency) : undefined)
  metaLine('year', meta.year !== undefined ? String(meta.year) : undefined)
  if (meta.published) lines.push(`published: ${meta.published}`)
  if (meta.indexNo) lines.push(`index_no: ${scalar(meta.indexNo)}`)

  for (const table of recognized.tables) {
    const def = table.def
    const width = def.blocks.length > 1 || def.blocks[0]?.shape !== 'list' ? 63 : 45
    const listBlock = def.blocks.length === 1 && def.blocks[0]!.shape === 'list' ? def.blocks[0]! : undefined
    const each = listBlock ? `; 每行 [${listBlock.columns.map((c) => c.label).join(', ')}]` : ''
    lines.push(`${pad(`${def.key}:`, 45)}# ${sectionLabel(recognized, def)}${each}`)
    for (const stray of table.strays) lines.push(`  # 待核对: ${def.name}中有无法对应到任何一行的数字：${stray}`)
    let parent = ''
    const seenBlocks = new Set<BlockDef>()
    for (const row of table.rows) {
      const { block } = row
      const first = !seenBlocks.has(block)
      seenBlocks.add(block)
      const path = row.row.path
      let indent = '  '
      if (path.length > 1) {
        if (parent !== path[0]) {
          parent = path[0]!
          const groupLabel = row.row.groups.at(-1) ?? ''
          lines.push(`${pad(`  ${parent}:`, width)}# ${groupNumeral(row.row.groups[0])}${groupLabel}`)
        }
        indent = '    '
      } else parent = ''
      const text = `${indent}${path.at(-1)}: ${rowValue(block, row)}`
      const comment = rowComment(def, block, row.row, first)
      const flagged = cellReasons(block, row, 'reason')
      const noted = cellReasons(block, row, 'note')
      const columnsOf = (r: { columns: ColumnDef[] }) => (r.columns.length ? `（${r.columns.map((c) => c.label).join('、')}）` : '')
      lines.push(
        `${pad(text, width)}# ${comment}${noted ? ` # 说明${columnsOf(noted)}: ${noted.reason}` : ''}${flagged ? ` # 待核对: ${flagged.reason}` : ''}`,
      )
      const item = (r: { columns: ColumnDef[]; reason: string }): CheckItem => ({
        line: lines.length,
        path: [def.key, ...path].join('.'),
        label: comment.split(':')[0]!,
        columns: r.columns.map((c) => c.label),
        reason: r.reason,
      })
      if (flagged) checks.push(item(flagged))
      if (noted) infos.push(item(noted))
    }
  }
  lines.push('---')
  lines.push(...bodyText(recognized.body).slice(recognized.body[0]?.paragraphs.length ? 0 : 1))
  return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n') + '\n', checks, infos }
}

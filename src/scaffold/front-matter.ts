/**
 * The front matter of a new report, written from the format definition:
 * meta fields, then every table row in official order with its official
 * label as a comment. Carried cells hold last year's value (and say so);
 * every other cell is `~`, so nothing is silently 0. Totals are left out:
 * the validator computes them.
 */
import stringWidth from 'string-width'
import { stringify } from '../vendor/yaml.js'
import type { BlockDef, ColumnDef, FormatDefinition, MetaFieldDef, RowDef, TableDef } from '../formats/types.js'
import { cellKey, type Carried } from './carry.js'

export interface ScaffoldMeta {
  agency: string
  year: number
  level?: string
  region?: string
}

/** Comments start in this column (as in content/*.md); longer lines get one space. */
const COMMENT_COLUMN = 45

function line(text: string, comment: string): string {
  const width = stringWidth(text)
  return `${text}${' '.repeat(Math.max(1, COMMENT_COLUMN - width))}# ${comment}`
}

function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

function metaComment(field: MetaFieldDef, format: FormatDefinition): string {
  if (field.key === 'format') return `${field.label}：${format.document}（按报告年度选定）`
  if (field.key === 'published') return `${field.label}（YYYY-MM-DD），发布时填写`
  if (field.valueLabels) return `${field.label}：${Object.entries(field.valueLabels).map(([k, v]) => `${k} ${v}`).join(' | ')}`
  return field.label
}

function metaLines(format: FormatDefinition, meta: ScaffoldMeta): string[] {
  const values: Record<string, string | undefined> = {
    format: format.id,
    agency: scalar(meta.agency),
    year: String(meta.year),
    level: meta.level,
    region: meta.region !== undefined ? scalar(meta.region) : undefined,
  }
  return format.meta.map((field) => {
    const value = values[field.key]
    // An unknown optional field stays a comment: `published: ~` would not be a date.
    return value !== undefined ? line(`${field.key}: ${value}`, metaComment(field, format)) : line(`# ${field.key}:`, metaComment(field, format))
  })
}

const cellText = (carried: Carried | undefined) => (carried?.value === null || carried?.value === undefined ? '~' : String(carried.value))

/** The row's value with totals left out, carried cells filled, the rest `~`. */
function rowValue(table: TableDef, block: BlockDef, row: RowDef, carried: Map<string, Carried>): string {
  const columns = block.columns.filter((c) => !c.total)
  const text = (c: ColumnDef) => cellText(carried.get(cellKey({ table: table.key, row: row.path, column: c.key })))
  if (block.shape === 'list') return `[${columns.map(text).join(', ')}]`
  if (block.shape === 'scalar') return text(block.columns[0]!)
  return `{${block.columns.map((c) => `${c.key}: ${text(c)}`).join(', ')}}`
}

/** The section numeral of a group label (`三、本年度办理结果` → `三`). */
const numeralOf = (label: string | undefined) => /^([一二三四五六七八九十]+)、/.exec(label ?? '')?.[1] ?? ''

function columnList(block: BlockDef): string {
  return block.columns.map((c) => (c.unit ? `${c.label}（单位：${c.unit}）` : c.label)).join(', ')
}

/** The official label of a row, as content/*.md writes it. */
function rowComment(table: TableDef, block: BlockDef, row: RowDef): string {
  if (table.blocks.length > 1 || block.shape !== 'list') return `${block.heading ? `${block.heading} ` : ''}${row.label}：${columnList(block)}`
  if (block.layout === 'inline') return [...row.groups, row.label].join('·')
  if (row.groups.length === 1) return `${numeralOf(row.groups[0])}${row.label}`
  return row.label
}

/** What the row's carried cells come from, or why they could not carry. */
function carriedNote(table: TableDef, block: BlockDef, row: RowDef, carried: Map<string, Carried>): string {
  const columns = block.columns.filter((c) => !c.total)
  const entries = columns.flatMap((c) => {
    const entry = carried.get(cellKey({ table: table.key, row: row.path, column: c.key }))
    return entry ? [{ column: c, entry }] : []
  })
  if (entries.length === 0) return ''
  const whole = entries.length === columns.length && block.shape === 'list'
  const parts = [...new Set(entries.map(({ column, entry }) => {
    const what = whole || columns.length === 1 ? '' : column.label
    if (entry.reason) return `${what ? `${what}：` : ''}${entry.reason}`
    const blank = entry.value === null ? '（上年为空白，请填写）' : '，请核对'
    return `${what}结转自 ${entry.from}${blank}${entry.hint ? `；${entry.hint}` : ''}`
  }))]
  return ` — ${parts.join('；')}`
}

function tableLines(format: FormatDefinition, table: TableDef, carried: Map<string, Carried>): string[] {
  const section = format.sections.find((s) => s.number === table.section)
  const list = table.blocks.length === 1 && table.blocks[0]!.shape === 'list' ? table.blocks[0]! : undefined
  const each = list ? `；每行 [${list.columns.map((c) => (c.total ? `${c.label}（可省略）` : c.label)).join(', ')}]` : ''
  const lines = [line(`${table.key}:`, `${section ? `${section.numeral}、` : ''}${table.caption}${each}`)]
  let parent = ''
  for (const block of table.blocks) {
    for (const row of block.rows) {
      const path = row.path
      let indent = '  '
      if (path.length > 1) {
        if (parent !== path[0]) {
          parent = path[0]!
          lines.push(line(`  ${parent}:`, `${numeralOf(row.groups[0])}${row.groups.at(-1) ?? ''}`))
        }
        indent = '    '
      } else parent = ''
      const key = path.at(-1)!
      const comment = rowComment(table, block, row)
      if (row.total) {
        lines.push(line(`${indent}# ${key}: [...]`, `${comment}：可省略（自动计算），填写则核对`))
        continue
      }
      lines.push(line(`${indent}${key}: ${rowValue(table, block, row, carried)}`, comment + carriedNote(table, block, row, carried)))
    }
  }
  return lines
}

/** The front matter, fences included. */
export function scaffoldFrontMatter(format: FormatDefinition, meta: ScaffoldMeta, carried: Map<string, Carried>): string {
  const lines = ['---', ...metaLines(format, meta)]
  lines.push('# 统计数据：~ 表示待填写（空白不等于 0，没有的填 0）；每行的总计可省略，由 nianbao 计算。')
  for (const table of format.tables) lines.push(...tableLines(format, table, carried))
  lines.push('---')
  return lines.join('\n') + '\n'
}

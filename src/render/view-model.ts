/**
 * The view model the templates render: plain data derived only from the
 * format definition and the report's cells. Every merged cell of the
 * official tables (rowspan/colspan) is computed here from the header tree
 * and the row groups, so a table's structure is written once, in
 * src/formats/, and a new format version needs no template change.
 */
import type { BlockDef, HeaderNode, TableDef } from '../formats/types.js'
import { rowKey, type Cell, type CellOrigin, type TableValues } from '../source/cells.js'
import type { Report } from '../source/report.js'
import { chineseDate, formatNumber } from './helpers.js'

export type Scope = 'col' | 'colgroup' | 'row' | 'rowgroup'

/** One `<th>` or `<td>`. Every field is always present (templates run in strict mode). */
export interface ViewCell {
  /** `<th>` when true, `<td>` otherwise. */
  header: boolean
  /** Printed text: a label, or a formatted value (`''` for a blank cell). */
  text: string
  /** Only set when greater than 1. */
  colspan: number | null
  rowspan: number | null
  id: string | null
  scope: Scope | null
  /** Space-separated ids of the header cells that describe a data cell. */
  headers: string | null
  /** A statistics value (`<td class="num">`). */
  numeric: boolean
  value: number | null
  /** Where a statistics value came from; `null` for label cells. */
  origin: CellOrigin | null
  /** YAML path of a statistics value (`requests.granted.0`; a computed total: its row or table); `null` for label cells. */
  path: string | null
  /** Row path (`refused.state_secret`) and column key (`natural`) of a statistics value, for pages that pair cells (comparison, roll-up); `null` for label cells. */
  row: string | null
  column: string | null
}

export interface ViewRow {
  /** The full-width heading row of a block (`第二十条第（一）项`). */
  blockHeading: boolean
  cells: ViewCell[]
}

export interface ViewTable {
  /** Front matter key: `active`, `requests`, `appeals`. */
  key: string
  /** Element id: `table-requests`. */
  id: string
  /** `表三`. */
  name: string
  caption: string
  /** Number of grid columns once every span is resolved. */
  columns: number
  /** `<thead>` rows; empty for tables of several blocks (表二), whose headers sit with each block. */
  head: ViewRow[]
  body: ViewRow[]
}

export interface ViewSection {
  /** 1–6. */
  number: number
  /** `一`. */
  numeral: string
  /** Official title without numeral: `总体情况`. */
  title: string
  /** Official heading: `一、总体情况`. */
  heading: string
  /** Element id: `section-1`. */
  id: string
  /** Sanitized HTML of the author's text in this section (may be `''`). */
  html: string
  /** The statistics table printed in this section, if any. */
  table: ViewTable | null
}

export interface ViewModel {
  /** `<html lang>`. */
  lang: string
  /** `{agency}{year}年政府信息公开工作年度报告`. */
  title: string
  agency: string
  year: number
  region: string | null
  indexNo: string | null
  /** `YYYY-MM-DD`, or `null` when the report has no published date. */
  published: string | null
  /** `2025年2月10日`, or `null`. */
  publishedText: string | null
  format: { id: string; document: string; name: string }
  /** Sanitized HTML of the text before the first section, or `null`. */
  preamble: string | null
  /** The six sections in official order. */
  sections: ViewSection[]
  /** Tables by front matter key. */
  tables: Record<string, ViewTable>
}

/** Sanitized HTML of the author's Markdown: preamble and section bodies by section number. */
export interface SectionsHtml {
  preamble: string
  sections: ReadonlyMap<number, string>
}

function cell(fields: Partial<ViewCell> & { header: boolean; text: string }): ViewCell {
  return {
    colspan: null,
    rowspan: null,
    id: null,
    scope: null,
    headers: null,
    numeric: false,
    value: null,
    origin: null,
    path: null,
    row: null,
    column: null,
    ...fields,
  }
}

const span = (n: number): number | null => (n > 1 ? n : null)

function depth(node: HeaderNode): number {
  return 1 + Math.max(0, ...(node.children ?? []).map(depth))
}

function leafCount(node: HeaderNode): number {
  return node.children?.length ? node.children.reduce((sum, child) => sum + leafCount(child), 0) : 1
}

/** A value column of a block with the ids of every header above it, outermost first. */
interface Leaf {
  node: HeaderNode
  headerIds: string[]
}

function valueCell(value: Cell | undefined, headers: string[], colspan: number, row: string, column: string): ViewCell {
  const text = value && (value.origin === 'given' || value.origin === 'computed') ? formatNumber(value.value) : ''
  return cell({
    header: false,
    text,
    colspan: span(colspan),
    headers: headers.join(' '),
    numeric: true,
    value: value?.value ?? null,
    origin: value?.origin ?? 'missing',
    path: value ? value.path.join('.') : null,
    row,
    column,
  })
}

/** Header rows, body rows and leaves of one block, laid out `width` columns wide. */
function blockRows(
  block: BlockDef,
  values: TableValues,
  prefix: string,
  width: number,
): { heading: ViewRow | null; header: ViewRow[]; data: ViewRow[] } {
  const headingId = `${prefix}-heading`
  const heading: ViewRow | null = block.heading
    ? {
        blockHeading: true,
        cells: [cell({ header: true, text: block.heading, colspan: span(width), id: headingId, scope: 'colgroup' })],
      }
    : null
  const outer = heading ? [headingId] : []

  const levels = Math.max(1, ...block.header.map(depth))
  const valueColumns = block.header.reduce((sum, node) => sum + leafCount(node), 0)
  // A block narrower than the table (表二 （五）（六）（八）) widens its last column.
  const extra = Math.max(0, width - block.labelColumns - valueColumns)
  const header: ViewRow[] = Array.from({ length: levels }, () => ({ blockHeading: false, cells: [] }))
  if (block.labelColumns > 0) {
    const text = block.corner ?? block.rowHeader ?? ''
    header[0]!.cells.push(
      cell({
        // The corner holds the 勾稽关系 note, which heads nothing: a plain cell.
        header: block.corner === undefined,
        text,
        colspan: span(block.labelColumns),
        rowspan: span(levels),
        id: block.corner === undefined ? `${prefix}-label` : null,
        scope: block.corner === undefined ? 'col' : null,
      }),
    )
  }

  const leaves: Leaf[] = []
  const walk = (nodes: HeaderNode[], level: number, path: number[], ids: string[], rightmost: boolean) => {
    nodes.forEach((node, index) => {
      const id = `${prefix}-h-${[...path, index].join('-')}`
      const isLast = rightmost && index === nodes.length - 1
      const isLeaf = !node.children?.length
      header[level]!.cells.push(
        cell({
          header: true,
          text: node.label,
          colspan: span(leafCount(node) + (isLast ? extra : 0)),
          rowspan: span(isLeaf ? levels - level : 1),
          id,
          scope: isLeaf ? 'col' : 'colgroup',
        }),
      )
      if (isLeaf) leaves.push({ node, headerIds: [...ids, id] })
      else walk(node.children!, level + 1, [...path, index], [...ids, id], isLast)
    })
  }
  walk(block.header, 0, [], outer, true)

  const rows = values.blocks.get(block.id)
  const data: ViewRow[] = []
  if (block.layout === 'inline') {
    // All rows of the block side by side in one table row (表四).
    data.push({
      blockHeading: false,
      cells: leaves.map((leaf, i) =>
        valueCell(
          rows?.get(rowKey([leaf.node.row ?? '']))?.get(leaf.node.column ?? ''),
          leaf.headerIds,
          i === leaves.length - 1 ? 1 + extra : 1,
          leaf.node.row ?? '',
          leaf.node.column ?? '',
        ),
      ),
    })
    return { heading, header, data }
  }

  const groupIds: string[] = []
  block.rows.forEach((row, i) => {
    const cells: ViewCell[] = []
    const usable = block.labelColumns > 0 ? Math.min(row.groups.length, block.labelColumns - 1) : 0
    for (let g = 0; g < usable; g++) {
      const prefixOf = (r: { groups: string[] }) => r.groups.slice(0, g + 1).join('\u0000')
      const mine = prefixOf(row)
      const previous = block.rows[i - 1]
      if (previous && previous.groups.length > g && prefixOf(previous) === mine) continue
      let run = 1
      while (block.rows[i + run] && block.rows[i + run]!.groups.length > g && prefixOf(block.rows[i + run]!) === mine) run++
      groupIds[g] = `${prefix}-g-${i}-${g}`
      cells.push(cell({ header: true, text: row.groups[g]!, rowspan: span(run), id: groupIds[g]!, scope: 'rowgroup' }))
    }
    const rowId = `${prefix}-r-${i}`
    if (block.labelColumns > 0) {
      cells.push(cell({ header: true, text: row.label, colspan: span(block.labelColumns - usable), id: rowId, scope: 'row' }))
    }
    const rowHeaders = [...groupIds.slice(0, usable), ...(block.labelColumns > 0 ? [rowId] : [])]
    const values = rows?.get(rowKey(row.path))
    leaves.forEach((leaf, j) => {
      const headers = [...leaf.headerIds, ...rowHeaders]
      cells.push(valueCell(values?.get(leaf.node.column ?? ''), headers, j === leaves.length - 1 ? 1 + extra : 1, rowKey(row.path), leaf.node.column ?? ''))
    })
    data.push({ blockHeading: false, cells })
  })
  return { heading, header, data }
}

/** Grid width of a table: the widest block. */
export function tableWidth(table: TableDef): number {
  return Math.max(
    1,
    ...table.blocks.map((b) => b.labelColumns + b.header.reduce((sum, node) => sum + leafCount(node), 0)),
  )
}

/** The view of one statistics table. */
export function buildTableView(values: TableValues): ViewTable {
  const def = values.def
  const id = `table-${def.key}`
  const width = tableWidth(def)
  const head: ViewRow[] = []
  const body: ViewRow[] = []
  const single = def.blocks.length === 1
  for (const block of def.blocks) {
    const prefix = single ? id : `${id}-${block.id}`
    const { heading, header, data } = blockRows(block, values, prefix, width)
    const top = [...(heading ? [heading] : []), ...header]
    if (single) head.push(...top)
    else body.push(...top)
    body.push(...data)
  }
  return { key: def.key, id, name: def.name, caption: def.caption, columns: width, head, body }
}

/** Build the view model of a report from its format definition, its cells and its sanitized section HTML. */
export function buildViewModel(report: Report, html: SectionsHtml): ViewModel {
  const tables: Record<string, ViewTable> = {}
  for (const [key, values] of report.stats) tables[key] = buildTableView(values)
  const { meta, format } = report
  const published = meta.published && chineseDate(meta.published) ? meta.published : null
  return {
    lang: 'zh-CN',
    title: `${meta.agency}${meta.year}年政府信息公开工作年度报告`,
    agency: meta.agency,
    year: meta.year,
    region: meta.region ?? null,
    indexNo: meta.index_no ?? null,
    published,
    publishedText: published ? chineseDate(published) : null,
    format: { id: format.id, document: format.document, name: format.name },
    preamble: html.preamble.trim() === '' ? null : html.preamble,
    sections: format.sections.map((def) => ({
      number: def.number,
      numeral: def.numeral,
      title: def.title,
      heading: `${def.numeral}、${def.title}`,
      id: `section-${def.number}`,
      html: html.sections.get(def.number) ?? '',
      table: def.table ? (tables[def.table] ?? null) : null,
    })),
    tables,
  }
}

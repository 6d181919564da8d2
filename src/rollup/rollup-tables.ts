/**
 * The summed tables in the official layout: the view model of the year's
 * format, each value cell the sum over the agencies summed, with the
 * agencies that left it blank (or whose format has no such cell) counted
 * beside it — 「12（3 家空白）」. A cell no agency filled in reads 「—」.
 */
import { formatForYear } from '../formats/index.js'
import type { FormatDefinition } from '../formats/types.js'
import { buildTableView, type ViewCell } from '../render/view-model.js'
import { readStats, rowKey } from '../source/cells.js'
import { valueText } from '../compare/delta.js'
import { escapeHtml, statsTableHtml } from '../compare/page-html.js'
import { fromMicro, type CellSums } from './accumulate.js'
import { cellKey } from './record.js'

export interface SummedCell {
  value: number | null
  blank: number
  /** Agencies summed whose format has no such cell. */
  absent: number
}

function codeOf(format: FormatDefinition, table: string, row: string): string | undefined {
  for (const block of format.tables.find((t) => t.key === table)?.blocks ?? []) {
    const found = block.rows.find((r) => rowKey(r.path) === row)
    if (found) return found.code
  }
  return undefined
}

/** The summed value of a view cell. */
export function summedCell(format: FormatDefinition, sums: CellSums, table: string, cell: ViewCell): SummedCell {
  const code = cell.row === null ? undefined : codeOf(format, table, cell.row)
  const sum = code === undefined || cell.column === null ? undefined : sums.get(cellKey(table, code, cell.column))
  if (!sum) return { value: null, blank: 0, absent: sums.reports }
  const filled = sum.reports - sum.blank
  return { value: filled > 0 ? fromMicro(sum.micro) : null, blank: sum.blank, absent: sums.reports - sum.reports }
}

/** What the short markers in a summed cell mean (printed above the tables). */
export const SUMMED_LEGEND = '「空N」：N 家机关该格留空（不是 0，不计入合计）；「无N」：N 家机关所用格式没有该格；「—」：没有机关填写。'

/** The sum, and under it short markers (narrow enough for the seven value columns of 表三 in the PDF). */
export function summedCellHtml(s: SummedCell): string {
  const notes = [s.blank ? `空${s.blank}` : '', s.absent ? `无${s.absent}` : ''].filter(Boolean)
  return `${escapeHtml(valueText(s.value))}${notes.length ? `<br><span class="note">${notes.join(' ')}</span>` : ''}`
}

/** The three official tables of `year`'s format, summed. `prefix` keeps ids unique on the page. */
export function summedTablesHtml(year: number, sums: CellSums, prefix: string): string {
  const format = formatForYear(year)
  const empty = readStats(format, {})
  return format.tables
    .map((table) => {
      const view = buildTableView(empty.get(table.key)!)
      return statsTableHtml(view, (cell) => summedCellHtml(summedCell(format, sums, table.key, cell)), prefix)
    })
    .join('\n')
}

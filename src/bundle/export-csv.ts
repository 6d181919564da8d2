/**
 * data.csv: one line per table cell, for spreadsheets. UTF-8 with a BOM (so
 * Excel detects the encoding), CRLF line ends and RFC 4180 quoting.
 */
import type { DataCell } from './export-json.js'

/** Header row: 机关, 年度, 表格, 行号, 行名称, 列代码, 列名称, 单位, 数值 (机关 and 年度 so that files of many reports can be stacked). */
export const CSV_HEADER = ['机关', '年度', '表格', '行号', '行名称', '列代码', '列名称', '单位', '数值'] as const

/** Quote a field when it holds a comma, quote, CR or LF (RFC 4180 §2.6–2.7). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n'
}

/** data.csv text of one report, starting with the BOM. */
export function exportCsv(cells: readonly DataCell[], meta: { agency: string; year: number }): string {
  let out = '\ufeff' + csvLine(CSV_HEADER)
  const year = String(meta.year)
  for (const cell of cells) {
    out += csvLine([
      meta.agency,
      year,
      cell.tableName,
      cell.rowCode,
      cell.rowLabel,
      cell.column,
      cell.columnLabel,
      cell.unit ?? '',
      cell.value === null ? '' : String(cell.value),
    ])
  }
  return out
}

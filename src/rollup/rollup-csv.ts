/**
 * The roll-up as CSV (UTF-8 with a BOM, CRLF, RFC 4180, as data.csv): the
 * summed cells in tidy form, one line per group and cell; and the agencies,
 * one line each, with status, every derived figure, the numbers behind each
 * rate, text repetition and the flags raised.
 */
import { csvField } from '../bundle/export-csv.js'
import { derivedFigures } from '../formats/derived.js'
import { formatForYear } from '../formats/index.js'
import type { CellSums } from './accumulate.js'
import { fromMicro } from './accumulate.js'
import { cellKey, type ReportRecord } from './record.js'
import type { RollupData } from './run.js'
import type { RollupSummary } from './summary.js'

const line = (fields: readonly (string | number | null)[]): string => fields.map((f) => csvField(f === null ? '' : String(f))).join(',') + '\r\n'

/** 分组, 年度, 表格, 行号, 行名称, 列代码, 列名称, 单位, 合计, 空白机关数, 无此项机关数, 汇总机关数. */
export function rollupCellsCsv(data: RollupData): string {
  const format = formatForYear(data.year)
  const sums = data.years.get(data.year)
  let out = '\ufeff' + line(['分组', '年度', '表格', '行号', '行名称', '列代码', '列名称', '单位', '合计', '空白机关数', '无此项机关数', '汇总机关数'])
  const groups: [string, CellSums][] = sums ? [['全部', sums.all], ...[...sums.groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))] : []
  for (const [name, cells] of groups) {
    for (const table of format.tables) {
      for (const block of table.blocks) {
        for (const row of block.rows) {
          for (const column of block.columns) {
            const sum = cells.get(cellKey(table.key, row.code, column.key))
            const filled = sum ? sum.reports - sum.blank : 0
            out += line([name, data.year, table.name, row.code, row.label, column.key, column.label, column.unit ?? '', filled > 0 ? fromMicro(sum!.micro) : null, sum?.blank ?? 0, cells.reports - (sum?.reports ?? 0), cells.reports])
          }
        }
      }
    }
  }
  return out
}

const STATUS: Record<ReportRecord['status'], string> = { valid: '通过', warnings: '有警告', errors: '有错误', unverified: '发布包校验未通过' }

/** One line per report of the year (and per agency missing this year). */
export function rollupAgenciesCsv(data: RollupData, summary: RollupSummary): string {
  const rates = derivedFigures.filter((d) => d.kind === 'rate')
  const header = [
    '机关代码', '机关', '年度', '格式', '状态', '错误', '警告', '发布日期', '逾期（截止日）',
    ...derivedFigures.map((d) => (d.kind === 'rate' ? `${d.name}（%）` : d.name)),
    ...rates.flatMap((d) => [`${d.name}·分子`, `${d.name}·分母`]),
    '第五部分与上年重复（%）', '需关注', '来源',
  ]
  let out = '\ufeff' + line(header)
  const flags = new Map<ReportRecord, string[]>()
  for (const f of summary.flags) flags.set(f.record, [...(flags.get(f.record) ?? []), f.rule.id])
  const percent = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10)
  for (const r of summary.reports) {
    out += line([
      r.id, r.agency, r.year, r.format, STATUS[r.status], r.errors, r.warnings, r.published, r.lateAfter,
      ...derivedFigures.map((d) => (d.kind === 'rate' ? percent(r.derived[d.key]) : (r.derived[d.key] ?? null))),
      ...rates.flatMap((d) => r.parts[d.key] ?? [null, null]),
      percent(r.repeat[5]), (flags.get(r) ?? []).join(' '), r.source,
    ])
  }
  for (const r of data.missing) out += line([r.id, r.agency, data.year, '', `本年缺报（${r.year}年有报告）`, '', '', '', '', ...derivedFigures.map(() => null), ...rates.flatMap(() => [null, null]), null, '', ''])
  return out
}

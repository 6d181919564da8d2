/**
 * The end of a batch import: one table, a line per input (file, format,
 * cells read, cells to check, validation errors, where it went), or the
 * same as JSON for scripts.
 */
import stringWidth from '../vendor/string-width.js'
import { diagnosticsOf } from '../diagnostics/emit.js'
import type { Lang } from '../diagnostics/types.js'
import type { RunResult } from './run.js'

const headers: Record<Lang, string[]> = {
  zh: ['文件', '格式', '已读单元格', '待核对单元格', '校验错误', '结果'],
  en: ['file', 'format', 'cells read', 'cells to check', 'validation errors', 'result'],
}

function outcome(result: RunResult, lang: Lang): string {
  const en = lang === 'en'
  if (result.status === 'unreadable') return en ? 'not imported' : '未导入'
  if (result.status === 'not-written') return en ? 'not written' : '未写出'
  const id = result.agencyId?.how === 'rule' ? (en ? ' (agency id from the title)' : '（机关标识由标题得出）') : ''
  return `${result.output}${id}`
}

/** The summary table, columns aligned by display width (CJK counts double). */
export function summaryTable(results: RunResult[], lang: Lang = 'zh'): string {
  const rows = results.map((r) => [
    r.input,
    r.format ?? '—',
    r.cells ? `${r.cells.read}/${r.cells.total}` : '—',
    r.cells ? String(r.cells.flagged) : '—',
    r.errors !== undefined ? String(r.errors) : '—',
    outcome(r, lang),
  ])
  const all = [headers[lang], ...rows]
  const widths = headers[lang].map((_, c) => Math.max(...all.map((row) => stringWidth(row[c]!))))
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat(widths[c]! - stringWidth(cell))))
      .join('  ')
      .trimEnd()
  const imported = results.filter((r) => r.output).length
  const flagged = results.reduce((n, r) => n + (r.cells?.flagged ?? 0), 0)
  const total =
    lang === 'en'
      ? `${results.length} file${results.length === 1 ? '' : 's'}: ${imported} imported, ${results.length - imported} not; ${flagged} cell${flagged === 1 ? '' : 's'} to check`
      : `共 ${results.length} 个文件：导入 ${imported} 个，未导入 ${results.length - imported} 个；待核对单元格 ${flagged} 个`
  return [line(all[0]!), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line), total].join('\n') + '\n'
}

/** The batch as JSON: one object per input, with its diagnostics. */
export function summaryJson(results: RunResult[]): string {
  const data = results.map((r) => ({
    input: r.input,
    status: r.status,
    output: r.output ?? null,
    format: r.format ?? null,
    agencyId: r.agencyId ?? null,
    cells: r.cells ?? null,
    validationErrors: r.errors ?? null,
    importMs: r.ms !== undefined ? Math.round(r.ms) : null,
    diagnostics: r.file ? diagnosticsOf(r.file) : [],
  }))
  return JSON.stringify(data, null, 2) + '\n'
}

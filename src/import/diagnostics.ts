/**
 * The import stage's diagnostics, registered in the shared catalogue. They
 * are attached to the written report file, so each points at its line.
 */
import type { VFile } from 'vfile'
import { defineDiagnostics } from '../diagnostics/catalog.js'
import { emit } from '../diagnostics/emit.js'
import type { CheckItem } from './write-report.js'

defineDiagnostics([
  {
    ruleId: 'import-input-readable',
    source: 'import',
    severity: 'error',
    title: '要导入的文件可读取且是年度报告',
    zh: (p) => `无法导入 ${p.file}：${p.reason}`,
    en: (p) => `Cannot import ${p.file}: ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'import-output-path',
    source: 'import',
    severity: 'error',
    title: '导入结果有确定的输出位置',
    zh: (p) => `${p.file} 已读取，但未写出：${p.reason}`,
    en: (p) => `${p.file} was read but not written: ${p.reasonEn}`,
    fixtures: false,
  },
  {
    ruleId: 'import-no-overwrite',
    source: 'import',
    severity: 'error',
    title: '导入不覆盖已有文件（除非加 --force）',
    zh: (p) => `${p.output} 已存在，未覆盖；确认要替换时请加 --force`,
    en: (p) => `${p.output} exists and was not replaced; add --force to replace it`,
    fixtures: false,
  },
  {
    ruleId: 'import-cell-certain',
    source: 'import',
    severity: 'warning',
    title: '导入的数值读取无疑问（否则标注「待核对」）',
    zh: (p) => `待核对：${p.label}${p.columns ? `（${p.columns}）` : ''}——${p.reason}`,
    en: (p) => `To check: ${p.label}${p.columns ? ` (${p.columns})` : ''} — ${p.reason}`,
    fixtures: false,
  },
  {
    ruleId: 'import-note',
    source: 'import',
    severity: 'info',
    title: '导入时的说明（缺少的表或节、版式与年度不符等）',
    zh: (p) => String(p.note),
    en: (p) => String(p.note),
    fixtures: false,
  },
])

/** Put the import report on the written file: one warning per line to check, notes at line 1. */
export function emitImportReport(file: VFile, checks: CheckItem[], notes: string[]): void {
  for (const check of checks) {
    emit(
      file,
      'import-cell-certain',
      { label: `${check.path} ${check.label}`, columns: check.columns.join('、'), reason: check.reason },
      { start: { line: check.line, column: 1 } },
    )
  }
  for (const note of notes) emit(file, 'import-note', { note }, { start: { line: 1, column: 1 } })
}

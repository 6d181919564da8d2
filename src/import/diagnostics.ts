/**
 * The import report as diagnostics (ids in the shared catalogue), attached
 * to the written report file so that each points at its line.
 */
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import type { CheckItem } from './write-report.js'

/**
 * Put the import report on the written file: notes at line 1, and a warning per line to check
 * unless the validator already reports that line's 待核对 mark (import-reviewed), once is enough.
 */
export function emitImportReport(file: VFile, checks: CheckItem[], notes: string[]): void {
  const marked = new Set(file.messages.filter((m) => m.ruleId === 'import-reviewed').map((m) => m.line))
  for (const check of checks) {
    if (marked.has(check.line)) continue
    emit(
      file,
      'import-cell-certain',
      { label: `${check.path} ${check.label}`, columns: check.columns.join('、'), reason: check.reason },
      { start: { line: check.line, column: 1 } },
    )
  }
  for (const note of notes) emit(file, 'import-note', { note }, { start: { line: 1, column: 1 } })
}

/**
 * Fixture helpers: expected files are plain text next to the input. A
 * missing expected file is written from the result (then reviewed and
 * committed) — except in CI, where it fails; `UPDATE=1` rewrites them all.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import type { Diagnostic } from '../../src/diagnostics/types.js'

/** One line per diagnostic, like remark-lint's `file.messages.map(String)`. */
export function formatDiagnostics(diagnostics: Diagnostic[], base: string): string {
  return diagnostics
    .map((d) => {
      const place = `${d.line}:${d.column}${d.endLine !== undefined ? `-${d.endLine}:${d.endColumn}` : ''}`
      const file = relative(base, d.file) || '.'
      return `${file}:${place} ${d.severity} ${d.ruleId} ${d.message}`
    })
    .join('\n')
    .concat('\n')
}

/** Compare `actual` with the expected file, writing it when missing or on UPDATE=1. */
export function assertExpected(path: string, actual: string): void {
  if (!process.env.UPDATE && !existsSync(path) && process.env.CI) {
    assert.fail(`missing expected file ${path}: run the tests locally to write it, review it and commit it`)
  }
  if (process.env.UPDATE || !existsSync(path)) {
    writeFileSync(path, actual)
    return
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from ${path} (run with UPDATE=1 after reviewing)`)
}

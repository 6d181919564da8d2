/**
 * The language server's analysis in process (no protocol): which documents
 * are reports, what every cell path of every format is called, the
 * settings, and the fuzz entry point on broken and truncated reports.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { formats } from '../src/formats/index.js'
import { looksLikeReport } from '../src/lsp/analyze.js'
import { describePath, titleOf } from '../src/lsp/describe-path.js'
import { analyzeForFuzz } from '../src/lsp/fuzz.js'
import { readSettings } from '../src/lsp/settings.js'

const seed = readFileSync(join(import.meta.dirname, '..', 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')

test('a report is a <year>.md file or a Markdown file with a report front matter', () => {
  assert.ok(looksLikeReport('/a/b/2024.md', '# 任意'))
  assert.ok(looksLikeReport('/a/draft.md', '---\nagency: 某局\nyear: 2024\n---\n'))
  assert.ok(looksLikeReport('/a/draft.md', '---\r\nformat: gb-2021\r\nrequests:\r\n'), 'unclosed while typing')
  assert.ok(!looksLikeReport('/a/README.md', '# 说明\n\nagency: 某局\nyear: 2024\n'))
  assert.ok(!looksLikeReport('/a/post.md', '---\ntitle: 文章\nyear: 2024\n---\n'))
})

test('every cell of every format is named by its official row code and column label', () => {
  let cells = 0
  for (const format of formats) {
    for (const table of format.tables) {
      for (const block of table.blocks) {
        for (const row of block.rows) {
          const rowPath = [table.key, ...row.path]
          block.columns.forEach((column, index) => {
            const path = block.shape === 'list' ? [...rowPath, index] : block.shape === 'map' ? [...rowPath, column.key] : rowPath
            const info = describePath(format, path)
            assert.equal(info?.kind, 'cell', `${format.id} ${path.join('.')}`)
            assert.equal(titleOf(info), `${row.code} · ${column.label}`)
            cells++
          })
        }
      }
    }
  }
  assert.ok(cells > 300, `${cells} cells`)
  const group = describePath(formats[0]!, ['requests', 'unable'])
  assert.equal(group && titleOf(group), '三（四）无法提供')
  assert.equal(describePath(formats[0]!, ['requests', 'received', 9]), undefined)
  assert.equal(describePath(formats[0]!, ['nonsense']), undefined)
})

test('settings: language, rule levels as --rule, and a clear problem for an unknown rule', () => {
  const { settings } = readSettings({ lang: 'en', rules: { 'overview-length': 'off', 'blank-cell': 'error' } })
  assert.equal(settings.lang, 'en')
  assert.deepEqual(settings.severities, { 'overview-length': 'off', 'blank-cell': 'error' })
  const bad = readSettings({ rules: ['no-such-rule=off'] })
  assert.match(bad.problem ?? '', /no-such-rule/)
  assert.equal(readSettings('nonsense').settings.lang, 'zh')
})

test('the fuzz entry point analyses a report and survives every truncation of it', async () => {
  const whole = await analyzeForFuzz(seed)
  assert.deepEqual({ ...whole, hovers: whole.hovers > 10, completions: whole.completions > 0 }, { analysed: true, diagnostics: 0, hovers: true, completions: true })
  let broken = 0
  for (let cut = 0; cut < seed.length; cut += 211) {
    const outcome = await analyzeForFuzz(seed.slice(0, cut), { probes: 32 })
    assert.ok(outcome.analysed)
    if (outcome.diagnostics > 0) broken++
  }
  assert.ok(broken > 10, 'truncated reports get diagnostics')
  assert.equal((await analyzeForFuzz('# 说明', { path: 'README.md' })).analysed, false)
})

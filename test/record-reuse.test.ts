/**
 * A whole-tree build's supervisor pages reuse the roll-up records its
 * workers made while building (src/build/record-store.ts): the roll-up is
 * the one `nianbao rollup` reads from every source, and after an edit only
 * the reports rebuilt are read again.
 */
import assert from 'node:assert/strict'
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildTree, type BuildTreeOptions } from '../src/build/build-tree.js'
import { RECORDS_NAME } from '../src/build/record-store.js'
import type { ReportRecord } from '../src/rollup/record.js'
import { rollupAgenciesCsv, rollupCellsCsv } from '../src/rollup/rollup-csv.js'
import { runRollup } from '../src/rollup/run.js'
import { summarize } from '../src/rollup/summary.js'

const repo = join(import.meta.dirname, '..')
const quiet = { stdout: () => undefined, stderr: () => undefined, tty: false }

/** The roll-up CSVs as `nianbao rollup` makes them, every source read afresh. */
async function readAfresh(content: string): Promise<[string, string]> {
  const data = await runRollup({ paths: [content], jobs: 1, lang: 'zh' })
  return [rollupCellsCsv(data), rollupAgenciesCsv(data, summarize(data))]
}

const written = (out: string): [string, string] => [readFileSync(join(out, 'rollup', 'rollup.csv'), 'utf8'), readFileSync(join(out, 'rollup', 'rollup-agencies.csv'), 'utf8')]

test('the build reuses its records: the same roll-up as reading every source, and only rebuilt reports are read again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-records-'))
  const content = join(dir, 'content')
  const out = join(dir, 'out')
  cpSync(join(repo, 'content'), content, { recursive: true })
  const options: BuildTreeOptions = { root: content, outDir: out, jobs: 1, targets: ['html'], ...quiet }

  const cold = await buildTree(options)
  assert.equal(cold.built, 6)
  assert.deepEqual(written(out), await readAfresh(content), 'cold build')
  const kept = JSON.parse(readFileSync(join(out, RECORDS_NAME), 'utf8')) as { reports: Record<string, { key: string; record: ReportRecord }> }
  const sources = readdirSync(content).flatMap((agency) => readdirSync(join(content, agency)).filter((f) => /^\d{4}\.md$/.test(f)).map((f) => `${agency}/${f}`))
  assert.equal(sources.length, 6)
  assert.deepEqual(Object.keys(kept.reports).sort(), sources.sort(), 'a record for every report')

  // An edit of 汝州 2023 rebuilds it and 汝州 2024 (whose cross-year checks and repeat share read it).
  appendFileSync(join(content, 'ruzhou-wsjkw', '2023.md'), '\n本年度另有补充说明。\n')
  const edited = await buildTree(options)
  assert.deepEqual([edited.built, edited.skipped], [2, 4])
  assert.deepEqual(written(out), await readAfresh(content), 'after an edit')

  // Proof that the unchanged reports were not read again: a kept record, altered, shows through.
  const stored = JSON.parse(readFileSync(join(out, RECORDS_NAME), 'utf8')) as typeof kept
  stored.reports['shixing-wsjkj/2024.md']!.record.agency = '记录里的机关'
  writeFileSync(join(out, RECORDS_NAME), JSON.stringify(stored))
  appendFileSync(join(content, 'ruzhou-wsjkw', '2024.md'), '\n又一段补充说明。\n')
  const again = await buildTree(options)
  assert.deepEqual([again.built, again.skipped], [1, 5])
  assert.match(written(out)[1], /记录里的机关/)
  assert.doesNotMatch((await readAfresh(content))[1], /记录里的机关/)

  // Rule severities of its own (--rule) make records `nianbao rollup` would not make: every source is read.
  appendFileSync(join(content, 'ruzhou-wsjkw', '2024.md'), '\n再一段。\n')
  await buildTree({ ...options, severities: { 'format-matches-year': 'off' } })
  assert.doesNotMatch(written(out)[1], /记录里的机关/)
})

/**
 * A whole-tree build's supervisor pages reuse the roll-up records its
 * workers made while building (src/build/record-store.ts): the roll-up is
 * the one `nianbao rollup` reads from every source, and after an edit only
 * the reports rebuilt are read again.
 */
import assert from 'node:assert/strict'
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
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
  const readKept = () => readFileSync(join(out, RECORDS_NAME), 'utf8').trim().split('\n').slice(1).map((line) => JSON.parse(line) as [string, string, ReportRecord])
  const kept = readKept()
  const sources = readdirSync(content).flatMap((agency) => readdirSync(join(content, agency)).filter((f) => /^\d{4}\.md$/.test(f)).map((f) => `${agency}/${f}`))
  assert.equal(sources.length, 6)
  assert.deepEqual(kept.map(([rel]) => rel).sort(), sources.sort(), 'a record for every report, a line each')

  // An edit of 汝州 2023 rebuilds it and 汝州 2024 (whose cross-year checks and repeat share read it).
  appendFileSync(join(content, 'ruzhou-wsjkw', '2023.md'), '\n本年度另有补充说明。\n')
  const edited = await buildTree(options)
  assert.deepEqual([edited.built, edited.skipped], [2, 4])
  assert.deepEqual(written(out), await readAfresh(content), 'after an edit')

  // Proof that the unchanged reports were not read again: a kept record, altered, shows through.
  const stored = readFileSync(join(out, RECORDS_NAME), 'utf8').split('\n')
  const line = stored.findIndex((l) => l.startsWith('["shixing-wsjkj/2024.md",'))
  const [rel, key, record] = JSON.parse(stored[line]!) as [string, string, ReportRecord]
  stored[line] = JSON.stringify([rel, key, { ...record, agency: '记录里的机关' }])
  writeFileSync(join(out, RECORDS_NAME), stored.join('\n'))
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

test('a damaged records file costs a re-read, never a wrong roll-up; the old one-object file is removed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-records-damaged-'))
  const content = join(dir, 'content')
  const out = join(dir, 'out')
  cpSync(join(repo, 'content'), content, { recursive: true })
  const options: BuildTreeOptions = { root: content, outDir: out, jobs: 1, targets: ['html'], ...quiet }
  await buildTree(options)
  const file = join(out, RECORDS_NAME)
  const lines = readFileSync(file, 'utf8').split('\n')
  // One line cut in half, one a record of the wrong shape, and a version-1 file left beside it.
  const cut = lines.findIndex((l) => l.startsWith('["ruzhou-wsjkw/2023.md",'))
  const shape = lines.findIndex((l) => l.startsWith('["jiyuan-wsjkw/2019.md",'))
  lines[cut] = lines[cut]!.slice(0, lines[cut]!.length / 2)
  lines[shape] = JSON.stringify([...(JSON.parse(lines[shape]!) as unknown[]).slice(0, 2), null])
  writeFileSync(file, lines.join('\n'))
  writeFileSync(join(out, '.nianbao-records.json'), '{"version":1,"reports":{}}')
  appendFileSync(join(content, 'yanzhou-wsjkj', '2024.md'), '\n补充说明。\n')
  await buildTree(options)
  assert.deepEqual(written(out), await readAfresh(content))
  assert.ok(!existsSync(join(out, '.nianbao-records.json')))
  const again = readFileSync(file, 'utf8').trim().split('\n')
  // The two damaged ones are read from their sources (above) until those reports are built again.
  assert.equal(again.length, 5, 'the header and a whole line for each of the four sound records')
  for (const line of again) JSON.parse(line)

  // Another version's header: nothing is taken from it.
  writeFileSync(file, ['{"nianbaoRecords":99}', ...again.slice(1)].join('\n'))
  writeFileSync(join(content, 'yanzhou-wsjkj', '2024.md'), readFileSync(join(content, 'yanzhou-wsjkj', '2024.md'), 'utf8') + '\n')
  await buildTree(options)
  assert.deepEqual(written(out), await readAfresh(content))
})

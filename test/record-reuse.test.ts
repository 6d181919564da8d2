/**
 * A whole-tree build's supervisor pages reuse the roll-up records its
 * workers made while building (src/build/record-store.ts): the roll-up is
 * the one `nianbao rollup` reads from every source, and after an edit only
 * the reports rebuilt are read again.
 */
import assert from 'node:assert/strict'
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
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

/** A copy of content/ in a new folder, and the options of an HTML-only tree build of it into out/. */
function project(name: string): { content: string; out: string; options: BuildTreeOptions } {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-records-${name}-`))
  const content = join(dir, 'content')
  const out = join(dir, 'out')
  cpSync(join(repo, 'content'), content, { recursive: true })
  return { content, out, options: { root: content, outDir: out, jobs: 1, targets: ['html'], ...quiet } }
}

/** The roll-up CSVs as `nianbao rollup` makes them, every source read afresh. */
async function readAfresh(content: string): Promise<[string, string]> {
  const data = await runRollup({ paths: [content], jobs: 1, lang: 'zh' })
  return [rollupCellsCsv(data), rollupAgenciesCsv(data, summarize(data))]
}

const written = (out: string): [string, string] => [readFileSync(join(out, 'rollup', 'rollup.csv'), 'utf8'), readFileSync(join(out, 'rollup', 'rollup-agencies.csv'), 'utf8')]

test('the build reuses its records: the same roll-up as reading every source, and only rebuilt reports are read again', async () => {
  const { content, out, options } = project('reuse')

  const cold = await buildTree(options)
  assert.equal(cold.built, 6)
  assert.deepEqual(written(out), await readAfresh(content), 'cold build')
  const recordFile = (rel: string) => join(out, RECORDS_NAME, `${rel}.record`)
  const sources = readdirSync(content).flatMap((agency) => readdirSync(join(content, agency)).filter((f) => /^\d{4}\.md$/.test(f)).map((f) => `${agency}/${f}`))
  assert.equal(sources.length, 6)
  const kept = readdirSync(join(out, RECORDS_NAME), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
  assert.equal(kept.length, 6, 'a record for every report, a file each')
  for (const rel of sources) assert.ok(existsSync(recordFile(rel)), rel)

  // An edit of 汝州 2023 rebuilds it and 汝州 2024 (whose cross-year checks and repeat share read it).
  appendFileSync(join(content, 'ruzhou-wsjkw', '2023.md'), '\n本年度另有补充说明。\n')
  const edited = await buildTree(options)
  assert.deepEqual([edited.built, edited.skipped], [2, 4])
  assert.deepEqual(written(out), await readAfresh(content), 'after an edit')

  // Proof that the unchanged reports were not read again: a kept record, altered, shows through.
  const [key, text] = readFileSync(recordFile('shixing-wsjkj/2024.md'), 'utf8').split('\n') as [string, string]
  writeFileSync(recordFile('shixing-wsjkj/2024.md'), `${key}\n${JSON.stringify({ ...(JSON.parse(text) as ReportRecord), agency: '记录里的机关' })}\n`)
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

test('damaged kept records cost a re-read, never a wrong roll-up; those of removed reports and older forms go', async () => {
  const { content, out, options } = project('damaged')
  await buildTree(options)
  const recordFile = (rel: string) => join(out, RECORDS_NAME, `${rel}.record`)
  // One record cut in half, one of the wrong shape, one without its key line, and the older single files beside them.
  const cut = readFileSync(recordFile('ruzhou-wsjkw/2023.md'), 'utf8')
  writeFileSync(recordFile('ruzhou-wsjkw/2023.md'), cut.slice(0, cut.length / 2))
  writeFileSync(recordFile('jiyuan-wsjkw/2019.md'), `${readFileSync(recordFile('jiyuan-wsjkw/2019.md'), 'utf8').split('\n')[0]}\nnull\n`)
  writeFileSync(recordFile('shixing-wsjkj/2024.md'), readFileSync(recordFile('shixing-wsjkj/2024.md'), 'utf8').split('\n')[1]!)
  // And one made under other inputs (another key): not taken, though its report is not rebuilt.
  const [, other] = readFileSync(recordFile('xinjiang-county-wjw/2023.md'), 'utf8').split('\n') as [string, string]
  writeFileSync(recordFile('xinjiang-county-wjw/2023.md'), `${'0'.repeat(64)}\n${JSON.stringify({ ...(JSON.parse(other) as ReportRecord), agency: '旧键的机关' })}\n`)
  writeFileSync(join(out, '.nianbao-records.json'), '{"version":1,"reports":{}}')
  writeFileSync(join(out, '.nianbao-records.jsonl'), '{"nianbaoRecords":2}\n')
  appendFileSync(join(content, 'yanzhou-wsjkj', '2024.md'), '\n补充说明。\n')
  await buildTree(options)
  assert.deepEqual(written(out), await readAfresh(content))
  assert.doesNotMatch(written(out)[1], /旧键的机关/)
  assert.ok(!existsSync(join(out, '.nianbao-records.json')) && !existsSync(join(out, '.nianbao-records.jsonl')))

  // A report removed from content/: its record goes too.
  rmSync(join(content, 'shixing-wsjkj'), { recursive: true })
  await buildTree(options)
  assert.ok(!existsSync(recordFile('shixing-wsjkj/2024.md')))
  assert.ok(existsSync(recordFile('yanzhou-wsjkj/2024.md')))
  assert.deepEqual(written(out), await readAfresh(content))
})

test('a records folder that is a link is neither read, written nor emptied', async () => {
  const { content, out, options } = project('link')
  const elsewhere = mkdtempSync(join(tmpdir(), 'nianbao-records-elsewhere-'))
  writeFileSync(join(elsewhere, 'keep.txt'), 'not nianbao\'s')
  mkdirSync(out)
  symlinkSync(elsewhere, join(out, RECORDS_NAME))
  await buildTree(options)
  assert.deepEqual(readdirSync(elsewhere), ['keep.txt'])
  assert.deepEqual(written(out), await readAfresh(content))
})

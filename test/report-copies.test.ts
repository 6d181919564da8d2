/**
 * Many copies of one agency's report for one year: each copy's message names
 * a few of the others and counts the rest, so the messages (and the roll-up
 * page that lists them) grow with the copies, not with their square.
 */
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { validatePaths } from '../src/pipeline.js'
import { runRollup } from '../src/rollup/run.js'

const seed = join(import.meta.dirname, '..', 'content', 'ruzhou-wsjkw', '2024.md')

function copies(n: number): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'nianbao-copies-')), 'content', 'agency')
  mkdirSync(dir, { recursive: true })
  // One report under n file names: one agency, one year, n times.
  for (let i = 0; i < n; i++) copyFileSync(seed, join(dir, `${2024 + i}.md`))
  return join(dir, '..')
}

test('each of 40 copies names five of the others and counts them all', async () => {
  const files = await validatePaths([copies(40)])
  for (const file of files) {
    const unique = diagnosticsOf(file).filter((d) => d.ruleId === 'report-unique')
    assert.equal(unique.length, 1)
    assert.equal((unique[0]!.message.match(/\.md/g) ?? []).length, 5, unique[0]!.message)
    assert.match(unique[0]!.message, / 等 39 份/)
  }
})

test('the roll-up leaves every copy out, each with a bounded reason', async () => {
  const data = await runRollup({ paths: [copies(40)], jobs: 1 })
  const left = data.records.filter((r) => r.problems.some((p) => p.includes('report-unique')))
  assert.equal(left.length, 40)
  for (const r of left) {
    const problem = r.problems.find((p) => p.includes('report-unique'))!
    assert.equal((problem.match(/\.md/g) ?? []).length, 5)
    assert.match(problem, / 等 40 份/)
  }
})

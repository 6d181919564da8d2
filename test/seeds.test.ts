/**
 * The five real reports in content/ are tests: their diagnostics are pinned,
 * none is an error, and the mistakes each seed really has are found.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join, relative } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { validatePaths } from '../src/pipeline.js'
import { assertExpected, formatDiagnostics } from './util/fixtures.js'

const repo = join(import.meta.dirname, '..')
const content = join(repo, 'content')

test('content/ validates with warnings only; each seed pinned', async () => {
  const files = await validatePaths([content])
  assert.equal(files.length, 6)
  for (const file of files) {
    const diagnostics = diagnosticsOf(file)
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), [], `${file.path} has errors`)
    const name = relative(content, file.path).replace(/[\\/]/g, '-').replace(/\.md$/, '')
    assertExpected(join(import.meta.dirname, 'fixtures', 'seed-diagnostics', `${name}.txt`), formatDiagnostics(diagnostics, content))
  }
})

test('the seeds’ real problems are reported', async () => {
  const ids = async (path: string) => diagnosticsOf((await validatePaths([join(content, path)]))[0]!).map((d) => d.ruleId)
  // 始兴 2024 uses the 2019 layout, reports 规章 as a county bureau, and leaves 2019 columns out.
  const shixing = await ids('shixing-wsjkj/2024.md')
  assert.ok(shixing.includes('format-matches-year'))
  assert.ok(shixing.includes('regulation-making-level'))
  assert.equal(shixing.filter((id) => id === 'blank-cell').length, 8)
  // The county report's overview runs past 1,000 characters.
  assert.ok((await ids('xinjiang-county-wjw/2023.md')).includes('overview-length'))
  // 汝州 2024 is consistent: 3 received, 3 not held, text says 办理 3 件.
  assert.deepEqual(await ids('ruzhou-wsjkw/2024.md'), [])
})

test('npx nianbao validate on content/ exits 0 and prints the warnings', () => {
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'validate'], { cwd: repo, encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /content\/shixing-wsjkj\/2024\.md/)
  assert.match(run.stdout, /format-matches-year/)
  assert.match(run.stdout, /⚠ 0 个错误，\d+ 个警告/)
})

test('--format json, --lang en and --strict', () => {
  const bin = join(repo, 'bin', 'nianbao.js')
  const json = spawnSync(process.execPath, [bin, 'validate', '--format', 'json', '--lang', 'en'], { cwd: repo, encoding: 'utf8' })
  assert.equal(json.status, 0)
  const list = JSON.parse(json.stdout) as { file: string; line: number; column: number; severity: string; ruleId: string; message: string }[]
  assert.ok(list.length > 0)
  for (const d of list) {
    for (const key of ['file', 'line', 'column', 'severity', 'ruleId', 'message']) assert.ok(key in d, `missing ${key}`)
    assert.ok(['error', 'warning', 'info'].includes(d.severity))
    assert.match(d.message, /\b[A-Za-z]{3,}\b.*\b[A-Za-z]{3,}\b/, `not English: ${d.message}`)
  }
  const strict = spawnSync(process.execPath, [bin, 'validate', '--strict'], { cwd: repo, encoding: 'utf8' })
  assert.equal(strict.status, 1)
})

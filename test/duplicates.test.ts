/**
 * One report per agency and year, one report per output place: a copy saved
 * under another name or in another folder is an error naming both files, and
 * neither the single-path nor the whole-tree build writes two reports to one
 * place; out/index.html never lists an agency-year twice.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildTree } from '../src/build/build-tree.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { validatePaths } from '../src/pipeline.js'

const repo = join(import.meta.dirname, '..')
const cli = join(repo, 'bin', 'nianbao.js')
const seed = readFileSync(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
const quiet = { stdout: () => undefined, stderr: () => undefined, tty: false, jobs: 1, targets: ['html' as const] }

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-dup-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'content', path, '..'), { recursive: true })
    writeFileSync(join(dir, 'content', path), text)
  }
  return dir
}

test('validate: the same agency and year in two files is an error on each, naming the other, cause at the other file', async () => {
  const dir = tree({ 'ruzhou/2024.md': seed, 'ruzhou/2025.md': seed, 'ruzhou-copy/2024.md': seed })
  const files = await validatePaths([join(dir, 'content')])
  for (const file of files) {
    const found = diagnosticsOf(file).filter((d) => d.ruleId === 'report-unique')
    assert.equal(found.length, 1, file.path)
    assert.equal(found[0]!.severity, 'error')
    const others = files.filter((f) => f !== file).map((f) => f.path)
    for (const other of others) assert.ok(found[0]!.message.includes(other), `${file.path} names ${other}`)
    assert.ok(others.includes(found[0]!.cause!.file), 'the cause is in the other file')
    assert.equal(found[0]!.cause!.line, 4)
  }
})

test('whole-tree build: copies are not built, the others are; the index lists each agency-year once', async () => {
  const other = seed.replace('agency: 汝州市卫生健康委员会', 'agency: 汝州市教育局')
  const dir = tree({ 'ruzhou/2024.md': seed, 'edu/2024.md': other })
  const first = await buildTree({ root: join(dir, 'content'), outDir: join(dir, 'out'), ...quiet })
  assert.deepEqual([first.built, first.failed], [2, 0])
  const page = readFileSync(join(dir, 'out', 'ruzhou', '2024', 'index.html'))

  // An unedited copy saved as next year's file, and one in another folder.
  cpSync(join(dir, 'content', 'ruzhou', '2024.md'), join(dir, 'content', 'ruzhou', '2025.md'))
  mkdirSync(join(dir, 'content', 'ruzhou-old'))
  cpSync(join(dir, 'content', 'ruzhou', '2024.md'), join(dir, 'content', 'ruzhou-old', '2024.md'))
  const second = await buildTree({ root: join(dir, 'content'), outDir: join(dir, 'out'), ...quiet })
  assert.deepEqual([second.built, second.failed, second.skipped], [0, 3, 1])
  for (const result of second.results) assert.ok(result.diagnostics.some((d) => d.ruleId === 'report-unique' && d.severity === 'error'), result.path)
  assert.ok(!existsSync(join(dir, 'out', 'ruzhou-old')), 'the copy in another folder is not built')
  assert.deepEqual(readFileSync(join(dir, 'out', 'ruzhou', '2024', 'index.html')), page, 'the original outputs are kept')
  const index = readFileSync(join(dir, 'out', 'index.html'), 'utf8')
  assert.equal(index.split('汝州市卫生健康委员会').length - 1, 1, 'listed once')
  assert.match(index, /汝州市卫生健康委员会 <span class="stale">/)
  assert.equal(index.split('汝州市教育局').length - 1, 1)
})

test('whole-tree build: two folders of one name in different places would share out/<name>/: neither is built', async () => {
  const other = seed.replace('agency: 汝州市卫生健康委员会', 'agency: 某县卫生健康委员会')
  const dir = tree({ 'a/wsjkw/2024.md': seed, 'b/wsjkw/2024.md': other })
  const summary = await buildTree({ root: join(dir, 'content'), outDir: join(dir, 'out'), ...quiet })
  assert.deepEqual([summary.built, summary.failed], [0, 2])
  for (const result of summary.results) assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId), ['output-place-unique'])
  assert.ok(!existsSync(join(dir, 'out', 'wsjkw')))
})

test('single-path build refuses two reports that would share one place, even with --allow-errors', () => {
  const other = seed.replace('agency: 汝州市卫生健康委员会', 'agency: 某县卫生健康委员会')
  const dir = tree({ 'a/wsjkw/2024.md': seed, 'b/wsjkw/2024.md': other, 'c/2024.md': seed.replace('agency: 汝州市卫生健康委员会', 'agency: 某某局') })
  const out = join(dir, 'out')
  const paths = ['a/wsjkw/2024.md', 'b/wsjkw/2024.md', 'c/2024.md'].map((p) => join(dir, 'content', p))
  for (const extra of [[], ['--allow-errors']]) {
    const run = spawnSync(process.execPath, [cli, 'build', ...paths, '--out', out, ...extra], { encoding: 'utf8' })
    assert.equal(run.status, 1, run.stdout + run.stderr)
    assert.equal(run.stderr.split('output-place-unique').length - 1, 2, run.stderr)
    assert.ok(!existsSync(join(out, 'wsjkw')), 'neither clashing report is written')
    assert.ok(existsSync(join(out, 'c', '2024', 'index.html')), 'the other report is built')
  }
})

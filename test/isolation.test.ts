/**
 * One failing file never costs the others their results; the environment's
 * faults (a folder that cannot be written) are said plainly; leftovers of a
 * killed build are swept by the next plain build, and only ours; the same
 * file gets the same diagnostics alone, in a batch and in a worker thread.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildTree } from '../src/build/build-tree.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import type { Diagnostic } from '../src/diagnostics/types.js'
import { validatePaths } from '../src/pipeline.js'

const repo = join(import.meta.dirname, '..')
const cli = join(repo, 'bin', 'nianbao.js')
const seed = readFileSync(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
const agency = (name: string) => seed.replace(/^agency: .*$/m, `agency: ${name}`)
const quiet = { stdout: () => undefined, stderr: () => undefined, tty: false, targets: ['html' as const] }

/** A report whose body is a blockquote nested 10,000 deep (once a stack overflow in the Markdown parser). */
const deepQuote = agency('引用机关') + '\n' + '> '.repeat(10_000) + '深\n'
/** A report whose front matter nests 3,000 lists (the main thread's YAML parser runs out of stack, a worker's does not). */
const deepYaml = agency('深层机关').replace(/^region: .*$/m, `region: ${'['.repeat(3000)}${']'.repeat(3000)}`)

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-isolation-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'content', path, '..'), { recursive: true })
    writeFileSync(join(dir, 'content', path), text)
  }
  return dir
}

const strip = (list: Diagnostic[]) => list.map(({ file: _file, ...rest }) => rest)

test('validate good/ deep/: the good report keeps its results; the deep one gets an error, not a crash', () => {
  const dir = project({ 'good/2024.md': seed, 'deep/2024.md': deepQuote })
  const both = spawnSync(process.execPath, [cli, 'validate', 'content/good', 'content/deep', '--format', 'json'], { cwd: dir, encoding: 'utf8' })
  assert.equal(both.status, 1, both.stderr)
  assert.equal(both.stderr, '')
  const alone = spawnSync(process.execPath, [cli, 'validate', 'content/good', '--format', 'json'], { cwd: dir, encoding: 'utf8' })
  const all = JSON.parse(both.stdout) as Diagnostic[]
  assert.deepEqual(all.filter((d) => d.file.includes('good')), JSON.parse(alone.stdout))
  const deep = all.filter((d) => d.file.includes('deep'))
  assert.ok(deep.some((d) => d.severity === 'error'), JSON.stringify(deep))
  for (const d of deep) assert.ok(!/\n\s+at /.test(d.message), 'no stack trace in a message')
})

test('build: the deep report fails on its own, the good one is built', async () => {
  const dir = project({ 'good/2024.md': seed, 'deep/2024.md': deepQuote })
  const summary = await buildTree({ root: join(dir, 'content'), outDir: join(dir, 'out'), jobs: 1, ...quiet })
  assert.deepEqual([summary.built, summary.failed], [1, 1])
  assert.ok(existsSync(join(dir, 'out', 'good', '2024', 'index.html')))
  const single = spawnSync(process.execPath, [cli, 'build', 'content/deep', 'content/good', '--out', 'single'], { cwd: dir, encoding: 'utf8' })
  assert.equal(single.status, 1, single.stderr)
  assert.ok(!single.stderr.includes('内部错误：'), 'not the CLI-level internal error')
  assert.ok(existsSync(join(dir, 'single', 'good', '2024', 'index.html')))
})

test('a folder that cannot be written: a plain message naming the file (exit 2), never an internal error', () => {
  const dir = project({ 'a/2024.md': seed })
  mkdirSync(join(dir, 'out', 'index.html'), { recursive: true })
  const run = spawnSync(process.execPath, [cli, 'build', '--to', 'html'], { cwd: dir, encoding: 'utf8' })
  assert.equal(run.status, 2, run.stdout + run.stderr)
  assert.match(run.stderr, /nianbao: 无法写入 out\/index\.html：同名的文件夹已存在（EISDIR）/)
  assert.ok(!/内部错误|\.tmp/.test(run.stderr), run.stderr)
  writeFileSync(join(dir, 'file'), 'x')
  const blocked = spawnSync(process.execPath, [cli, 'build', '--to', 'html', '--out', 'file/out'], { cwd: dir, encoding: 'utf8' })
  assert.equal(blocked.status, 2)
  assert.match(blocked.stderr, /无法写入 file\/out\/a\/2024\/index\.html：.*（ENOTDIR）/)
  assert.ok(!/内部错误/.test(blocked.stderr), blocked.stderr)
})

test('the next plain build sweeps a killed build\'s temporary files — only nianbao\'s, only of dead processes', async () => {
  const dir = project({ 'a/2024.md': seed })
  const options = { root: join(dir, 'content'), outDir: join(dir, 'out'), jobs: 1, ...quiet }
  await buildTree(options)
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
  const folder = join(dir, 'out', 'a', '2024')
  const left = join(folder, `.index.html.nianbao-${dead}-1.tmp`)
  const live = join(folder, `.index.html.nianbao-${process.pid}-1.tmp`)
  const foreign = join(folder, '.notes.1-2.tmp')
  for (const path of [left, live, foreign]) writeFileSync(path, 'partial')
  const again = await buildTree(options)
  assert.deepEqual([again.built, again.skipped], [0, 1], 'the report itself is unchanged')
  assert.ok(!existsSync(left), 'the dead build\'s file is swept')
  assert.ok(existsSync(live), 'a running build\'s file is kept')
  assert.ok(existsSync(foreign), 'a file that is not ours is kept')

  // A folder of out/ that is a link to elsewhere: its leftovers are not swept through the link.
  const elsewhere = mkdtempSync(join(tmpdir(), 'nianbao-isolation-elsewhere-'))
  const outside = join(elsewhere, `.index.html.nianbao-${dead}-1.tmp`)
  writeFileSync(outside, 'not ours to remove')
  mkdirSync(join(dir, 'content', 'b'))
  writeFileSync(join(dir, 'content', 'b', '2024.md'), seed.replace('汝州市卫生健康委员会', '另一机关'))
  symlinkSync(elsewhere, join(dir, 'out', 'b'))
  await buildTree(options)
  assert.ok(existsSync(outside), 'a file behind a link out of out/ is kept')
})

test('the same file gets the same diagnostics alone, in a batch and in a worker thread; the YAML error is translated', async () => {
  const others = Object.fromEntries(['b', 'c', 'd', 'e'].map((name) => [`${name}/2024.md`, agency(`${name}局`)]))
  const dir = project({ ...others, 'deep/2024.md': deepYaml })
  const path = join(dir, 'content', 'deep', '2024.md')
  const alone = strip(diagnosticsOf((await validatePaths([path]))[0]!))
  const batch = strip((await validatePaths([join(dir, 'content')])).flatMap((f) => (f.path === path ? diagnosticsOf(f) : [])))
  assert.deepEqual(batch, alone)
  assert.equal(alone.filter((d) => d.severity === 'error').length, 1, JSON.stringify(alone))
  assert.ok(!alone.some((d) => /RESOURCE_EXHAUSTION|call stack/.test(d.message)), 'translated')
  const tree = await buildTree({ root: join(dir, 'content'), outDir: join(dir, 'out'), jobs: 2, ...quiet })
  const inWorker = tree.results.find((r) => r.path === path)!
  assert.deepEqual(strip(inWorker.diagnostics), alone)
})

test('a YAML library warning (an unknown tag) is a positioned diagnostic, never text on stderr', () => {
  const dir = project({ 'a/2024.md': seed.replace(/^region: (.*)$/m, 'region: !custom $1') })
  const run = spawnSync(process.execPath, [cli, 'validate', 'content', '--format', 'json', '--lang', 'en'], { cwd: dir, encoding: 'utf8' })
  assert.equal(run.stderr, '')
  const found = (JSON.parse(run.stdout) as Diagnostic[]).filter((d) => d.ruleId === 'yaml-unambiguous')
  assert.deepEqual(found.map((d) => [d.line, d.column, d.severity]), [[6, 9, 'warning']])
  assert.match(found[0]!.message, /unknown tag !custom, read as plain text/)
})

test('a report too large for a worker thread’s heap is built again in the main thread, not lost', async () => {
  const dir = project(Object.fromEntries(['a', 'b', 'c', 'd'].map((name) => [`${name}/2024.md`, agency(`${name}局`)])))
  // A heap of 4 MB holds not even the renderer's modules: every worker stops at its cap.
  const summary = await buildTree({ root: join(dir, 'content'), outDir: join(dir, 'out'), jobs: 2, workerHeapMb: 4, ...quiet })
  assert.deepEqual([summary.built, summary.failed], [4, 0], JSON.stringify(summary.results.map((r) => r.failure)))
  for (const name of ['a', 'b', 'c', 'd']) assert.ok(readFileSync(join(dir, 'out', name, '2024', 'index.html'), 'utf8').includes(`${name}局`))
})

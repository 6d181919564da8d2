/**
 * A Markdown file in a report folder that is not named `<year>.md` is not
 * read — and is said so by `validate` and `build`, with the name to use.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildTree } from '../src/build/build-tree.js'

const repo = join(import.meta.dirname, '..')
const cli = join(repo, 'bin', 'nianbao.js')
const seed = readFileSync(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-names-'))
  mkdirSync(join(dir, 'content', 'ruzhou'), { recursive: true })
  writeFileSync(join(dir, 'content', 'ruzhou', '2024.md'), seed)
  writeFileSync(join(dir, 'content', 'ruzhou', '2025年报告.md'), seed.replace('year: 2024', 'year: 2025'))
  writeFileSync(join(dir, 'content', 'ruzhou', '2025.markdown'), seed)
  writeFileSync(join(dir, 'content', 'ruzhou', 'README.md'), '# 说明\n')
  return dir
}

test('validate names every Markdown file it did not read, with the name to use; README is documentation', () => {
  const dir = project()
  const run = spawnSync(process.execPath, [cli, 'validate', 'content', '--format', 'json'], { cwd: dir, encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  const found = (JSON.parse(run.stdout) as { file: string; ruleId: string; message: string }[]).filter((d) => d.ruleId === 'report-file-name')
  assert.deepEqual(
    found.map((d) => [d.file, /改名为 (\S+?\.md)/.exec(d.message)?.[1]]),
    [
      [join('content', 'ruzhou', '2025.markdown'), '2025.md'],
      [join('content', 'ruzhou', '2025年报告.md'), '2025.md'],
    ],
  )
  const strict = spawnSync(process.execPath, [cli, 'validate', 'content', '--strict'], { cwd: dir, encoding: 'utf8' })
  assert.equal(strict.status, 1, 'a warning: --strict fails on it')
})

test('a folder with no <year>.md but a misnamed report: the notice, then "no report files", exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-names-'))
  mkdirSync(join(dir, 'agency'))
  writeFileSync(join(dir, 'agency', 'report.md'), seed)
  const run = spawnSync(process.execPath, [cli, 'validate', 'agency'], { cwd: dir, encoding: 'utf8' })
  assert.equal(run.status, 2)
  assert.match(run.stderr, /未读取 report\.md.*report-file-name/)
  assert.match(run.stderr, /没有找到报告文件/)
})

test('build (whole tree and single path) reports the files it did not read and builds the rest', async () => {
  const dir = project()
  const errors: string[] = []
  const summary = await buildTree({
    root: join(dir, 'content'),
    outDir: join(dir, 'out'),
    jobs: 1,
    tty: false,
    targets: ['html'],
    stdout: () => undefined,
    stderr: (t) => void errors.push(t),
  })
  assert.deepEqual([summary.built, summary.failed], [1, 0])
  assert.deepEqual(summary.ignored, [join(dir, 'content', 'ruzhou', '2025.markdown'), join(dir, 'content', 'ruzhou', '2025年报告.md')])
  assert.equal(errors.join('').split('report-file-name').length - 1, 2)
  assert.equal(summary.warnings >= 2, true)
  const single = spawnSync(process.execPath, [cli, 'build', 'content', '--out', 'single'], { cwd: dir, encoding: 'utf8' })
  assert.equal(single.status, 0, single.stderr)
  assert.match(single.stdout, /已生成 1 份报告，共 1 份/)
  assert.equal(single.stderr.split('report-file-name').length - 1, 2)
})

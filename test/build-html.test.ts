/**
 * `nianbao build --to html` end to end, through the real binary (dist/):
 * where pages go, reports with errors are not built while the others are,
 * usage errors, and same input → same bytes.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const repo = join(import.meta.dirname, '..')

function nianbao(args: string[]) {
  const result = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), ...args], { cwd: repo, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

async function workspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nianbao-build-'))
  const seed = await readFile(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
  await mkdir(join(root, 'content', 'good'), { recursive: true })
  await mkdir(join(root, 'content', 'broken'), { recursive: true })
  await writeFile(join(root, 'content', 'good', '2024.md'), seed)
  // 5 received but only 3 handled: 一 + 二 ≠ 三（七） + 四, an error.
  // Another agency: the same agency and year twice would be an error of its own (report-unique).
  const broken = seed.replace('received: [3, 0, 0, 0, 0, 0, 3]', 'received: [5, 0, 0, 0, 0, 0, 5]').replace(/^agency: (.*)$/m, 'agency: $1（草稿）')
  await writeFile(join(root, 'content', 'broken', '2024.md'), broken)
  return root
}

test('build writes out/<agency>/<year>/index.html; a report with errors is not built, the others are, exit 1', async () => {
  const root = await workspace()
  const out = join(root, 'out')
  const run = nianbao(['build', join(root, 'content'), '--to', 'html', '--out', out])
  assert.equal(run.code, 1, run.stderr)
  const page = await readFile(join(out, 'good', '2024', 'index.html'), 'utf8')
  assert.match(page, /^<!DOCTYPE html>/)
  assert.match(page, /<h1 class="report-title">汝州市卫生健康委员会2024年政府信息公开工作年度报告<\/h1>/)
  assert.deepEqual(await readdir(out), ['good'], 'the broken report has no output')
  assert.match(run.stderr, /broken[\\/]2024\.md\n.*错误.*requests-balance/)
  assert.match(run.stdout, /已生成 .*good[\\/]2024[\\/]index\.html/)
  assert.match(run.stdout, /已生成 1 份报告，共 2 份；1 份有错误，未生成/)
  // No temporary files are left beside the page.
  assert.deepEqual(await readdir(join(out, 'good', '2024')), ['index.html'])
})

test('build is reproducible: the same report twice gives the same bytes', async () => {
  const root = await workspace()
  const a = nianbao(['build', join(root, 'content', 'good'), '--out', join(root, 'a')])
  const b = nianbao(['build', join(root, 'content', 'good'), '--out', join(root, 'b')])
  assert.equal(a.code, 0, a.stderr)
  assert.equal(b.code, 0, b.stderr)
  assert.equal(await readFile(join(root, 'a', 'good', '2024', 'index.html'), 'utf8'), await readFile(join(root, 'b', 'good', '2024', 'index.html'), 'utf8'))
})

test('--allow-errors builds a report with errors for preview but still exits 1; --force does not', async () => {
  const root = await workspace()
  const forced = nianbao(['build', join(root, 'content', 'broken'), '--out', join(root, 'forced'), '--force'])
  assert.equal(forced.code, 1)
  await assert.rejects(readFile(join(root, 'forced', 'broken', '2024', 'index.html'), 'utf8'))
  const run = nianbao(['build', join(root, 'content', 'broken'), '--out', join(root, 'out'), '--allow-errors'])
  assert.equal(run.code, 1)
  assert.match(await readFile(join(root, 'out', 'broken', '2024', 'index.html'), 'utf8'), /<table class="stats-table" id="table-requests">/)
})

test('--templates from the command line replaces one partial', async () => {
  const root = await workspace()
  const templates = join(root, 'my-templates')
  await mkdir(templates)
  await writeFile(join(templates, 'letterhead.hbs'), '<header class="report-header">\n<p>内部审核稿</p>\n<h1 class="report-title">{{title}}</h1>\n</header>\n')
  const run = nianbao(['build', join(root, 'content', 'good'), '--out', join(root, 'out'), '--templates', templates])
  assert.equal(run.code, 0, run.stderr)
  const page = await readFile(join(root, 'out', 'good', '2024', 'index.html'), 'utf8')
  assert.match(page, /<p>内部审核稿<\/p>/)
  assert.match(page, /<section class="report-section" id="section-6">/)
})

test('usage errors exit 2: unknown --to, missing --templates folder, no reports', async () => {
  const root = await workspace()
  const unknown = nianbao(['build', join(root, 'content'), '--to', 'html,epub', '--out', join(root, 'out')])
  assert.equal(unknown.code, 2)
  assert.match(unknown.stderr, /--to 的取值应为 html、pdf、docx、bundle.*epub/)
  const templates = nianbao(['build', join(root, 'content'), '--templates', join(root, 'nowhere'), '--out', join(root, 'out')])
  assert.equal(templates.code, 2)
  assert.match(templates.stderr, /模板目录不存在/)
  await mkdir(join(root, 'empty'))
  assert.equal(nianbao(['build', join(root, 'empty'), '--out', join(root, 'out')]).code, 2)
})

/**
 * Whole-tree build (`nianbao build`, `npm start`): every report to page,
 * PDF and bundle plus out/index.html; incremental skips and rebuilds; a
 * report that turns bad keeps its outputs, marked stale; a killed build
 * leaves no partial file.
 */
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { test } from 'node:test'
import { VFile } from 'vfile'
import { buildTree, type BuildTreeOptions } from '../src/build/build-tree.js'
import { TEMP_PATTERN } from '../src/build/write-atomic.js'
import { verifyBundleBytes } from '../src/bundle/verify.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'bin', 'nianbao.js')
const reports = ['jiyuan-wsjkw/2019', 'ruzhou-wsjkw/2023', 'ruzhou-wsjkw/2024', 'shixing-wsjkj/2024', 'xinjiang-county-wjw/2023', 'yanzhou-wsjkj/2024']

/** A temporary project folder with a copy of content/ (and `copies` extra agencies per seed). */
function project(copies = 0): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-build-'))
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true })
  for (let i = 1; i <= copies; i++)
    for (const report of reports) {
      const [agency, year] = report.split('/') as [string, string]
      mkdirSync(join(dir, 'content', `${agency}-${i}`), { recursive: true })
      // Another agency each (the same agency and year twice is an error, report-unique).
      const text = readFileSync(join(root, 'content', `${report}.md`), 'utf8').replace(/^agency: (.*)$/m, `agency: $1${i}`)
      writeFileSync(join(dir, 'content', `${agency}-${i}`, `${year}.md`), text)
    }
  return dir
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walk(path, out)
    else out.push(path)
  }
  return out
}

const quiet = { stdout: () => undefined, stderr: () => undefined, tty: false }

function treeOptions(dir: string, extra: BuildTreeOptions = {}): BuildTreeOptions {
  return { root: join(dir, 'content'), outDir: join(dir, 'out'), jobs: 1, ...quiet, ...extra }
}

function verifyFile(path: string) {
  const file = new VFile({ path })
  verifyBundleBytes(file, readFileSync(path))
  return diagnosticsOf(file)
}

test('nianbao build with no paths builds every report to page, PDF and bundle, plus the index (npm start)', () => {
  const dir = project()
  const run = spawnSync(process.execPath, [cli, 'build'], { cwd: dir, encoding: 'utf8' })
  assert.equal(run.status, 0, run.stdout + run.stderr)
  // Not a TTY here: one plain line per report, then the summary.
  assert.match(run.stdout, /^\[1\/6\] 已生成 content\//m)
  assert.match(run.stdout, /已生成 6 份，跳过 0 份（未改动），失败 0 份，警告 \d+ 个，用时 [\d.]+ 秒/)
  const out = join(dir, 'out')
  for (const report of reports) {
    for (const name of ['index.html', 'report.pdf', 'data.json', 'data.csv']) assert.ok(existsSync(join(out, report, name)), `${report}/${name}`)
    assert.deepEqual(verifyFile(join(out, `${report}.zip`)), [], `${report}.zip verifies`)
  }
  const index = readFileSync(join(out, 'index.html'), 'utf8')
  assert.match(index, /^<!DOCTYPE html>/)
  for (const report of reports) {
    assert.ok(index.includes(`href="${report}/index.html"`), report)
    assert.ok(index.includes(`href="${report}/report.pdf"`), report)
    assert.ok(index.includes(`href="${report}.zip"`), report)
    // The archive's hash beside its link, as in <year>.zip.sha256.
    assert.ok(index.includes(readFileSync(join(out, `${report}.zip.sha256`), 'utf8').split(' ')[0]!), `${report}: SHA-256 shown`)
  }
  assert.ok(index.includes('汝州市卫生健康委员会'))
  // The supervisor's pages: the comparison where a previous year exists, the roll-up, the dataset.
  assert.ok(index.includes('href="ruzhou-wsjkw/2024/compare.html"'), 'the dashboard links the comparison')
  assert.ok(index.includes('href="rollup/index.html"'), 'and the roll-up')
  for (const name of ['ruzhou-wsjkw/2024/compare.html', 'ruzhou-wsjkw/2024/compare.pdf', 'rollup/index.html', 'rollup/rollup.pdf', 'rollup/rollup.csv', 'dataset/cells.csv', 'dataset/year=2024/part-0.parquet'])
    assert.ok(existsSync(join(out, name)), name)
  assert.ok(!existsSync(join(out, 'ruzhou-wsjkw', '2023', 'compare.html')), 'no comparison without a previous year')
  // 汝州 2024: 3 applications received, none granted in full.
  assert.match(index, /汝州市卫生健康委员会<\/th><td>2024<\/td><td class="num">3<\/td><td class="num">0%<\/td>/)
  const verify = spawnSync(process.execPath, [cli, 'verify', ...reports.map((r) => join(out, `${r}.zip`))], { encoding: 'utf8' })
  assert.equal(verify.status, 0, verify.stdout)
})

test('incremental: an unchanged tree is skipped; a source, template or --force change rebuilds what it touches', async () => {
  const dir = project()
  const agencyCss = join(dir, 'content', 'ruzhou-wsjkw', 'templates', 'style.css')
  mkdirSync(join(dir, 'content', 'ruzhou-wsjkw', 'templates'))
  writeFileSync(agencyCss, 'body { color: #000001; }\n')
  const first = await buildTree(treeOptions(dir))
  assert.deepEqual([first.built, first.skipped, first.failed], [6, 0, 0])
  const page = join(dir, 'out', 'ruzhou-wsjkw', '2024', 'index.html')
  const before = readFileSync(page, 'utf8')

  const again = await buildTree(treeOptions(dir))
  assert.deepEqual([again.built, again.skipped], [0, 6])

  // An agency's own template override changes that agency's page only.
  writeFileSync(agencyCss, 'body { color: #123456; }\n')
  const template = await buildTree(treeOptions(dir))
  assert.deepEqual([template.built, template.skipped], [2, 4])
  assert.deepEqual(template.results.map((r) => relative(dir, r.path)), [join('content', 'ruzhou-wsjkw', '2023.md'), join('content', 'ruzhou-wsjkw', '2024.md')])
  const after = readFileSync(page, 'utf8')
  assert.notEqual(after, before)
  assert.ok(after.includes('#123456'))

  // A source edit rebuilds that report.
  const source = join(dir, 'content', 'yanzhou-wsjkj', '2024.md')
  writeFileSync(source, readFileSync(source, 'utf8') + '\n补充说明。\n')
  const edited = await buildTree(treeOptions(dir))
  assert.deepEqual([edited.built, edited.skipped], [1, 5])

  // --templates applies to every report; --force rebuilds all regardless.
  const override = join(dir, 'override')
  mkdirSync(override)
  writeFileSync(join(override, 'style.css'), 'body { color: #654321; }\n')
  const all = await buildTree(treeOptions(dir, { templates: override }))
  assert.deepEqual([all.built, all.skipped], [6, 0])
  const forced = await buildTree(treeOptions(dir, { templates: override, force: true }))
  assert.deepEqual([forced.built, forced.skipped], [6, 0])
  // data.json carries the diagnostics: another severity for a rule rebuilds.
  const severity = await buildTree(treeOptions(dir, { templates: override, severities: { 'overview-length': 'off' } }))
  assert.deepEqual([severity.built, severity.skipped], [6, 0])
  const deleted = join(dir, 'out', 'jiyuan-wsjkw', '2019.zip')
  // A missing output is rebuilt even when the inputs did not change.
  await import('node:fs/promises').then((fs) => fs.rm(deleted))
  const repaired = await buildTree(treeOptions(dir, { templates: override, severities: { 'overview-length': 'off' } }))
  assert.deepEqual([repaired.built, repaired.skipped], [1, 5])
  assert.ok(existsSync(deleted))
})

test('a report that now has errors keeps its previous outputs and is marked stale', async () => {
  const dir = project()
  await buildTree(treeOptions(dir))
  const zip = join(dir, 'out', 'shixing-wsjkj', '2024.zip')
  const pdf = join(dir, 'out', 'shixing-wsjkj', '2024', 'report.pdf')
  const oldZip = readFileSync(zip)
  const oldPdf = readFileSync(pdf)
  const source = join(dir, 'content', 'shixing-wsjkj', '2024.md')
  writeFileSync(source, readFileSync(source, 'utf8').replace(/received: \[/, 'received: [-5, '))
  const lines: string[] = []
  const summary = await buildTree(treeOptions(dir, { stdout: (t) => void lines.push(t) }))
  assert.deepEqual([summary.built, summary.failed, summary.skipped], [0, 1, 5])
  assert.equal(summary.stale.length, 1)
  assert.ok(summary.errors > 0)
  assert.deepEqual(readFileSync(zip), oldZip)
  assert.deepEqual(readFileSync(pdf), oldPdf)
  assert.match(lines.join(''), /已过期：.*shixing-wsjkj.*2024\.md（有错误，保留上次的输出）/)
  assert.match(lines.join(''), /失败 1 份（1 份保留上次的输出，已过期）/)
  const index = readFileSync(join(dir, 'out', 'index.html'), 'utf8')
  assert.match(index, /始兴县卫生健康局 <span class="stale">/)
  // Still broken on the next run: still stale, still rebuilt (validated) rather than skipped.
  const next = await buildTree(treeOptions(dir))
  assert.deepEqual([next.failed, next.skipped, next.stale.length], [1, 5, 1])
})

test('worker threads build the same bytes as an in-process build', async () => {
  const dir = project()
  await buildTree(treeOptions(dir, { jobs: 1 }))
  const single = new Map(walk(join(dir, 'out')).filter((p) => !p.endsWith('.nianbao-cache.json')).map((p) => [relative(dir, p), readFileSync(p)]))
  const parallel = await buildTree(treeOptions(dir, { jobs: 2, force: true }))
  assert.equal(parallel.built, 6)
  for (const [path, bytes] of single) assert.deepEqual(readFileSync(join(dir, path)), bytes, path)
})

test('a build killed mid-way leaves no partial file, and the next build completes', async () => {
  const dir = project(3)
  const child = spawn(process.execPath, [cli, 'build', '--jobs', '2'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (/\[\s*3\/24\]/.test(chunk.toString())) resolve()
    })
    child.on('exit', () => resolve())
  })
  child.kill('SIGKILL')
  await new Promise((resolve) => child.on('close', resolve))

  const files = walk(join(dir, 'out'))
  const finished = files.filter((p) => !TEMP_PATTERN.test(p.split('/').pop()!))
  assert.ok(finished.some((p) => p.endsWith('.zip')), 'some reports were finished before the kill')
  assert.ok(!existsSync(join(dir, 'out', 'index.html')) || readFileSync(join(dir, 'out', 'index.html'), 'utf8').endsWith('</html>\n'))
  for (const path of finished) {
    const bytes = readFileSync(path)
    if (path.endsWith('.zip')) assert.deepEqual(verifyFile(path), [], path)
    else if (path.endsWith('.pdf')) assert.match(bytes.subarray(-8).toString('latin1'), /%%EOF\s*$/, path)
    else if (path.endsWith('.html')) assert.ok(bytes.toString('utf8').trimEnd().endsWith('</html>'), path)
    else if (path.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(bytes.toString('utf8')), path)
    else if (path.endsWith('.csv')) assert.ok(bytes.toString('utf8').endsWith('\r\n'), path)
  }

  const rerun = spawnSync(process.execPath, [cli, 'build'], { cwd: dir, encoding: 'utf8' })
  assert.equal(rerun.status, 0, rerun.stdout + rerun.stderr)
  const after = walk(join(dir, 'out'))
  assert.deepEqual(after.filter((p) => TEMP_PATTERN.test(p.split('/').pop()!)), [], 'leftover temporary files are swept')
  assert.equal(after.filter((p) => p.endsWith('.zip')).length, 24)
})

test('the site index escapes agency names and folder names', async () => {
  const { renderSiteIndex } = await import('../src/build/site-index.js')
  const html = renderSiteIndex([
    {
      dir: 'x"><script>alert(1)</script>',
      year: 2024,
      agency: '<img src=x onerror=alert(1)>局',
      formatDocument: '国办公开办函〔2021〕30号',
      figures: { received: 1200, granted: 3, processed: 4 },
      links: { html: 'x"><script>alert(1)</script>/2024/index.html' },
      stale: false,
    },
  ])
  assert.ok(!html.includes('<script>alert'), 'no script element')
  assert.ok(!html.includes('<img'), 'no img element')
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;局'))
  assert.ok(html.includes('href="x%22%3E%3Cscript%3Ealert(1)%3C/script%3E/2024/index.html"'))
  assert.ok(html.includes('<td class="num">1,200</td><td class="num">75.0%</td>'))
  assert.ok(html.includes('<span class="missing">PDF</span>'), 'a missing output is not a link')
})

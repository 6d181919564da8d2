/**
 * `nianbao bind` on the seeds: the narrative numbers that agree with their
 * tables become references, the published text stays the same, the front
 * matter is untouched, a second run changes nothing, and a number that
 * contradicts its table is never rewritten.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { bindDiff, bindReport } from '../src/bind/bind.js'
import { exportSections } from '../src/bundle/export-sections.js'
import { loadReportFromText } from '../src/source/report.js'

const root = join(import.meta.dirname, '..')
const seed = (path: string) => readFileSync(join(root, 'content', path), 'utf8')

function bind(path: string, text: string) {
  const file = loadReportFromText(path, text)
  return { file, ...bindReport(file, text) }
}

const published = (path: string, text: string) => exportSections(loadReportFromText(path, text)).map((s) => s.text)

const expected: Record<string, string[]> = {
  'jiyuan-wsjkw/2019.md': ['2 → {收到申请}'],
  'ruzhou-wsjkw/2024.md': ['3 → {办结}'],
  'yanzhou-wsjkj/2024.md': ['1 → {收到申请}'],
  'shixing-wsjkj/2024.md': [],
  'xinjiang-county-wjw/2023.md': [],
}

for (const [path, rewrites] of Object.entries(expected)) {
  test(`bind ${path}: ${rewrites.length ? rewrites.join(', ') : 'nothing to rewrite'}; same published text; idempotent`, () => {
    const original = seed(path)
    const first = bind(path, original)
    assert.deepEqual(first.rewrites.map((r) => `${r.before} → ${r.after}`), rewrites)
    for (const r of first.rewrites) assert.equal(r.printed, r.before, 'the reference prints the number it replaces')
    const bodyOffset = first.file.data.source!.bodyOffset
    assert.equal(first.text.slice(0, bodyOffset), original.slice(0, bodyOffset), 'the front matter is untouched')
    assert.deepEqual(published(path, first.text), published(path, original), 'the published narrative is the same')
    const second = bind(path, first.text)
    assert.deepEqual(second.rewrites, [], 'a second run changes nothing')
    assert.equal(second.text, first.text)
  })
}

test('a number that contradicts its table is never rewritten; one that agrees in the same text is', () => {
  const original = seed('ruzhou-wsjkw/2024.md').replace('全年，办理政府信息公开申请 3 件。', '全年，办理政府信息公开申请 3 件，结转下年度 2 件，被申请行政复议 0 件。')
  const { rewrites, text } = bind('content/ruzhou-wsjkw/2024.md', original)
  assert.deepEqual(rewrites.map((r) => r.after), ['{办结}', '{行政复议总数}'])
  assert.match(text, /结转下年度 2 件/)
})

test('rates keep their sign in the reference, Chinese numerals become the reference too', () => {
  const original = seed('ruzhou-wsjkw/2024.md').replace('全年，办理政府信息公开申请 3 件。', '全年共收到政府信息公开申请三件，无法提供率 100%。')
  const { rewrites } = bind('content/ruzhou-wsjkw/2024.md', original)
  assert.deepEqual(rewrites.map((r) => `${r.before} → ${r.after} (${r.printed})`), ['三 → {收到申请} (3)', '100% → {无法提供率} (100%)'])
})

test('the diff is a unified diff of the body lines only', () => {
  const original = seed('ruzhou-wsjkw/2024.md')
  const { text } = bind('content/ruzhou-wsjkw/2024.md', original)
  const diff = bindDiff('content/ruzhou-wsjkw/2024.md', original, text)
  assert.match(diff, /^--- a\/content\/ruzhou-wsjkw\/2024\.md\n\+\+\+ b\/content\/ruzhou-wsjkw\/2024\.md\n@@ /)
  assert.deepEqual(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l)).map((l) => l[0]), ['-', '+'])
  assert.equal(bindDiff('x.md', original, original), '')
})

test('nianbao bind --write rewrites the file; a second run prints no diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bind-'))
  cpSync(join(root, 'content', 'ruzhou-wsjkw'), join(dir, 'ruzhou-wsjkw'), { recursive: true })
  const file = join(dir, 'ruzhou-wsjkw', '2024.md')
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'nianbao.js'), 'bind', ...args], { cwd: dir, encoding: 'utf8' })
  const dry = cli('ruzhou-wsjkw/2024.md')
  assert.equal(dry.status, 0, dry.stderr)
  assert.match(dry.stdout, /\+全年，办理政府信息公开申请 \{办结\} 件。|\{办结\}/)
  assert.equal(readFileSync(file, 'utf8'), seed('ruzhou-wsjkw/2024.md'), 'without --write nothing is written')
  const written = cli('ruzhou-wsjkw/2024.md', '--write')
  assert.equal(written.status, 0, written.stderr)
  assert.match(readFileSync(file, 'utf8'), /办理政府信息公开申请 \{办结\} 件/)
  const again = cli('ruzhou-wsjkw/2024.md', '--write')
  assert.equal(again.stdout, '')
  assert.match(again.stderr, /没有可改写的数字/)
})

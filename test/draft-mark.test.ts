/**
 * A report built with errors (`--allow-errors`) is a draft everywhere a
 * reader meets it: the page opens with a 草稿 notice and its title says
 * so, the PDF made from the page carries the notice, and data.json has
 * `"draft": true`. A report without errors carries none of it.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { markDraft } from '../src/render/draft.js'
import { plainText, readPdf } from './util/pdf-text.js'

const repo = join(import.meta.dirname, '..')
const seed = readFileSync(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')

test('build --allow-errors: the page, the PDF and data.json say 草稿; a sound report does not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-draft-'))
  for (const name of ['broken', 'good']) mkdirSync(join(dir, name))
  // 5 received, 3 handled: one balance error (and its total), built anyway.
  writeFileSync(join(dir, 'broken', '2024.md'), seed.replace('received: [3, 0, 0, 0, 0, 0, 3]', 'received: [5, 0, 0, 0, 0, 0, 5]'))
  writeFileSync(join(dir, 'good', '2024.md'), seed.replace(/^agency: (.*)$/m, 'agency: $1（另一机关）'))
  const out = join(dir, 'out')
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'build', join(dir, 'broken'), join(dir, 'good'), '--to', 'html,pdf,bundle', '--allow-errors', '--out', out], { encoding: 'utf8' })
  assert.equal(run.status, 1, run.stderr)

  const page = readFileSync(join(out, 'broken', '2024', 'index.html'), 'utf8')
  assert.match(page, /<title>【草稿】/)
  assert.match(page, /<article class="report">\n<p class="draft-mark">草稿：此报告有 \d+ 个错误，仅供预览，不得发布<\/p>/)
  const data = JSON.parse(readFileSync(join(out, 'broken', '2024', 'data.json'), 'utf8')) as { draft: boolean; validation: { errors: number } }
  assert.equal(data.draft, true)
  assert.ok(data.validation.errors > 0)
  const pdf = await readPdf(new Uint8Array(readFileSync(join(out, 'broken', '2024', 'report.pdf'))))
  assert.ok(plainText(pdf.items).startsWith('草稿：此报告有'), plainText(pdf.items).slice(0, 40))

  const good = readFileSync(join(out, 'good', '2024', 'index.html'), 'utf8')
  assert.ok(!good.includes('<p class="draft-mark">') && !good.includes('【草稿】'))
  assert.equal((JSON.parse(readFileSync(join(out, 'good', '2024', 'data.json'), 'utf8')) as { draft: boolean }).draft, false)
})

test('the notice goes into any template\'s page: after <article>, else after <body>, else first', () => {
  assert.match(markDraft('<html><head><title>T</title></head><body class="x"><main>m</main></body></html>', 1), /<title>【草稿】T<\/title>.*<body class="x">\n<p class="draft-mark">草稿：此报告有 1 个错误/s)
  assert.match(markDraft('<p>bare</p>', 3), /^<p class="draft-mark">草稿：此报告有 3 个错误，仅供预览，不得发布<\/p>\n<p>bare<\/p>$/)
})

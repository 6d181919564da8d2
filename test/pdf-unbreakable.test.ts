/**
 * A table part estimated to fit a page that turns out taller loses nothing
 * (render/pdf/unbreakable-guard.ts): pdfmake keeps only the first page of
 * an `unbreakable` block, so the document is laid out again with the table
 * free to break, and the estimate's miss is said.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { VFile } from 'vfile'
import { renderPdf } from '../src/render/pdf/index.js'
import { plainText, readPdf } from './util/pdf-text.js'

/**
 * Thirty rows whose four number cells the height estimate takes for one line each: it counts an
 * arrow as 0.6 em, the font sets it a full em wide, so each cell takes two lines.
 */
const rows = Array.from({ length: 30 }, (_, i) => `<tr><th scope="row">第${i + 1}行</th>${`<td class="num">${'→'.repeat(12)}</td>`.repeat(4)}</tr>`).join('\n')
const HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>例</title></head><body>
<article class="report"><header class="report-header"><h1 class="report-title">某局2024年政府信息公开工作年度报告</h1></header>
<section class="report-section"><h2>二、主动公开政府信息情况</h2>
<table class="stats-table"><caption>箭头表</caption><thead><tr><th scope="col">行</th>${'<th scope="col">数值</th>'.repeat(4)}</tr></thead>
<tbody>${rows}</tbody></table></section></article></body></html>`

test('a table part that proves taller than its page is laid out again across pages: every row is there, and a warning says so', async () => {
  const file = new VFile({ path: 'content/某局/2024.md' })
  const pdf = await renderPdf(HTML, file)
  assert.ok(pdf)
  const read = await readPdf(pdf)
  const text = plainText(read.items).replace(/\s+/g, '')
  for (let i = 1; i <= 30; i++) assert.ok(text.includes(`第${i}行`), `row ${i}`)
  for (let page = 1; page <= read.pages; page++)
    assert.ok(read.items.some((item) => item.page === page && !/^[—\s\d]*$/.test(item.text)), `page ${page} has content`)
  const warnings = file.messages.filter((m) => m.ruleId === 'pdf-table-fits-page')
  assert.equal(warnings.length, 1)
  assert.match(warnings[0]!.reason, /箭头表/)
})

test('a table that fits is kept whole and nothing is said', async () => {
  const file = new VFile({ path: 'content/某局/2024.md' })
  const short = HTML.replace(rows, rows.split('\n').slice(0, 5).join('\n'))
  const pdf = await renderPdf(short, file)
  assert.ok(pdf)
  assert.deepEqual(file.messages.map((m) => m.ruleId), [])
})

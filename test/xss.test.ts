/**
 * Nothing an author or a YAML value writes becomes active content: script,
 * event handlers, style, javascript:/data: URLs, frames, images fetched from
 * elsewhere. Pages are parsed with rehype-parse (parse5, the way browsers
 * parse); test/browser.test.ts runs the same pages in Chromium.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'node:test'
import { toText } from 'hast-util-to-text'
import { renderHtml } from '../src/render/html.js'
import { markdownToHtml } from '../src/render/markdown.js'
import { loadReportFromText } from '../src/source/report.js'
import { elements, parseHtml } from './util/html-grid.js'
import { activeContent, payloads, reportWith } from './util/xss.js'

const css = await readFile(join(import.meta.dirname, '..', 'templates', 'official', 'style.css'), 'utf8')

test('at least 30 payloads', () => {
  assert.ok(payloads.length >= 30, `${payloads.length} payloads`)
})

for (const [index, payload] of payloads.entries()) {
  test(`payload ${index + 1} stays inert in YAML strings and Markdown: ${payload}`, async () => {
    const file = loadReportFromText('content/demo/2024.md', reportWith(payload))
    const html = await renderHtml(file)
    assert.ok(html, file.messages.map(String).join('; '))
    const tree = parseHtml(html)
    assert.deepEqual(activeContent(tree, css), [])
    // The agency name is shown as the text it is, escaped, not interpreted (whitespace collapses as in any HTML text).
    const title = `示例局${payload}2024年政府信息公开工作年度报告`.replace(/\s+/g, ' ')
    assert.equal(toText(elements(tree, (e) => e.tagName === 'h1')[0]!).replace(/\s+/g, ' '), title)
    assert.equal(toText(elements(tree, (e) => e.tagName === 'title')[0]!).replace(/\s+/g, ' '), title)
  })
}

test('links keep http(s) targets and get rel="noopener noreferrer"; unsafe targets lose their href', () => {
  const html = markdownToHtml([
    {
      type: 'paragraph',
      children: [
        { type: 'link', url: 'https://www.gov.cn/', children: [{ type: 'text', value: '中国政府网' }] },
        { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', value: '坏链接' }] },
      ],
    },
  ])
  assert.equal(html, '<p><a href="https://www.gov.cn/" rel="noopener noreferrer">中国政府网</a><a>坏链接</a></p>')
})

test('raw HTML in Markdown is dropped, its text kept as text', async () => {
  const file = loadReportFromText('content/demo/2024.md', reportWith('正文<b onclick="x()">加粗</b>结束'))
  const html = (await renderHtml(file))!
  assert.match(html, /<p>正文加粗结束<\/p>/)
})

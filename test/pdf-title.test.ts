/**
 * A title too long for one line breaks before its year (from-hast.ts `splitTitle`), and an
 * opening bracket before the year goes to the second line with it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseMergedHtml } from '../src/render/html-tree.js'
import { hastToPdf } from '../src/render/pdf/from-hast.js'

function titleText(title: string): string {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><article class="report"><header class="report-header"><h1 class="report-title">${title}</h1></header></article></body></html>`
  const { content } = hastToPdf(parseMergedHtml(html).tree, { unsupported: () => undefined, keepWhole: true })
  const node = (content as { style?: string; text?: unknown }[]).find((n) => n.style === 'title')
  assert.ok(node, 'a title node')
  const flat = (t: unknown): string => (typeof t === 'string' ? t : Array.isArray(t) ? t.map(flat).join('') : flat((t as { text: unknown }).text))
  return flat(node.text)
}

test('a long report title breaks before the year', () => {
  assert.equal(titleText('汝州市卫生健康委员会2024年政府信息公开工作年度报告'), '汝州市卫生健康委员会\n2024年政府信息公开工作年度报告')
})

test('an opening bracket before the year goes to the second line with it, never left at a line end', () => {
  assert.equal(titleText('汝州市卫生健康委员会政府信息公开工作年度报告对比（2023年—2024年）'), '汝州市卫生健康委员会政府信息公开工作年度报告对比\n（2023年—2024年）')
  assert.equal(titleText('某市某区卫生健康委员会政府信息公开年度报告《2024年》版本'), '某市某区卫生健康委员会政府信息公开年度报告\n《2024年》版本')
})

test('a short title is left as it is', () => {
  assert.equal(titleText('某局2024年政府信息公开工作年度报告'), '某局2024年政府信息公开工作年度报告')
})

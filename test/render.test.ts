/**
 * HTML output: every seed renders to a valid page whose statistics tables
 * have exactly the official merged cells (checked cell by cell against the
 * format definition), and templates can be overridden one partial at a time.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { HtmlValidate } from 'html-validate'
import type { Element } from 'hast'
import { toText } from 'hast-util-to-text'
import type { VFile } from 'vfile'
import type { BlockDef, HeaderNode } from '../src/formats/types.js'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'
import { getCell } from '../src/source/cells.js'
import { loadReportFromText } from '../src/source/report.js'
import { byId, elements, parseHtml, tableGrid } from './util/html-grid.js'

const repo = join(import.meta.dirname, '..')
const fixtures = join(import.meta.dirname, 'fixtures', 'render')

async function seeds(): Promise<{ file: VFile; html: string }[]> {
  const files = await validatePaths([join(repo, 'content')])
  const out = []
  for (const file of files) {
    const html = await renderHtml(file)
    assert.ok(html, `${file.path} did not render: ${file.messages.map(String).join('; ')}`)
    out.push({ file, html })
  }
  return out
}

/** Labels from the top of the header tree down to each leaf, in column order. */
function leafChains(nodes: HeaderNode[], above: string[] = []): { labels: string[]; leaf: HeaderNode }[] {
  return nodes.flatMap((node) =>
    node.children?.length ? leafChains(node.children, [...above, node.label]) : [{ labels: [...above, node.label], leaf: node }],
  )
}

function headerDepth(nodes: HeaderNode[]): number {
  return Math.max(...leafChains(nodes).map((c) => c.labels.length))
}

/** The grid a reader of the official table sees, built straight from the definition. */
function expectedHeader(block: BlockDef): string[][] {
  const depth = headerDepth(block.header)
  const label = block.corner ?? block.rowHeader ?? ''
  return Array.from({ length: depth }, (_, r) => [
    ...Array.from({ length: block.labelColumns }, () => label),
    ...leafChains(block.header).map(({ labels }) => labels[Math.min(r, labels.length - 1)]!),
  ])
}

test('every seed renders a valid HTML5 page with the six sections in official order', async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })
  const pages = await seeds()
  assert.equal(pages.length, 6)
  for (const { file, html } of pages) {
    const report = file.data.report!
    const result = await validator.validateString(html, file.path)
    const problems = result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))
    assert.deepEqual(problems, [], `${file.path} fails html-validate`)

    assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">/)
    const tree = parseHtml(html)
    const title = `${report.meta.agency}${report.meta.year}年政府信息公开工作年度报告`
    assert.equal(toText(elements(tree, (e) => e.tagName === 'title')[0]!), title)
    assert.equal(toText(elements(tree, (e) => e.tagName === 'h1')[0]!), title)
    const sections = elements(tree, (e) => e.tagName === 'section')
    assert.deepEqual(
      sections.map((s) => s.properties.id),
      ['section-1', 'section-2', 'section-3', 'section-4', 'section-5', 'section-6'],
    )
    // The heading is the official one whatever variant the author wrote (兖州 wrote no numeral for 三).
    assert.deepEqual(
      sections.map((s) => toText(elements(s, (e) => e.tagName === 'h2')[0]!)),
      report.format.sections.map((s) => `${s.numeral}、${s.title}`),
    )
    assert.deepEqual(elements(tree, (e) => e.tagName === 'h2').length, 6, 'author sub-headings are not h2')
    // No external resource of any kind.
    assert.equal(elements(tree, (e) => ['script', 'link', 'img', 'iframe'].includes(e.tagName)).length, 0)
    const signoff = elements(tree, (e) => e.tagName === 'footer')[0]!
    assert.equal(toText(elements(signoff, (e) => e.tagName === 'p')[0]!), report.meta.agency)
  }
})

test('汝州 2024 has its overview sub-headings as h3 and no date line; 始兴 2024 is signed 2025年2月10日', async () => {
  const pages = await seeds()
  const page = (name: string) => parseHtml(pages.find((p) => p.file.path.includes(name))!.html)
  const ruzhou = page('ruzhou-wsjkw/2024')
  const one = byId(ruzhou, 'section-1')!
  assert.deepEqual(
    elements(one, (e) => e.tagName === 'h3').map((e) => toText(e)),
    ['（一）主动公开情况', '（二）依申请公开办理情况', '（三）政府信息管理情况', '（四）政府信息公开平台建设', '（五）监督保障情况'],
  )
  assert.equal(elements(ruzhou, (e) => (e.properties.className as string[] | undefined)?.includes('signoff-date') ?? false).length, 0)
  const shixing = page('shixing-wsjkj')
  const date = elements(shixing, (e) => (e.properties.className as string[] | undefined)?.includes('signoff-date') ?? false)
  assert.deepEqual(date.map((e) => toText(e)), ['2025年2月10日'])
})

test('tables 3 and 4 of every seed match the format definition cell by cell, every number in its cell', async () => {
  for (const { file, html } of await seeds()) {
    const report = file.data.report!
    const tree = parseHtml(html)
    for (const key of ['requests', 'appeals']) {
      const def = report.format.tables.find((t) => t.key === key)!
      const block = def.blocks[0]!
      const grid = tableGrid(byId(tree, `table-${key}`)!)
      const leaves = leafChains(block.header)
      const width = block.labelColumns + leaves.length
      assert.equal(grid.headRows, headerDepth(block.header), `${key}: header rows`)
      for (const row of grid.rows) assert.equal(row.length, width, `${key}: every row spans ${width} columns`)
      assert.deepEqual(
        grid.rows.slice(0, grid.headRows).map((r) => r.map((c) => c.text)),
        expectedHeader(block),
        `${file.path} ${key}: header`,
      )
      const body = grid.rows.slice(grid.headRows)
      if (block.layout === 'inline') {
        assert.equal(body.length, 1)
        leaves.forEach(({ leaf }, j) => {
          const cell = getCell(report.stats, key, block.id, [leaf.row!], leaf.column!)
          assert.equal(body[0]![j]!.text, cell.value === null ? '' : String(cell.value), `${key} ${leaf.row}.${leaf.column}`)
          assert.ok(body[0]![j]!.className.includes('num'))
        })
        continue
      }
      assert.equal(body.length, block.rows.length, `${key}: one table row per data row`)
      block.rows.forEach((row, i) => {
        const labels = body[i]!.slice(0, block.labelColumns).map((c) => c.text)
        const expected = [...row.groups.slice(0, block.labelColumns - 1)]
        while (expected.length < block.labelColumns) expected.push(row.label)
        assert.deepEqual(labels, expected, `${key} row ${row.code}: labels`)
        leaves.forEach(({ leaf }, j) => {
          const cell = getCell(report.stats, key, block.id, row.path, leaf.column!)
          const shown = body[i]![block.labelColumns + j]!
          assert.equal(shown.tag, 'td')
          assert.equal(shown.text, cell.value === null ? '' : String(cell.value), `${file.path} ${row.code} ${leaf.column}`)
        })
      })
    }
  }
})

test('table 2 is one table: each block opens with a full-width heading row and its own header row', async () => {
  for (const { file, html } of await seeds()) {
    const def = file.data.report!.format.tables.find((t) => t.key === 'active')!
    const table = byId(parseHtml(html), 'table-active')!
    const grid = tableGrid(table)
    const width = Math.max(...def.blocks.map((b) => b.labelColumns + b.columns.length))
    for (const row of grid.rows) assert.equal(row.length, width)
    const headings = elements(table, (e) => e.tagName === 'tr' && ((e.properties.className as string[] | undefined) ?? []).includes('block-heading'))
    assert.deepEqual(headings.map((e) => toText(e)), def.blocks.map((b) => b.heading))
    let r = 0
    for (const block of def.blocks) {
      assert.ok(grid.rows[r]!.every((c) => c.text === block.heading), 'heading spans the table')
      assert.deepEqual(
        grid.rows[r + 1]!.map((c) => c.text),
        [block.rowHeader!, ...block.header.map((h) => h.label), ...Array(width - 1 - block.header.length).fill(block.header.at(-1)!.label)],
      )
      r += 2 + block.rows.length
    }
    assert.equal(r, grid.rows.length)
  }
})

test('a blank (~) cell renders empty, not 0; omitted totals render their computed value', async () => {
  const text = await readFile(join(fixtures, 'computed-and-blank', 'input.md'), 'utf8')
  const file = loadReportFromText('content/demo/2024.md', text)
  const html = await renderHtml(file)
  assert.ok(html)
  const tree = parseHtml(html)
  const requests = tableGrid(byId(tree, 'table-requests')!)
  const row = (label: string) => requests.rows.find((r) => r.at(2)?.text === label)!.slice(3).map((c) => c.text)
  // received [2, 1, 0, 0, 0, ~] with no 总计: the total cannot be computed over a blank cell.
  assert.deepEqual(row('一、本年新收政府信息公开申请数量'), ['2', '1', '0', '0', '0', '', ''])
  // 总计 omitted in a complete row: computed.
  assert.deepEqual(row('（一）予以公开'), ['2', '1', '0', '0', '0', '0', '3'])
  // Row （七）总计 given without its 总计 cell: that cell is computed.
  assert.deepEqual(row('（七）总计'), ['2', '1', '0', '0', '0', '0', '3'])
  const active = tableGrid(byId(tree, 'table-active')!)
  const fees = active.rows.find((r) => r[0]!.text === '行政事业性收费')!
  assert.equal(fees[1]!.text, '12.3456')
  const appeals = tableGrid(byId(tree, 'table-appeals')!).rows.at(-1)!.map((c) => c.text)
  assert.deepEqual(appeals.slice(0, 5), ['', '1', '0', '0', ''])
  assert.deepEqual(appeals.slice(5, 10), ['1', '0', '0', '0', '1'])
})

test('the same report renders to the same bytes', async () => {
  const [first] = await seeds()
  const again = await renderHtml(first!.file)
  assert.equal(again, first!.html)
})

async function overrideDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-templates-'))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true })
    await writeFile(join(dir, name), text)
  }
  return dir
}

async function ruzhou(path = 'content/ruzhou-wsjkw/2024.md'): Promise<VFile> {
  return loadReportFromText(path, await readFile(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8'))
}

test('--templates DIR replaces one partial and inherits the rest', async () => {
  const dir = await overrideDir({
    'partials/letterhead.hbs': '<header class="report-header">\n<p>汝州市卫生健康委员会文件</p>\n<h1 class="report-title">{{title}}</h1>\n</header>\n',
  })
  const file = await ruzhou()
  const html = await renderHtml(file, { templates: dir })
  assert.ok(html, file.messages.map(String).join('; '))
  const tree = parseHtml(html)
  const header = elements(tree, (e) => e.tagName === 'header')[0]!
  assert.equal(toText(elements(header, (e) => e.tagName === 'p')[0]!), '汝州市卫生健康委员会文件')
  assert.equal(toText(elements(header, (e) => e.tagName === 'h1')[0]!), '汝州市卫生健康委员会2024年政府信息公开工作年度报告')
  // Everything else is still the official template.
  for (const id of ['table-active', 'table-requests', 'table-appeals']) assert.ok(byId(tree, id), id)
  assert.equal(elements(tree, (e) => e.tagName === 'section').length, 6)
})

test('content/<agency>/templates/ is picked up automatically, and --templates wins over it', async () => {
  const root = await mkdtemp(join(tmpdir(), 'nianbao-agency-'))
  const agency = join(root, 'content', 'ruzhou-wsjkw')
  await mkdir(join(agency, 'templates'), { recursive: true })
  await writeFile(join(agency, 'templates', 'signoff.hbs'), '<footer class="signoff">\n<p class="signoff-agency">{{agency}}（盖章）</p>\n</footer>\n')
  const path = join(agency, '2024.md')
  await writeFile(path, await readFile(join(repo, 'content', 'ruzhou-wsjkw', '2024.md')))
  const html = await renderHtml(await ruzhou(path))
  assert.ok(html)
  assert.match(html, /<p class="signoff-agency">汝州市卫生健康委员会（盖章）<\/p>/)
  const cli = await overrideDir({ 'signoff.hbs': '<footer class="signoff">\n<p class="signoff-agency">{{agency}}办公室</p>\n</footer>\n' })
  const both = await renderHtml(await ruzhou(path), { templates: cli })
  assert.match(both!, /<p class="signoff-agency">汝州市卫生健康委员会办公室<\/p>/)
})

test('a template naming a missing field is a template-field-known error with the template’s file:line', async () => {
  const dir = await overrideDir({
    'partials/signoff.hbs': '<footer class="signoff">\n<p class="signoff-agency">{{agency}}</p>\n<p>{{agency_seal}}</p>\n</footer>\n',
  })
  const file = await ruzhou()
  const html = await renderHtml(file, { templates: dir })
  assert.equal(html, undefined, 'no page with an empty cell')
  const [message] = file.messages
  assert.equal(message?.ruleId, 'template-field-known')
  assert.equal(message?.fatal, true)
  assert.match(message!.reason, /partials\/signoff\.hbs:3:\d+ 引用了不存在的字段 `agency_seal`/)
})

test('template syntax errors and unknown helpers are template-valid errors with file:line', async () => {
  const broken = await overrideDir({ 'partials/letterhead.hbs': '<header class="report-header">\n<h1>{{#if title}}{{title}}{{/each}}</h1>\n</header>\n' })
  const file = await ruzhou()
  assert.equal(await renderHtml(file, { templates: broken }), undefined)
  assert.equal(file.messages[0]?.ruleId, 'template-valid')
  assert.match(file.messages[0]!.reason, /partials\/letterhead\.hbs:2:\d+ 有误/)

  const helper = await overrideDir({ 'partials/letterhead.hbs': '<header>\n\n<h1>{{upper title}}</h1>\n</header>\n' })
  const other = await ruzhou()
  assert.equal(await renderHtml(other, { templates: helper }), undefined)
  assert.equal(other.messages[0]?.ruleId, 'template-valid')
  assert.match(other.messages[0]!.reason, /letterhead\.hbs:3:\d+ 有误.*upper/)
})

test('templates cannot reach prototype properties', async () => {
  const dir = await overrideDir({ 'partials/letterhead.hbs': '<header class="report-header">\n<h1 class="report-title">[{{title.constructor.name}}]{{title}}</h1>\n</header>\n' })
  const file = await ruzhou()
  const html = await renderHtml(file, { templates: dir })
  // Either refused as a missing field or rendered empty; never the constructor's name.
  assert.ok(html === undefined || !html.includes('[String]'))
})

test('an element <table> in an author’s Markdown stays a plain table; headings below h2 are h3/h4', async () => {
  const base = await readFile(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
  const text = base.replace(
    '## 六、其他需要报告的事项\n',
    '## 六、其他需要报告的事项\n\n#### 说明\n\n###### 小注\n\n| 项目 | 金额 |\n| :-- | --: |\n| 信息处理费 | 0 |\n\n```\ncode\n```\n\n',
  )
  const html = await renderHtml(loadReportFromText('content/ruzhou-wsjkw/2024.md', text))
  const six = byId(parseHtml(html!), 'section-6')!
  assert.deepEqual(elements(six, (e) => /^h\d$/.test(e.tagName)).map((e) => e.tagName), ['h2', 'h4', 'h4'])
  const table = elements(six, (e) => e.tagName === 'table')[0] as Element
  assert.deepEqual(tableGrid(table).rows.map((r) => r.map((c) => c.text)), [['项目', '金额'], ['信息处理费', '0']])
  assert.equal(elements(six, (e) => e.properties.align !== undefined || e.tagName === 'pre' || e.tagName === 'code').length, 0)
})

test('text under an unrecognised or repeated ## heading is kept under the previous section as an h3', async () => {
  const base = await readFile(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
  const text = base
    .replace('## 二、主动公开政府信息情况\n', '## 附：联系方式\n\n电话 0375-0000000。\n\n## 二、主动公开政府信息情况\n')
    .replace(/\n## 六、其他需要报告的事项\n([\s\S]*)$/, '\n## 六、其他需要报告的事项\n$1\n## 六、其他需要报告的事项\n\n补充说明。\n')
  const html = await renderHtml(loadReportFromText('content/ruzhou-wsjkw/2024.md', text))
  const tree = parseHtml(html!)
  const one = byId(tree, 'section-1')!
  assert.equal(elements(one, (e) => e.tagName === 'h3').map((e) => toText(e)).at(-1), '附：联系方式')
  assert.match(toText(one), /电话 0375-0000000。/)
  const six = byId(tree, 'section-6')!
  assert.deepEqual(elements(six, (e) => e.tagName === 'h3').map((e) => toText(e)), ['六、其他需要报告的事项'])
  assert.match(toText(six), /未收取信息处理费。[\s\S]*补充说明。/)
  assert.equal(elements(tree, (e) => e.tagName === 'section').length, 6)
})

test('helpers print dates and numerals the Chinese way', async () => {
  const { chineseDate, chineseNumeral, formatNumber } = await import('../src/render/helpers.js')
  assert.equal(chineseDate('2025-02-10'), '2025年2月10日')
  assert.equal(chineseDate('2025-2-10'), '')
  assert.deepEqual([1, 6, 10, 12, 20, 99].map(chineseNumeral), ['一', '六', '十', '十二', '二十', '九十九'])
  assert.deepEqual([631, 71.8526, 0, -3, 123456, null].map(formatNumber), ['631', '71.8526', '0', '-3', '123456', ''])
})

test('figures print as the zh-CN number format prints them, without loading it for integers', async () => {
  const { plainNumber, groupInteger } = await import('../src/number-text.js')
  const intl = new Intl.NumberFormat('zh-CN', { useGrouping: false, maximumFractionDigits: 6 })
  // Edges (ties of the shortest decimal, -0, huge integers) and a spread of integers and amounts.
  const values = [0, -0, 5e-7, -5e-7, 0.1234565, 71.8526, 1e20, 999999999900000000000, 2 ** 53 + 2, -81970859666647070, 1e21, 1.5e22]
  let seed = 7
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647
  for (let i = 0; i < 5000; i++) values.push(Math.round(next() * 10 ** (i % 12)), Math.round(next() * 1e8) / 10 ** (i % 9), (next() - 0.5) * 10 ** ((i % 30) - 8))
  for (const value of values) assert.equal(plainNumber(value), intl.format(value), String(value))
  assert.deepEqual([0, 999, 1000, 12345, 1234567].map(groupInteger), ['0', '999', '1,000', '12,345', '1,234,567'])
  assert.equal(groupInteger(1234567), new Intl.NumberFormat('zh-CN').format(1234567))
})

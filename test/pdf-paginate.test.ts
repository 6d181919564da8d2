/**
 * Where a table taller than a page is cut (tables.ts `paginate`): across as
 * few merged cells as possible, but not at the price of a page left mostly
 * empty (the comparison's 表三, whose row groups are each taller than a page).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Element, Root } from 'hast'
import { paginate, parseTable, tableToPdf } from '../src/render/pdf/tables.js'
import { rehypeParse, unified } from '../src/vendor/hast.js'

/** Header, one short row, then a group of ten rows under two labels that span all ten. */
const HTML = `<table><thead><tr><th colspan="3">项目</th><th>数量</th></tr></thead><tbody>
<tr><th colspan="3">一、本年新收</th><td>1</td></tr>
<tr><th rowspan="10">三、办理结果</th><th rowspan="10">（三）不予公开</th><th>1</th><td>1</td></tr>
${Array.from({ length: 9 }, (_, i) => `<tr><th>${i + 2}</th><td>1</td></tr>`).join('\n')}
</tbody></table>`

function table(html = HTML) {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root
  const element = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'table')!
  return parseTable(element, () => {})
}

test('a page is not left three quarters empty to avoid cutting a row group: the group is cut, its labels repeated', () => {
  const parsed = table()
  assert.equal(parsed.headerRows, 1)
  // Heights: header 20, the short row 100, each grouped row 60; a page holds 500.
  const heights = [20, 100, ...Array<number>(10).fill(60)]
  const chunks = paginate(parsed, heights, 500)
  // Before the group the page would hold 120 of 500; inside it, 480.
  assert.deepEqual(chunks, [
    [1, 7],
    [8, 11],
  ])
})

test('a cut that leaves little of the page empty still goes between groups, not through them', () => {
  const parsed = table()
  // The short row now fills most of the page: ending the page before the group wastes 16%.
  const heights = [20, 400, ...Array<number>(10).fill(60)]
  assert.deepEqual(paginate(parsed, heights, 500), [
    [1, 1],
    [2, 9],
    [10, 11],
  ])
})

/** A list taller than a page with one header row and no merged cells (a roll-up's agencies). */
const LIST = `<table><thead><tr><th>机关</th><th>状态</th></tr></thead><tbody>
${Array.from({ length: 120 }, (_, i) => `<tr><th scope="row">第${i + 1}局</th><td>通过</td></tr>`).join('\n')}
</tbody></table>`

test('a list taller than a page flows: one table that breaks between rows and repeats its header', () => {
  const heading = { text: '四、各机关报告状态', headlineLevel: 1 }
  const result = tableToPdf(table(LIST), (runs) => runs.map((r) => r.text), { caption: false, lead: [heading], leadHeight: 30 })
  assert.equal(result.nodes.length, 1)
  const node = result.nodes[0]! as { stack: { table?: { headerRows: number; keepWithHeaderRows: number; dontBreakRows: boolean; body: unknown[] } }[]; unbreakable?: boolean; pageBreak?: string }
  assert.equal(node.unbreakable, undefined)
  assert.equal(node.pageBreak, undefined)
  assert.equal(node.stack[0], heading, 'the heading goes above it')
  const list = node.stack[1]!.table!
  assert.deepEqual([list.headerRows, list.keepWithHeaderRows, list.dontBreakRows, list.body.length], [1, 1, true, 121])
})

test('a table taller than a page whose body merges rows is still cut into parts, each starting a page', () => {
  const parsed = table(HTML.replace('<tr><th colspan="3">一、本年新收</th><td>1</td></tr>', Array.from({ length: 60 }, () => '<tr><th colspan="3">一、本年新收</th><td>1</td></tr>').join('')))
  const result = tableToPdf(parsed, (runs) => runs.map((r) => r.text), { caption: false })
  assert.ok(result.nodes.length > 1)
  assert.ok(result.nodes.slice(1).every((n) => n.pageBreak === 'before'))
  assert.ok(result.nodes.every((n) => !(n.stack as { table?: { dontBreakRows?: boolean } }[]).some((c) => c.table?.dontBreakRows)))
})

test('a list with a row taller than a page flows breaking inside rows, and says so', () => {
  const long = '很长的说明文字。'.repeat(700)
  const parsed = table(LIST.replace('<td>通过</td></tr>', `<td>${long}</td></tr>`))
  const result = tableToPdf(parsed, (runs) => runs.map((r) => r.text), { caption: false })
  assert.equal(result.nodes.length, 1)
  assert.equal(result.oversized, 1)
  const list = (result.nodes[0]!.stack as { table?: Record<string, unknown> }[])[0]!.table!
  assert.equal(list.dontBreakRows, undefined, 'pdfmake would keep only a page of that row')
  assert.equal(list.keepWithHeaderRows, undefined)
})

/**
 * Where a table taller than a page is cut (tables.ts `paginate`): across as
 * few merged cells as possible, but not at the price of a page left mostly
 * empty (the comparison's 表三, whose row groups are each taller than a page).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Element, Root } from 'hast'
import { paginate, parseTable } from '../src/render/pdf/tables.js'
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

/**
 * Tables too big for the page (the comparison's 表三: each cell two years and
 * the change, row groups taller than a page): how wide the columns are
 * (tables.ts `columnWidths`) and where the table is cut (`paginate`).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Element, Root } from 'hast'
import { columnWidths, estimateRowHeights, paginate, parseTable } from '../src/render/pdf/tables.js'
import { tableSize } from '../src/render/pdf/styles.js'
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

/** 表三 as the comparison prints it: three label columns, seven of numbers that are each three lines wide. */
const WIDE = `<table><thead><tr><th colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>${'<th>自然人</th>'.repeat(7)}</tr></thead><tbody>
<tr><th colspan="3">一、本年新收政府信息公开申请数量</th>${'<td class="num">144 → 190<br>+46<br>(+31.9%)</td>'.repeat(7)}</tr>
<tr><th rowspan="3">三、本年度办理结果</th><th rowspan="3">（五）不予处理</th><th>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</th>${'<td class="num">28 → 21<br>−7<br>(−25%)</td>'.repeat(7)}</tr>
<tr><th>2.重复申请</th>${'<td class="num">0 → 1<br>+1</td>'.repeat(7)}</tr>
<tr><th>3.要求提供公开出版物</th>${'<td class="num">23 → 0<br>−23<br>(−100%)</td>'.repeat(7)}</tr>
</tbody></table>`

test('numbers too wide to stand beside the labels: both wrap, split where the table is shortest, not labels a character a line', () => {
  const parsed = table(WIDE)
  const widths = columnWidths(parsed)
  const heights = estimateRowHeights(parsed, widths)
  // The long row label gets more than its narrowest (three characters a line).
  assert.ok(widths[2]! > 3 * tableSize + 1, `row label column ${widths[2]}`)
  // All numbers squeezed evenly to leave the labels their narrowest: the same table, taller.
  const numbers = widths.slice(3).reduce((a, b) => a + b, 0)
  const narrowest = [widths[0]!, widths[1]!, 3 * tableSize, ...widths.slice(3).map((w) => w + (widths[2]! - 3 * tableSize) / 7)]
  assert.ok(Math.abs(narrowest.slice(3).reduce((a, b) => a + b, 0) - numbers - (widths[2]! - 3 * tableSize)) < 1e-6)
  const total = (h: number[]) => h.reduce((a, b) => a + b, 0)
  assert.ok(total(heights) < total(estimateRowHeights(parsed, narrowest)), `${total(heights)} vs ${total(estimateRowHeights(parsed, narrowest))}`)
})

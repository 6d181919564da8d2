/**
 * Omitted totals are computed from the format's sum rules; given totals
 * are kept as given; blanks stay blank and make dependent totals unknown.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { getCell } from '../src/source/cells.js'
import { loadReportFromText } from '../src/source/report.js'

const base = readFileSync(join(import.meta.dirname, 'fixtures', 'source', 'valid', 'input.md'), 'utf8')

function load(text: string) {
  const report = loadReportFromText('report.md', text).data.report
  assert.ok(report)
  return report
}

test('an omitted （七）总计 row is computed column by column, its 总计 too', () => {
  const report = load(base.replace('  total: [3, 0, 0, 0, 0, 0, 3]\n', '').replace('not_held: [3, 0, 0, 0, 0, 0, 3]', 'not_held: [2, 0, 0, 1, 0, 0]'))
  const natural = getCell(report.stats, 'requests', 'requests', ['total'], 'natural')
  const nonprofit = getCell(report.stats, 'requests', 'requests', ['total'], 'nonprofit')
  const total = getCell(report.stats, 'requests', 'requests', ['total'], 'total')
  assert.deepEqual([natural.value, natural.origin], [2, 'computed'])
  assert.deepEqual([nonprofit.value, nonprofit.origin], [1, 'computed'])
  assert.deepEqual([total.value, total.origin], [3, 'computed'])
})

test('an omitted 总计 value is computed; a given one is kept as given', () => {
  const report = load(base.replace('carried_over: [0, 0, 0, 0, 0, 0, 0]', 'carried_over: [1, 0, 2, 0, 0, 0]'))
  const computed = getCell(report.stats, 'requests', 'requests', ['carried_over'], 'total')
  assert.deepEqual([computed.value, computed.origin], [3, 'computed'])
  const given = getCell(report.stats, 'requests', 'requests', ['received'], 'total')
  assert.deepEqual([given.value, given.origin], [3, 'given'])
})

test('a blank cell is not zero: the total that needs it is unknown', () => {
  const report = load(base.replace('carried_over: [0, 0, 0, 0, 0, 0, 0]', 'carried_over: [~, 0, 0, 0, 0, 0]'))
  const blank = getCell(report.stats, 'requests', 'requests', ['carried_over'], 'natural')
  assert.deepEqual([blank.value, blank.origin], [null, 'blank'])
  const total = getCell(report.stats, 'requests', 'requests', ['carried_over'], 'total')
  assert.deepEqual([total.value, total.origin, total.unknown], [null, 'computed', 'blank'])
})

test('amounts keep their decimals; wrong values are invalid, not guessed', () => {
  const report = load(base.replace('  fees: 0', '  fees: 12.345678').replace('  licensing: 12', '  licensing: 12件'))
  assert.equal(getCell(report.stats, 'active', 'article-20-8', ['fees'], 'amount').value, 12.345678)
  assert.deepEqual(
    [getCell(report.stats, 'active', 'article-20-5', ['licensing'], 'decisions').origin],
    ['invalid'],
  )
})

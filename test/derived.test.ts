/**
 * Derived figures are data (src/formats/derived.ts) evaluated on the cells:
 * the seeds give the figures their tables imply, blanks and empty
 * denominators stay unknown, and one definition serves both formats.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { derivedFigures } from '../src/formats/derived.js'
import { formats, getFormat } from '../src/formats/index.js'
import { evaluateAllDerived, evaluateDerived, findDerived, formatDerived, formulaText } from '../src/source/derived.js'
import { loadReportFromText } from '../src/source/report.js'

const content = (path: string) => readFileSync(join(import.meta.dirname, '..', 'content', path), 'utf8')

function load(text: string, path = 'content/x/2024.md') {
  const report = loadReportFromText(path, text).data.report
  assert.ok(report)
  return report
}

const printed = (report: ReturnType<typeof load>, name: string) => {
  const v = evaluateDerived(report, name)
  return v.value === null ? `(${v.unknown})` : formatDerived(v.def, v.value)
}

test('ruzhou 2024: 3 new applications, all 无法提供', () => {
  const report = load(content('ruzhou-wsjkw/2024.md'))
  assert.deepEqual(
    ['收到申请', '办结', '结转下年度', '实质公开率', '无法提供率', '办结率', '行政复议纠错率'].map((n) => printed(report, n)),
    ['3', '3', '0', '0%', '100%', '100%', '(zero)'],
  )
})

test('jiyuan 2019 (gb-2019): both applications granted; 其他处理 is its single row', () => {
  const report = load(content('jiyuan-wsjkw/2019.md'), 'content/jiyuan-wsjkw/2019.md')
  assert.equal(report.format.id, 'gb-2019')
  assert.deepEqual(['收到申请', '予以公开', '实质公开率', '其他处理'].map((n) => printed(report, n)), ['2', '2', '100%', '0'])
  const other = evaluateDerived(report, 'other_handling')
  assert.deepEqual(other.cells.map((c) => c.row.join('.')), ['other'])
  assert.equal(printed(report, 'fee_amount'), '(absent)', 'gb-2019 has no 收费金额 cell')
})

test('yanzhou 2024 (gb-2021): 其他处理 sums its three rows', () => {
  const report = load(content('yanzhou-wsjkj/2024.md'))
  const other = evaluateDerived(report, '其他处理')
  assert.deepEqual(other.cells.map((c) => c.row.join('.')), ['other.no_correction', 'other.fee_unpaid', 'other.other'])
  assert.equal(other.value, 1)
  assert.equal(printed(report, '其他处理率'), '100%')
})

test('a blank cell makes the figure unknown, never zero; the rate says why', () => {
  const text = content('ruzhou-wsjkw/2024.md').replace(/received: \[3, 0, 0, 0, 0, 0, 3\]/, 'received: [3, ~, 0, 0, 0, 0]')
  const report = load(text)
  assert.equal(printed(report, '本年新收'), '(blank)')
  assert.equal(printed(report, '收到申请'), '(blank)')
  assert.equal(printed(report, '办结率'), '(blank)')
  assert.equal(printed(report, '办结'), '3')
})

test('correction rates divide by concluded cases (总计 − 尚未审结)', () => {
  const text = content('ruzhou-wsjkw/2024.md').replace(/review: \[[^\]]*\]/, 'review: [3, 2, 1, 2]')
  const report = load(text)
  assert.equal(printed(report, '行政复议纠错率'), '33.3%')
  assert.equal(evaluateDerived(report, 'review_correction_rate').value, 2 / 6)
})

test('percentages round half up to one decimal and drop a trailing .0', () => {
  const rate = findDerived(formats[0]!, '实质公开率')!
  assert.deepEqual([6 / 7, 1, 1 / 8, 0.0005, 0, 0.99949, 0.99951].map((v) => formatDerived(rate, v)), ['85.7%', '100%', '12.5%', '0.1%', '0%', '99.9%', '100%'])
  assert.equal(formatDerived(rate, null), null)
})

test('every definition is found by key, name and alias, and evaluates in both formats', () => {
  const names = new Set<string>()
  for (const def of derivedFigures) {
    for (const name of [def.key, def.name, ...(def.aliases ?? [])]) {
      assert.ok(!names.has(name), `${name} names two figures`)
      names.add(name)
    }
    assert.ok((def.sum === undefined) !== (def.ratio === undefined), `${def.key}: a sum or a ratio`)
    for (const key of [...(def.ratio?.numerator ?? []), ...(def.ratio?.denominator ?? []), ...(def.ratio?.subtract ?? [])]) {
      const operand = findDerived(formats[0]!, key)
      assert.ok(operand?.sum, `${def.key}: operand ${key} is a defined count`)
    }
  }
  for (const path of ['ruzhou-wsjkw/2024.md', 'jiyuan-wsjkw/2019.md', 'shixing-wsjkj/2024.md', 'xinjiang-county-wjw/2023.md', 'yanzhou-wsjkj/2024.md']) {
    const report = load(content(path), `content/${path}`)
    const values = evaluateAllDerived(report)
    assert.equal(values.size, derivedFigures.length)
    // gb-2019's 表二 has no 收费金额 and counts documents differently (新制作/新公开/对外公开总数).
    const gb2021Only = ['fee_amount', 'regulations_issued', 'regulations_in_force', 'normative_issued', 'normative_repealed', 'normative_in_force']
    for (const [key, v] of values) {
      if (gb2021Only.includes(key)) assert.equal(v.unknown === 'absent', report.format.id === 'gb-2019', `${path} ${key}`)
      else assert.notEqual(v.unknown, 'absent', `${path} ${key}`)
    }
  }
})

test('formulas are written in the format’s own numbering', () => {
  const gb2021 = getFormat('gb-2021')!
  const text = (name: string) => formulaText(gb2021, findDerived(gb2021, name)!)
  assert.equal(text('收到申请'), '表三 一（总计） + 表三 二（总计）')
  assert.equal(text('不予公开'), '表三 三（三）（总计）')
  assert.equal(text('行政诉讼总数'), '表四 未经复议直接起诉·总计 + 表四 复议后起诉·总计')
  assert.equal(text('实质公开率'), '实质公开 ÷ 办结')
  assert.equal(text('行政复议纠错率'), '行政复议纠正 ÷ （行政复议总数 − 行政复议尚未审结）')
})

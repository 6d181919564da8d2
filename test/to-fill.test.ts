/**
 * A draft being filled in says how much is left in one diagnostic; a
 * published report with a few blank cells still gets one warning per cell.
 * HTML comments are never a section's text.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { loadReportFromText } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'
import { BLANK_SUMMARY_THRESHOLD } from '../src/validate/rules/to-fill.js'

const base = readFileSync(join(import.meta.dirname, 'fixtures', 'rules', 'rule-checkable', 'ok.md'), 'utf8')

function validate(text: string) {
  const file = loadReportFromText('content/example/2024.md', text)
  validateReport(file)
  return diagnosticsOf(file)
}

const count = (diagnostics: { ruleId: string }[], id: string) => diagnostics.filter((d) => d.ruleId === id).length

/** The base report with `n` blank cells: three rows of six in 表三, then single cells of 表二. */
function withBlanks(n: number): string {
  let text = base
  let left = n
  for (const key of ['petition', 'duplicate', 'publication']) {
    if (left < 6) break
    text = text.replace(new RegExp(`${key}: \\[[^\\]]*\\]`), `${key}: [~, ~, ~, ~, ~, ~]`)
    left -= 6
  }
  for (const key of ['licensing', 'penalty', 'coercion', 'fees']) {
    if (left === 0) break
    text = text.replace(new RegExp(`^  ${key}: .*$`, 'm'), `  ${key}: ~`)
    left -= 1
  }
  assert.equal(left, 0, `cannot make ${n} blanks`)
  return text
}

test(`up to ${BLANK_SUMMARY_THRESHOLD} blank cells: one blank-cell warning each, and one rule-checkable per rule`, () => {
  const diagnostics = validate(withBlanks(BLANK_SUMMARY_THRESHOLD))
  assert.equal(count(diagnostics, 'blank-cell'), BLANK_SUMMARY_THRESHOLD)
  assert.equal(count(diagnostics, 'report-filled-in'), 0)
  // 18 blanks in 表三 stop two sum rules in seven columns and three rows: one message per rule, not 10.
  assert.deepEqual(
    diagnostics.filter((d) => d.ruleId === 'rule-checkable').map((d) => d.message),
    [
      '无法核对“（七）总计=各办理结果之和”（自然人列、商业企业列、科研机构列 等 7 处）：18 个单元格为空白',
      '无法核对“总计=各列之和”（1.信访举报投诉类申请、2.重复申请、3.要求提供公开出版物）：18 个单元格为空白',
    ],
  )
})

test(`more than ${BLANK_SUMMARY_THRESHOLD} blank cells: one report-filled-in summary at the first blank, nothing per cell`, () => {
  const diagnostics = validate(withBlanks(BLANK_SUMMARY_THRESHOLD + 1))
  assert.deepEqual(
    diagnostics.map((d) => [d.ruleId, d.severity]),
    [['report-filled-in', 'warning']],
  )
  const [summary] = diagnostics
  assert.equal(summary!.message, `还有 ${BLANK_SUMMARY_THRESHOLD + 1} 个单元格待填写（~）：表二 3、表三 18；空白不等于 0，没有的填 0，勾稽关系在填完后核对`)
  // At the first blank (表二 行政许可), where the author starts filling in.
  assert.equal(summary!.line, base.split('\n').findIndex((l) => l.startsWith('  licensing:')) + 1)
  assert.match(summary!.note ?? '', /^表二 行政许可；表二 行政处罚；表二 行政强制；表三 1\.信访举报投诉类申请·自然人/)
})

test('a required section holding only the guidance comment is still to write (one summary); an empty one is an error', () => {
  const five = /## 五、存在的主要问题及改进情况\n\n[^\n]*\n/
  const unwritten = validate(base.replace(five, '## 五、存在的主要问题及改进情况\n\n<!--\n填写说明：重在实事求是。\n-->\n'))
  assert.deepEqual(unwritten.map((d) => [d.ruleId, d.message]), [['report-filled-in', '第五部分待撰写：只有填写说明，还没有正文']])
  const empty = validate(base.replace(five, '## 五、存在的主要问题及改进情况\n\n'))
  assert.deepEqual(empty.map((d) => [d.ruleId, d.severity]), [['section-required', 'error']])
})

test('HTML comments are not text: they neither fill a section nor count towards its length or the fee report', () => {
  const long = `<!--\n${'说明文字'.repeat(400)}\n-->\n\n`
  const overview = validate(base.replace('## 一、总体情况\n\n', `## 一、总体情况\n\n${long}`))
  assert.equal(count(overview, 'overview-length'), 0)
  const six = validate(base.replace('本年度未收取信息处理费。', '<!-- 收取信息处理费的情况在此处报告 -->\n\n本年度无其他需要报告的事项。'))
  assert.equal(count(six, 'fee-reported'), 1)
})

/**
 * The report's own facts: `published` is a real day after the report year
 * and not long after the deadline; the agency is not blank; a date that does
 * not exist is never printed.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { renderHtml } from '../src/render/html.js'
import { chineseDate } from '../src/render/helpers.js'
import { documentDate } from '../src/render/pdf/index.js'
import { loadReportFromText } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'

const base = readFileSync(join(import.meta.dirname, 'fixtures', 'rules', 'meta-value', 'ok.md'), 'utf8')

function check(text: string) {
  const file = loadReportFromText('agency/2024.md', text)
  validateReport(file)
  return { file, diagnostics: diagnosticsOf(file) }
}

const withPublished = (date: string) => base.replace('published: 2025-01-20', `published: ${date}`)

test('published dates that do not exist are errors with the reason', () => {
  const cases: [string, RegExp][] = [
    ['2025-02-30', /2025年2月只有 28 天/],
    ['2024-02-30', /2024年2月只有 29 天/],
    ['2025-13-45', /月份 13 不在 01–12 之间/],
    ['0000-00-00', /没有公元 0000 年/],
    ['2025-04-31', /2025年4月只有 30 天/],
  ]
  for (const [date, reason] of cases) {
    const found = check(withPublished(date)).diagnostics.filter((d) => d.ruleId === 'published-date-exists')
    assert.equal(found.length, 1, date)
    assert.equal(found[0]!.severity, 'error')
    assert.equal(found[0]!.line, 5)
    assert.match(found[0]!.message, reason, date)
  }
  // 2024 was a leap year.
  const leap = check(withPublished('2024-02-29').replace('year: 2024', 'year: 2023')).diagnostics
  assert.deepEqual(leap.filter((d) => d.ruleId.startsWith('published')), [])
})

test('a date inside the report year is an error suggesting the next year; 9999-12-31 is a warning naming the deadline', () => {
  const early = check(withPublished('2024-12-31')).diagnostics
  assert.deepEqual(early.map((d) => [d.ruleId, d.severity]), [['published-after-year-end', 'error']])
  assert.match(early[0]!.message, /是否应为 2025-12-31/)
  const late = check(withPublished('9999-12-31')).diagnostics
  assert.deepEqual(late.map((d) => [d.ruleId, d.severity]), [['published-by-deadline', 'warning']])
  assert.match(late[0]!.message, /2025年1月31日/)
  // On time, or late within the last deadline the format sets (3月31日): nothing.
  for (const date of ['2025-01-01', '2025-01-31', '2025-02-10', '2025-03-31']) assert.deepEqual(check(withPublished(date)).diagnostics, [], date)
  assert.equal(check(withPublished('2025-04-01')).diagnostics[0]?.ruleId, 'published-by-deadline')
})

test('a blank agency is an error, as is a blank region', () => {
  const blank = check(base.replace('agency: 示例市卫生健康委员会', 'agency: "   "')).diagnostics
  assert.deepEqual(blank.map((d) => [d.ruleId, d.severity, d.line]), [['meta-value', 'error', 3]])
  assert.match(blank[0]!.message, /`agency`（机关名称）：意外的 文本 "   "，应为非空文本/)
  const region = check(base.replace('level: city', 'level: city\nregion: "\t"')).diagnostics
  assert.deepEqual(region.map((d) => d.ruleId), ['meta-value'])
})

test('a date that does not exist is never printed nor rolled over', async () => {
  assert.equal(chineseDate('2026-02-30'), '')
  assert.equal(chineseDate('2025-13-45'), '')
  assert.equal(chineseDate('2026-02-28'), '2026年2月28日')
  assert.equal(documentDate('2025-02-30').toISOString(), documentDate(undefined).toISOString())
  // A draft built with errors anyway (--allow-errors) prints no date rather than a false one.
  const { file } = check(withPublished('2026-02-30'))
  const html = await renderHtml(file)
  assert.ok(html)
  assert.ok(!html.includes('2月30日'), 'no 2月30日 on the page')
  assert.ok(!html.includes('3月2日'), 'not rolled over either')
})

test('a report with nothing to say about its dates does not parse its YAML a second time; one with something to say does, to place it', async () => {
  const { frontMatterStats } = await import('../src/source/read.js')
  const before = frontMatterStats.rebuilt
  const clean = check(withPublished('2025-01-20'))
  assert.deepEqual(clean.diagnostics.filter((d) => d.ruleId.startsWith('published')), [])
  assert.equal(frontMatterStats.rebuilt, before, 'a clean published date needs no place in the YAML')
  const late = check(withPublished('2024-06-30'))
  const said = late.diagnostics.find((d) => d.ruleId === 'published-after-year-end')
  assert.ok(said, 'a date inside the report year is said')
  assert.equal(said.line, base.split('\n').findIndex((l) => l.startsWith('published:')) + 1, 'and placed on its line')
  assert.ok(frontMatterStats.rebuilt > before)
})

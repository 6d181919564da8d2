/**
 * Year-over-year comparison: cell changes (blank is not 0), derived figures
 * with formulas, sentence-level repetition, charts (deterministic SVG,
 * Okabe–Ito, Chinese labels), the page and its PDF, and the command.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { changeChart, outcomesChart, rankingChart } from '../src/charts/charts.js'
import { okabeIto } from '../src/charts/render-svg.js'
import { comparisonHtml } from '../src/compare/compare-html.js'
import { cellKey, compareReports } from '../src/compare/compare-model.js'
import { delta, pointDelta } from '../src/compare/delta.js'
import { renderPagePdf } from '../src/compare/page-pdf.js'
import { compareSection, normalizeSentence, sentenceKeys, splitSentences } from '../src/compare/repeat.js'
import { loadReport, loadReportFromText } from '../src/source/report.js'
import { plainText, readPdf } from './util/pdf-text.js'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'bin', 'nianbao.js')
const older = join(root, 'content', 'ruzhou-wsjkw', '2023.md')
const newer = join(root, 'content', 'ruzhou-wsjkw', '2024.md')
const report = async (path: string) => (await loadReport(path)).data.report!

test('a change is absolute and relative; a blank makes it unknown; a cell last year lacked is said so', () => {
  assert.deepEqual(delta(3, 5), { kind: 'up', text: '+2', relative: '+66.7%', value: 2 })
  assert.deepEqual(delta(4, 1), { kind: 'down', text: '−3', relative: '−75%', value: -3 })
  assert.deepEqual(delta(0, 3), { kind: 'up', text: '+3', relative: null, value: 3 }, 'no relative change from 0')
  assert.equal(delta(2, 2).kind, 'same')
  assert.deepEqual(delta(null, 3), { kind: 'unknown', text: '未知', relative: null, value: null }, 'blank → unknown, not 3')
  assert.equal(delta(0, null).kind, 'unknown')
  assert.equal(delta(undefined, 3).text, '上年无此项')
  assert.equal(delta(0.1, 0.3).text, '+0.2', 'amounts without float residue')
  assert.equal(pointDelta(0.4, 0.25).text, '−15 个百分点')
})

test('sentences match across years after normalising punctuation, spacing, width and years', () => {
  assert.deepEqual(splitSentences('一是加强学习。二是完善制度！\n三是强化监督'), ['一是加强学习。', '二是完善制度！', '三是强化监督'])
  assert.equal(normalizeSentence('2024 年，我委加强 政务公开。'), normalizeSentence('２０２３年,我委加强政务公开'))
  assert.equal(normalizeSentence('（一）存在问题'), '', 'a sub-heading does not count')
  const last = sentenceKeys(['部分人员认识不够深入，重视不够。', '信息发布不够及时。'])
  const now = compareSection(5, ['部分人员认识不够深入, 重视不够。新增的问题是解读形式单一。'], last)
  assert.deepEqual(now.paragraphs[0]!.map((s) => s.repeated), [true, false])
  assert.ok(now.share! > 0.4 && now.share! < 0.7, String(now.share))
  assert.equal(compareSection(5, ['任何文字都是新的内容。'], undefined).share, null, 'no last year: no share')
})

test('two years of 汝州: every cell paired, derived figures with formulas, section 五 partly repeated', async () => {
  const c = compareReports(await report(older), await report(newer))
  assert.equal(c.sameFormat, true)
  const requests = c.tables.find((t) => t.view.key === 'requests')!
  assert.deepEqual(requests.cells.get(cellKey('received', 'total')), { before: 5, after: 3, delta: delta(5, 3) })
  assert.equal(requests.cells.size, 25 * 7)
  const rate = c.figures.find((f) => f.def.key === 'disclosure_rate')!
  assert.deepEqual([rate.beforeText, rate.afterText, rate.formula], ['60%', '0%', '实质公开 ÷ 办结'])
  assert.equal(c.figures.find((f) => f.def.key === 'review_correction_rate')!.afterText, '—', 'no concluded review: unknown, not 0%')
  const five = c.sections.find((s) => s.number === 5)!.text
  assert.ok(five.share! > 0.3 && five.share! < 0.8, String(five.share))
  assert.ok(five.paragraphs.flat().some((s) => s.repeated && s.text.includes('部分工作人员对政务公开工作的认识还不够深入')))
})

test('different formats are compared by official row numbering; what last year lacked is marked', async () => {
  const shixing = readFileSync(join(root, 'content', 'shixing-wsjkj', '2024.md'), 'utf8')
  const old = loadReportFromText('a/2023.md', shixing.replace('year: 2024', 'year: 2023').replace('published: 2025-02-10', 'published: 2024-02-10')).data.report!
  const c = compareReports(old, await report(newer))
  assert.equal(c.sameFormat, false)
  const requests = c.tables.find((t) => t.view.key === 'requests')!
  assert.equal(requests.cells.get(cellKey('received', 'natural'))!.before, 0, '三（一）… rows exist in both')
  assert.equal(requests.cells.get(cellKey('other.no_correction', 'natural'))!.delta.kind, 'absent', 'gb-2019 has one 其他处理 row')
  assert.equal(c.figures.find((f) => f.def.key === 'other_handling')!.delta.kind, 'same', 'the derived figure is comparable')
  assert.match(comparisonHtml(c), /两年格式不同/)
})

test('charts: deterministic SVG bytes, Okabe–Ito colours, Chinese labels in the Noto family, no script', () => {
  const years = [
    { year: 2023, counts: { granted: 2, partially_granted: 1, unable: 1, other_handling: 1 } },
    { year: 2024, counts: { granted: 0, unable: 3, other_handling: null } },
  ]
  const a = outcomesChart(years, 'c1')
  assert.equal(outcomesChart(years, 'c1'), a, 'two renders are byte-identical')
  assert.match(a, /^<svg role="img" aria-label="各年度申请办理结果/)
  assert.ok(a.includes('>予以公开</text>') && a.includes('>2024年</text>'))
  assert.ok(a.includes('font-family:Noto Sans SC'))
  assert.ok(a.includes(okabeIto[0]) && a.includes(okabeIto[1]))
  assert.doesNotMatch(a, /<script|<style|zr\d+-|ecmeta_/)
  const ranked = rankingChart('实质公开率', [{ label: '<某局&>', value: 0.5 }], 0.4, 'r')
  assert.ok(ranked.includes('&lt;某局&amp;&gt;'), 'labels are escaped')
  assert.match(changeChart({ older: 2023, newer: 2024, before: { received: 5 }, after: { received: 3 } }, 'x'), />收到申请</)
})

test('the comparison page is self-contained and its PDF draws the charts with Chinese text', async () => {
  const html = comparisonHtml(compareReports(await report(older), await report(newer)))
  assert.doesNotMatch(html, /<script|<link|<img|src=/)
  assert.equal((html.match(/<svg /g) ?? []).length, 2)
  assert.ok(html.includes('<mark>'))
  const { pdf, unsupported } = await renderPagePdf(html, { title: 't', author: 'a', subject: 's', date: new Date(Date.UTC(2025, 0, 1)) })
  assert.deepEqual(unsupported, [])
  const again = await renderPagePdf(html, { title: 't', author: 'a', subject: 's', date: new Date(Date.UTC(2025, 0, 1)) })
  assert.deepEqual(again.pdf, pdf, 'same HTML, same bytes')
  const read = await readPdf(pdf)
  const text = plainText(read.items).replace(/\s+/g, '')
  for (const label of ['各年度申请办理结果', '予以公开', '主要数据同比', '2023年', '实质公开率']) assert.ok(text.includes(label), label)
  // 主要指标 is a list taller than a page: it starts on the first page, below the title, and its
  // header row comes again on the next page (parts that each started a page left page 1 empty).
  const onPage = (page: number) => plainText(read.items.filter((item) => item.page === page)).replace(/\s+/g, '')
  assert.match(onPage(1), /一、主要指标.*指标.*本年新收/)
  assert.match(onPage(2), /^指标\d{4}\d{4}变化公式/)
  // No page holds only its number: pdfmake leaves such a page where a part of a table it was told
  // fits a page does not, and drops that part.
  for (let page = 1; page <= read.pages; page++)
    assert.ok(read.items.some((item) => item.page === page && !/^[—\s\d]*$/.test(item.text)), `page ${page} of ${read.pages} has content`)
})

test('nianbao compare writes compare.html and compare.pdf; the wrong order is a usage error', () => {
  const out = mkdtempSync(join(tmpdir(), 'nianbao-compare-'))
  const run = spawnSync(process.execPath, [cli, 'compare', older, newer, '--out', out], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  assert.ok(existsSync(join(out, 'ruzhou-wsjkw', '2024', 'compare.html')))
  assert.ok(existsSync(join(out, 'ruzhou-wsjkw', '2024', 'compare.pdf')))
  const wrong = spawnSync(process.execPath, [cli, 'compare', newer, older, '--out', out], { encoding: 'utf8' })
  assert.equal(wrong.status, 2)
  assert.match(wrong.stderr, /应早于/)
  const other = spawnSync(process.execPath, [cli, 'compare', older, join(root, 'content', 'yanzhou-wsjkj', '2024.md'), '--out', out], { encoding: 'utf8' })
  assert.equal(other.status, 2)
  assert.match(other.stderr, /不是同一机关/)
})

test("the build's comparison step validates last year's file as the report's own validation loaded it", async () => {
  const { validatePaths } = await import('../src/pipeline.js')
  const [file] = await validatePaths([newer])
  const previous = file!.data.previousFile
  assert.ok(previous, 'last year, loaded for the cross-year rules, is kept')
  assert.equal(previous.path, older)
  assert.equal(previous.messages.length, 0, 'not validated yet')
  const [validated] = await validatePaths([older], { loaded: [previous] })
  assert.equal(validated, previous, 'not read again')
  const [fresh] = await validatePaths([older])
  assert.deepEqual(validated!.messages.map(String), fresh!.messages.map(String), 'the same diagnostics as reading it afresh')
  // A file validated in the same run is not handed on: validating it again would repeat its diagnostics.
  const both = await validatePaths([older, newer])
  assert.equal(both.find((f) => f.path === newer)!.data.previousFile, undefined)
})

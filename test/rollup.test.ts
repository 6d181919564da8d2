/**
 * The roll-up: cell sums in the official layout with blanks counted,
 * reports with errors (and bundles that fail verification, and copies)
 * listed but never summed, rates as ratios of sums, rankings, flags,
 * missing and late agencies; the same bytes whether read in workers or not.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { generateReports } from '../bench/generate.js'
import { createBundle } from '../src/bundle/zip.js'
import { validatePaths } from '../src/pipeline.js'
import { rollupAgenciesCsv, rollupCellsCsv } from '../src/rollup/rollup-csv.js'
import { rollupHtml } from '../src/rollup/rollup-html.js'
import { cellKey } from '../src/rollup/record.js'
import { runRollup } from '../src/rollup/run.js'
import { summarize } from '../src/rollup/summary.js'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'bin', 'nianbao.js')
const seed = readFileSync(join(root, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')

/** The 汝州 2024 report as another agency, with front matter lines replaced (`key: value` → new line). */
function variant(agency: string, lines: Record<string, string> = {}): string {
  let text = seed.replace('agency: 汝州市卫生健康委员会', `agency: ${agency}`)
  for (const [pattern, line] of Object.entries(lines)) {
    // Leading spaces in the pattern are a minimum indentation (`    other` is the nested row).
    const re = new RegExp(`^(${/^ */.exec(pattern)![0]} *)${pattern.trim()}:.*$`, 'm')
    assert.match(text, re, pattern)
    text = text.replace(re, (_m, indent: string) => `${indent}${line}`)
  }
  return text
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-rollup-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

test('content/: 2024 summed in the official layout, the 2023-only agency missing, a late one marked', async () => {
  const data = await runRollup({ paths: [join(root, 'content')], jobs: 1 })
  const summary = summarize(data)
  assert.equal(data.year, 2024)
  assert.deepEqual(summary.included.map((r) => r.id), ['ruzhou-wsjkw', 'shixing-wsjkj', 'yanzhou-wsjkj'])
  const sums = data.years.get(2024)!.all
  // 汝州 3 + 始兴 0 + 兖州 1 applications received.
  assert.equal(sums.get(cellKey('requests', '一', 'total'))!.micro / 1e6, 4)
  assert.equal(sums.get(cellKey('requests', '三（六）1', 'total'))!.reports, 2, 'gb-2019 (始兴) has no 三（六）1 row')
  assert.deepEqual(data.missing.map((r) => r.id), ['xinjiang-county-wjw'])
  assert.equal(summary.reports.find((r) => r.id === 'shixing-wsjkj')!.lateAfter, '2025-01-31')
  const html = rollupHtml(data, summary)
  assert.match(html, /<br><span class="note">无1<\/span>/)
  assert.match(html, /本年缺报（2023年有报告）/)
  assert.doesNotMatch(html, /<script/)
})

test('blanks are counted per cell; a report with errors is listed and never summed', async () => {
  const dir = tree({
    'a/2024.md': variant('甲局', { received: 'received: [3, ~, 0, 0, 0, 0, ~]', total: 'total: [3, ~, 0, 0, 0, 0, ~]' }),
    'b/2024.md': variant('乙局'),
    'c/2024.md': variant('丙局', { received: 'received: [-1, 0, 0, 0, 0, 0]' }),
  })
  const data = await runRollup({ paths: [dir], jobs: 1 })
  const summary = summarize(data)
  assert.deepEqual(summary.included.map((r) => r.agency), ['甲局', '乙局'])
  assert.equal(summary.reports.find((r) => r.agency === '丙局')!.status, 'errors')
  const sum = data.years.get(2024)!.all.get(cellKey('requests', '一', 'commercial'))!
  assert.deepEqual([sum.micro, sum.blank, sum.reports], [0, 1, 2])
  assert.match(rollupHtml(data, summary), /0<br><span class="note">空1<\/span>/)
  const csv = rollupCellsCsv(data)
  assert.ok(csv.startsWith('\ufeff分组,年度,表格'))
  assert.ok(csv.includes('全部,2024,表三,一,一、本年新收政府信息公开申请数量,commercial,商业企业,,0,1,0,2\r\n'), 'sum, blanks, absent, agencies')
  assert.ok(rollupAgenciesCsv(data, summary).includes('丙局'), 'the report with errors is listed')
})

test('a rate over many agencies is the ratio of the sums, never the average of the rates', async () => {
  const one = (agency: string, granted: number, unable: number) =>
    variant(agency, {
      received: `received: [${granted + unable}, 0, 0, 0, 0, 0]`,
      granted: `granted: [${granted}, 0, 0, 0, 0, 0]`,
      not_held: `not_held: [${unable}, 0, 0, 0, 0, 0]`,
      total: `total: [${granted + unable}, 0, 0, 0, 0, 0]`,
    })
  const data = await runRollup({ paths: [tree({ 'a/2024.md': one('甲局', 1, 0), 'b/2024.md': one('乙局', 0, 9) })], jobs: 1 })
  const summary = summarize(data)
  assert.equal(summary.rates.get('disclosure_rate')!.value, 0.1, '1 of 10, not (100% + 0%) / 2')
  const ranked = summary.rankings.get('disclosure_rate')!
  assert.deepEqual(ranked.map((r) => [r.record.agency, r.value, r.numerator, r.denominator]), [['甲局', 1, 1, 1], ['乙局', 0, 0, 9]])
})

test('flags: 其他处理率 high, section 五 copied from last year', async () => {
  const other = variant('甲局', {
    received: 'received: [10, 0, 0, 0, 0, 0]',
    not_held: 'not_held: [7, 0, 0, 0, 0, 0]',
    '    other': 'other: [3, 0, 0, 0, 0, 0]',
    total: 'total: [10, 0, 0, 0, 0, 0]',
  })
  const copied = variant('乙局', { year: 'year: 2025' }).replace(/carried_over: \[[^\]]*\]/, 'carried_over: [0, 0, 0, 0, 0, 0, 0]')
  const data = await runRollup({ paths: [tree({ 'a/2025.md': other.replace('year: 2024', 'year: 2025'), 'b/2024.md': variant('乙局'), 'b/2025.md': copied })], jobs: 1 })
  const flags = summarize(data).flags.map((f) => [f.record.agency, f.rule.id])
  assert.deepEqual(flags, [['甲局', 'other-handling-high'], ['乙局', 'section-5-repeated']])
})

test('bundles are verified first: a damaged one is listed, not summed; copies of one report are not summed', async () => {
  const dir = tree({ 'src/a/2024.md': variant('甲局'), 'src/b/2024.md': variant('乙局'), 'src/c/2024.md': variant('甲局') })
  const files = await validatePaths([join(dir, 'src')])
  mkdirSync(join(dir, 'out', 'a'), { recursive: true })
  mkdirSync(join(dir, 'out', 'b'), { recursive: true })
  for (const [i, file] of files.slice(0, 2).entries()) {
    const bundle = createBundle({ file, source: await readFile(file.path), html: '<!DOCTYPE html><p>x</p>', pdf: new TextEncoder().encode('%PDF-1.7\n%%EOF\n') })!
    const zip = bundle.zip
    if (i === 1) zip[zip.length - 30]! ^= 1 // damage the second (乙局)
    writeFileSync(join(dir, 'out', i === 0 ? 'a' : 'b', '2024.zip'), zip)
  }
  const fromBundles = await runRollup({ paths: [join(dir, 'out')], jobs: 1 })
  const s = summarize(fromBundles)
  assert.deepEqual(s.reports.map((r) => [r.id, r.status, r.kind]), [['a', 'valid', 'bundle'], ['b', 'unverified', 'bundle']])
  assert.equal(fromBundles.years.get(2024)!.all.reports, 1)
  // a/2024.md and c/2024.md are the same agency and year: both listed, neither summed.
  const copies = await runRollup({ paths: [join(dir, 'src')], jobs: 1 })
  assert.deepEqual(summarize(copies).included.map((r) => r.agency), ['乙局'])
  assert.equal(copies.years.get(2024)!.all.reports, 1)
  assert.ok(copies.records.filter((r) => r.agency === '甲局').every((r) => r.status === 'errors' && r.problems[0]!.includes('report-unique')))
})

test('worker threads and one thread give the same roll-up bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-rollup-gen-'))
  for (const r of await generateReports(dir, 100)) {
    mkdirSync(join(r.path, '..'), { recursive: true })
    writeFileSync(r.path, r.text)
  }
  const page = async (jobs: number) => {
    const data = await runRollup({ paths: [dir], jobs, by: 'region' })
    const summary = summarize(data)
    return [rollupHtml(data, summary), rollupCellsCsv(data), rollupAgenciesCsv(data, summary)]
  }
  const single = await page(1)
  assert.deepEqual(await page(2), single)
  assert.match(single[0]!, /五、分组汇总/)
})

test('nianbao rollup writes HTML, PDF and CSV; exit 1 when a report was left out', () => {
  const dir = tree({ 'a/2024.md': variant('甲局'), 'b/2024.md': variant('乙局', { received: 'received: [-1, 0, 0, 0, 0, 0]' }) })
  const out = join(dir, 'rollup')
  const run = spawnSync(process.execPath, [cli, 'rollup', dir, '--out', out], { encoding: 'utf8' })
  assert.equal(run.status, 1, run.stderr)
  assert.match(run.stdout, /2024年：汇总 1 份，未汇总 1 份/)
  assert.match(run.stderr, /未汇总：.*b[\\/]2024\.md/)
  for (const name of ['index.html', 'rollup.pdf', 'rollup.csv', 'rollup-agencies.csv']) assert.ok(readFileSync(join(out, name)).length > 0, name)
  const usage = spawnSync(process.execPath, [cli, 'rollup', join(dir, 'nope')], { encoding: 'utf8' })
  assert.equal(usage.status, 2)
})

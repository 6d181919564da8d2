/**
 * `nianbao new`: the next year's report from last year's, generated from the
 * format definition; it validates with one summary of what is still to fill,
 * renders without its guidance comments, and never replaces a file. The CLI
 * runs as compiled (bin/nianbao.js) in a child process.
 */
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { test } from 'node:test'
import { askDetails, parseLevel } from '../src/cli/ask.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { formats } from '../src/formats/index.js'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { scaffoldReport } from '../src/scaffold/new-report.js'
import { getCell, rowKey } from '../src/source/cells.js'
import { loadReport, loadReportFromText } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'
import { plainText, readPdf } from './util/pdf-text.js'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'bin', 'nianbao.js')

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-new-'))
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true })
  return dir
}

function run(dir: string, args: string[], input = '') {
  return spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } })
}

/** Every value cell of a report: origin and value, by table/row/column. */
async function cells(path: string) {
  const file = await loadReport(path)
  const report = file.data.report!
  const out = new Map<string, { origin: string; value: number | null }>()
  for (const table of report.format.tables)
    for (const block of table.blocks)
      for (const row of block.rows)
        for (const column of block.columns) {
          const cell = getCell(report.stats, table.key, block.id, row.path, column.key)
          out.set(`${table.key}.${rowKey(row.path)}.${column.key}`, { origin: cell.origin, value: cell.value })
        }
  return { report, cells: out }
}

test('new <agency-id>: next year from last year’s file, carried cells filled, the rest blank, one summary diagnostic', async () => {
  const dir = project()
  const result = run(dir, ['new', 'ruzhou-wsjkw'])
  assert.equal(result.status, 0, result.stderr)
  const path = join(dir, 'content', 'ruzhou-wsjkw', '2025.md')
  assert.ok(existsSync(path))
  assert.match(result.stdout, /已新建 content\/ruzhou-wsjkw\/2025\.md（gb-2021/)
  assert.match(result.stdout, /从 content\/ruzhou-wsjkw\/2024\.md 结转：机关信息，以及 8 个单元格/)
  assert.match(result.stdout, /还有 158 个单元格待填写（~）：表二 8、表三 138、表四 12；第一、五、六部分待撰写/)

  const last = await cells(join(dir, 'content', 'ruzhou-wsjkw', '2024.md'))
  const next = await cells(path)
  assert.deepEqual(
    [next.report.meta.agency, next.report.meta.year, next.report.meta.level, next.report.meta.region, next.report.format.id],
    [last.report.meta.agency, 2025, last.report.meta.level, last.report.meta.region, 'gb-2021'],
  )
  const carried = new Map<string, string>()
  for (const column of ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other']) carried.set(`requests.carried_over.${column}`, `requests.carried_forward.${column}`)
  for (const row of ['regulations', 'normative_documents']) carried.set(`active.${row}.in_force`, `active.${row}.in_force`)
  for (const [key, cell] of next.cells) {
    const from = carried.get(key)
    if (from) assert.deepEqual(cell, { origin: 'given', value: last.cells.get(from)!.value }, key)
    else if (key.endsWith('.total') || key.startsWith('requests.total.')) assert.equal(cell.origin, 'computed', key)
    else assert.equal(cell.origin, 'blank', `${key} should be blank (~), is ${cell.origin}`)
  }

  const text = readFileSync(path, 'utf8')
  // Official labels beside the keys, the six official headings with the guidance in comments.
  assert.match(text, /^ {4}state_secret: \[~, ~, ~, ~, ~, ~\] +# 1\.属于国家秘密$/m)
  assert.match(text, /^ {2}carried_over: \[0, 0, 0, 0, 0, 0\] +# 二、上年结转政府信息公开申请数量 — 结转自 2024 年“四、结转下年度继续办理”，请核对$/m)
  for (const section of formats[0]!.sections) {
    assert.ok(text.includes(`## ${section.numeral}、${section.title}\n\n<!--\n填写说明（国办公开办函〔2021〕30号「一、报告内容」）：${section.guidance}`), section.title)
  }
  // Last year's section 五, quoted in a comment to review, not copied as text.
  assert.match(text, /上年（2024 年）报告的第五部分如下[^\n]*\n\n> 2024年，我委政府信息公开工作有序开展/)

  const [file] = await validatePaths([path])
  assert.deepEqual(
    diagnosticsOf(file!).map((d) => [d.severity, d.ruleId]),
    [['warning', 'report-filled-in']],
  )
})

test('the scaffold renders, and neither the page nor the PDF carries the guidance or last year’s quote', async () => {
  const dir = project()
  assert.equal(run(dir, ['new', 'ruzhou-wsjkw']).status, 0)
  const [file] = await validatePaths([join(dir, 'content', 'ruzhou-wsjkw', '2025.md')])
  const html = await renderHtml(file!)
  assert.ok(html)
  assert.match(html, /2025年政府信息公开工作年度报告/)
  assert.match(html, /五、存在的主要问题及改进情况/)
  const pdf = await renderPdf(html, file!)
  assert.ok(pdf)
  const text = plainText((await readPdf(pdf)).items).replace(/\s+/g, '')
  assert.match(text, /五、存在的主要问题及改进情况/)
  for (const hidden of ['填写说明', '本注释不会发布', '模板注', '重在实事求是', '部分工作人员对政务公开工作的认识', '<!--']) {
    assert.ok(!html.includes(hidden), `page shows ${hidden}`)
    assert.ok(!text.includes(hidden), `PDF shows ${hidden}`)
  }
})

test('never overwrites: an existing year is a usage error (exit 2) and the file keeps its bytes', () => {
  const dir = project()
  const existing = join(dir, 'content', 'ruzhou-wsjkw', '2024.md')
  const before = readFileSync(existing)
  const result = run(dir, ['new', 'ruzhou-wsjkw', '--year', '2024'])
  assert.equal(result.status, 2)
  assert.match(result.stderr, /content\/ruzhou-wsjkw\/2024\.md 已存在，未覆盖/)
  assert.deepEqual(readFileSync(existing), before)
  // A second `new` after the first makes the following year, never the same file again.
  assert.equal(run(dir, ['new', 'ruzhou-wsjkw']).status, 0)
  const first = readFileSync(join(dir, 'content', 'ruzhou-wsjkw', '2025.md'))
  assert.equal(run(dir, ['new', 'ruzhou-wsjkw', '--year', '2025']).status, 2)
  assert.deepEqual(readFileSync(join(dir, 'content', 'ruzhou-wsjkw', '2025.md')), first)
})

test('usage errors: a bad agency id or year; no earlier report and no --agency off a terminal', () => {
  const dir = project()
  const badId = run(dir, ['new', 'Ruzhou_WSJKW'])
  assert.equal(badId.status, 2)
  assert.match(badId.stderr, /机关标识「Ruzhou_WSJKW」不可用/)
  const badYear = run(dir, ['new', 'ruzhou-wsjkw', '--year', '1999'])
  assert.equal(badYear.status, 2)
  assert.match(badYear.stderr, /--year 应为 2008 至 2100 之间的年份/)
  const noAgency = run(dir, ['new', 'brand-new', '--year', '2025'])
  assert.equal(noAgency.status, 2)
  assert.match(noAgency.stderr, /请用 --agency 指定机关名称/)
  assert.ok(!existsSync(join(dir, 'content', 'brand-new')))
  const en = run(dir, ['new', 'brand-new', '--year', '2025', '--lang', 'en'])
  assert.match(en.stderr, /give the agency name with --agency/)
})

test('without an earlier report: --agency, --level and --region; --content names the root', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-new-'))
  const result = run(dir, ['new', 'brand-new', '--agency', '某某县卫生健康局', '--level', 'county', '--region', '某省某县', '--year', '2020', '--content', 'reports'])
  assert.equal(result.status, 0, result.stderr)
  const path = join(dir, 'reports', 'brand-new', '2020.md')
  const { report, cells: all } = await cells(path)
  assert.deepEqual([report.meta.agency, report.meta.level, report.meta.region, report.format.id], ['某某县卫生健康局', 'county', '某省某县', 'gb-2019'])
  assert.equal([...all.values()].filter((c) => c.origin === 'given').length, 0, 'nothing carried, nothing made up')
  const [file] = await validatePaths([path])
  assert.deepEqual(diagnosticsOf(file!).map((d) => d.ruleId), ['report-filled-in'])
})

test('a gap year: agency details from the nearest other report, no figures carried', async () => {
  const dir = project()
  const result = run(dir, ['new', 'ruzhou-wsjkw', '--year', '2027'])
  assert.equal(result.status, 0, result.stderr)
  assert.match(result.stdout, /没有上年（2026 年）的报告：机关信息取自 content\/ruzhou-wsjkw\/2024\.md，统计数据不结转/)
  const { report, cells: all } = await cells(join(dir, 'content', 'ruzhou-wsjkw', '2027.md'))
  assert.equal(report.meta.agency, '汝州市卫生健康委员会')
  assert.equal([...all.values()].filter((c) => c.origin === 'given').length, 0)
})

test('format change 2020 (gb-2019) → 2021 (gb-2021): 上年结转 carries, 现行有效件数 does not, and the file says why', async () => {
  const dir = project()
  const source = readFileSync(join(dir, 'content', 'jiyuan-wsjkw', '2019.md'), 'utf8')
  writeFileSync(join(dir, 'content', 'jiyuan-wsjkw', '2020.md'), source.replace(/^year: 2019$/m, 'year: 2020').replace(/carried_forward: \[[^\]]*\]/, 'carried_forward: [2, 0, 0, 1, 0, 0]'))
  const result = run(dir, ['new', 'jiyuan-wsjkw'])
  assert.equal(result.status, 0, result.stderr)
  assert.match(result.stdout, /未结转：上年报告为 2019 年版格式/)
  const path = join(dir, 'content', 'jiyuan-wsjkw', '2021.md')
  const { report, cells: all } = await cells(path)
  assert.equal(report.format.id, 'gb-2021')
  assert.deepEqual(
    ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'].map((c) => all.get(`requests.carried_over.${c}`)!.value),
    [2, 0, 0, 1, 0, 0],
  )
  assert.equal(all.get('active.regulations.in_force')!.origin, 'blank')
  assert.match(readFileSync(path, 'utf8'), /in_force: ~\} +# .*现行有效件数：上年报告为 2019 年版格式，只有“对外公开总数量”，与“现行有效件数”口径不同，未结转/)
})

test('gb-2019 → gb-2019 (2019 → 2020): 上一年项目数量 is last year’s plus its 本年增/减', async () => {
  const dir = project()
  assert.equal(run(dir, ['new', 'jiyuan-wsjkw']).status, 0)
  const last = await cells(join(dir, 'content', 'jiyuan-wsjkw', '2019.md'))
  const next = await cells(join(dir, 'content', 'jiyuan-wsjkw', '2020.md'))
  for (const row of ['licensing', 'penalty']) {
    const sum = last.cells.get(`active.${row}.last_year`)!.value! + last.cells.get(`active.${row}.change`)!.value!
    assert.deepEqual(next.cells.get(`active.${row}.last_year`), { origin: 'given', value: sum }, row)
    assert.equal(next.cells.get(`active.${row}.change`)!.origin, 'blank')
  }
  assert.deepEqual(next.cells.get('active.normative_documents.total_published'), { origin: 'given', value: last.cells.get('active.normative_documents.total_published')!.value })
})

test('last year’s file that cannot be read stops new (exit 1, its diagnostics shown, nothing written)', () => {
  const dir = project()
  mkdirSync(join(dir, 'content', 'broken'))
  writeFileSync(join(dir, 'content', 'broken', '2024.md'), '没有前置数据的文件\n')
  const result = run(dir, ['new', 'broken'])
  assert.equal(result.status, 1)
  assert.match(result.stderr, /front-matter-present/)
  assert.match(result.stderr, /无法从 content\/broken\/2024\.md 读取上年报告，未新建/)
  assert.ok(!existsSync(join(dir, 'content', 'broken', '2025.md')))
})

test('every row of every format is in the scaffold with its official label, and each scaffold validates', () => {
  for (const format of formats) {
    const year = format.years.to ?? format.years.from + 5
    const { text } = scaffoldReport({ agency: '测试机关', year })
    for (const table of format.tables) {
      for (const block of table.blocks) {
        for (const row of block.rows) {
          const label = row.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          assert.match(text, new RegExp(`^\\s*(# )?${row.path.at(-1)}: .*# .*${label}`, 'm'), `${format.id} ${table.key}.${row.path.join('.')}`)
        }
      }
    }
    const file = loadReportFromText(`content/test/${year}.md`, text)
    validateReport(file)
    assert.equal(file.data.report!.format.id, format.id)
    assert.deepEqual(diagnosticsOf(file).map((d) => [d.severity, d.ruleId]), [['warning', 'report-filled-in']], format.id)
  }
})

test('questions on a terminal: agency (required), level and region (optional), year with a default', async () => {
  assert.equal(parseLevel('county'), 'county')
  assert.equal(parseLevel('县级'), 'county')
  assert.equal(parseLevel('县'), 'county')
  assert.equal(parseLevel('乡镇'), 'township')
  assert.equal(parseLevel(''), undefined)
  assert.equal(parseLevel('区级'), null)

  const input = new PassThrough()
  const output = new PassThrough()
  let shown = ''
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()))
  const answers = askDetails(input, output, { year: 2025 })
  // An empty agency is asked again; an unknown level too.
  input.end('\n某某镇人民政府\n乡镇\n某省某县某镇\n2024\n')
  assert.deepEqual(await answers, { agency: '某某镇人民政府', level: 'township', region: '某省某县某镇', year: 2024 })
  assert.equal(shown.match(/机关名称/g)?.length, 2)

  const retry = new PassThrough()
  const sink = new PassThrough()
  let prompts = ''
  sink.on('data', (chunk: Buffer) => (prompts += chunk.toString()))
  const second = askDetails(retry, sink, {})
  retry.end('某局\n区级\ncity\n\n')
  assert.deepEqual(await second, { agency: '某局', level: 'city' })
  assert.match(prompts, /请重新输入/)
})

test('on a terminal, new asks for what it cannot take from an earlier report (script(1) gives it a pty)', { skip: !existsSync('/usr/bin/script') && 'no script(1)' }, async () => {
  const dir = project()
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} new tty-test`
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } })
  const answers: [string, string][] = [['机关名称', '某某县卫生健康局'], ['行政层级', '县级'], ['所在地区', '某省某县'], ['报告年度', '2024']]
  let pending = ''
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    // Answer each question once its prompt has been shown, as a person would.
    while (answers.length > 0 && pending.includes(answers[0]![0])) {
      pending = ''
      child.stdin.write(`${answers.shift()![1]}\r`)
    }
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  assert.equal(code, 0)
  assert.deepEqual(answers, [])
  const { report } = await cells(join(dir, 'content', 'tty-test', '2024.md'))
  assert.deepEqual([report.meta.agency, report.meta.level, report.meta.region, report.meta.year], ['某某县卫生健康局', 'county', '某省某县', 2024])
})

/**
 * References in the narrative: the README's worked example renders as
 * shown, every output gets plain numbers, unknown names are errors at their
 * place with a suggestion, blanks warn and print as 「—」, and escaped braces
 * and code stay literal.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { Ajv } from 'ajv'
import { generateDataSchema } from '../src/bundle/data-schema.js'
import { exportData } from '../src/bundle/export-json.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { formats } from '../src/formats/index.js'
import { renderHtml } from '../src/render/html.js'
import { referenceVocabulary } from '../src/source/reference-names.js'
import { loadReportFromText } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'

const root = join(import.meta.dirname, '..')
const ruzhou = readFileSync(join(root, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
const PARAGRAPH = '全年，办理政府信息公开申请 3 件。'

function load(body: string, base = ruzhou) {
  assert.ok(base.includes(PARAGRAPH))
  const file = loadReportFromText('content/ruzhou-wsjkw/2024.md', base.replace(PARAGRAPH, body))
  validateReport(file)
  return file
}

const messages = (file: ReturnType<typeof load>, rule: string) =>
  diagnosticsOf(file)
    .filter((d) => d.ruleId === rule)
    .map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`)

function readmeBlock(marker: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const at = readme.indexOf(`<!-- reference-example:${marker} -->`)
  assert.ok(at >= 0, `README lacks the ${marker} example`)
  const start = readme.indexOf('\n', readme.indexOf('```', at)) + 1
  return readme.slice(start, readme.indexOf('\n```', start))
}

test('the README worked example renders as the README shows, in the page and in data.json', async () => {
  const source = readmeBlock('source')
  const rendered = readmeBlock('rendered')
  const file = load(source)
  assert.deepEqual(messages(file, 'reference-name-known'), [])
  assert.equal(messages(file, 'reference-value-known').length, 1, 'the review correction rate over no concluded review warns')
  const html = await renderHtml(file)
  assert.ok(html?.includes(rendered), 'the page prints the rendered text')
  const body = html!.slice(html!.indexOf('<body'))
  assert.ok(!/\{[^{}\n]*[\u4e00-\u9fff][^{}\n]*\}/.test(body), 'no reference survives into the page')
  const data = exportData(file)!
  const section = data.sections.find((s) => s.number === 1)!
  assert.ok(section.source.includes(source))
  assert.ok(section.text.includes(rendered))
  assert.equal(new Ajv({ strict: false }).compile(generateDataSchema())(JSON.parse(JSON.stringify(data))), true)
})

test('an unknown name is an error at its line:col with the closest name', () => {
  const file = load('全年收到申请 {收到申清} 件，{{requests.recieved.total}} 件，{完全不存在的名字} 件。')
  assert.deepEqual(messages(file, 'reference-name-known').map((m) => m.replace(/。可用.*|？可用.*/, '')), [
    '60:106-60:112 意外的引用名“收到申清”，是否应为 {收到申请}',
    '60:115-60:142 意外的引用名“requests.recieved.total”，是否应为 {requests.received.total}',
    '60:145-60:155 意外的引用名“完全不存在的名字”',
  ])
})

test('{{path}}, full-width braces, spaces and half-width brackets all name the same cell', async () => {
  const file = load('A{{requests.received.total}} B｛表三 一 总计｝ C{表三一} D{表三 三（四）1 自然人} E{三(四)1自然人} F{ 本年新收 }。')
  assert.deepEqual(messages(file, 'reference-name-known'), [])
  assert.match((await renderHtml(file))!, /A3 B3 C3 D3 E3 F3。/)
})

test('escaped braces and code stay literal; headings, lists and table cells are resolved', async () => {
  const file = load(['\\{收到申请} `{收到申请}`', '', '### 共 {收到申请} 件', '', '- 办结 {办结} 件', '', '| 项目 | 数 |', '| --- | --- |', '| 收到 | {收到申请} |', '', '```', '{收到申请}', '```'].join('\n'))
  assert.deepEqual(messages(file, 'reference-name-known'), [])
  const html = (await renderHtml(file))!
  assert.match(html, /\{收到申请\} \{收到申请\}/)
  assert.match(html, /共 3 件/)
  assert.match(html, /办结 3 件/)
  assert.match(html, /<td>3<\/td>/)
})

test('a blank cell warns and prints as 「—」; a figure the format lacks is an error', async () => {
  const blank = ruzhou.replace('received: [3, 0, 0, 0, 0, 0, 3]', 'received: [~, 0, 0, 0, 0, 0]')
  const file = load('收到申请 {收到申请} 件，自然人 {表三 一 自然人} 件。', blank)
  assert.equal(messages(file, 'reference-value-known').length, 2)
  assert.match((await renderHtml(file))!, /收到申请 — 件，自然人 — 件。/)
  const jiyuan = readFileSync(join(root, 'content', 'jiyuan-wsjkw', '2019.md'), 'utf8')
  const old = loadReportFromText('content/jiyuan-wsjkw/2019.md', jiyuan.replace('共收到依申请公开事项 2 件', '共收到依申请公开事项 {收到申请} 件，收费 {收费金额} 万元'))
  validateReport(old)
  assert.deepEqual(
    diagnosticsOf(old).filter((d) => d.ruleId === 'reference-name-known').map((d) => d.message),
    ['引用“{收费金额}”在 gb-2019 格式中没有对应的单元格，请改写为数字或删去'],
  )
})

test('every format names each cell and figure unambiguously in its full spelling', () => {
  for (const format of formats) {
    const vocabulary = referenceVocabulary(format)
    for (const [target, display] of vocabulary.display) {
      assert.equal(vocabulary.names.get(display.normalize('NFKC').replace(/[\s\u3000·・.．]/g, '').toLowerCase()), target, `${format.id}: ${display}`)
      assert.equal(vocabulary.names.get(vocabulary.ascii.get(target)!.replace(/\./g, '').toLowerCase()), target, `${format.id}: ${vocabulary.ascii.get(target)}`)
    }
  }
})

/**
 * PDF output: every seed's PDF carries its title, headings and every table
 * number in reading order as extractable text, embeds only font subsets,
 * is byte-identical across builds; tables are never cut inside a row or a
 * merged group; Chinese line-breaking rules hold; fonts are configurable.
 * Checks that need poppler-utils or qpdf skip with a reason when missing.
 */
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { Element, Root } from 'hast'
import { toText } from 'hast-util-to-text'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { validatePaths } from '../src/pipeline.js'
import { loadReportFromText } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'
import { renderHtml } from '../src/render/html.js'
import { CLOSING } from '../src/render/pdf/kinsoku.js'
import { defaultFontFiles, fontkitMemoStats } from '../src/render/pdf/fonts.js'
import { MAX_HEADING_MOVES, renderPdf } from '../src/render/pdf/index.js'
import { layoutStats } from '../src/render/pdf/line-builder.js'
import { lines, plainText, readPdf, readingOrder, type PdfItem } from './util/pdf-text.js'

const repo = join(import.meta.dirname, '..')
const fixtures = join(import.meta.dirname, 'fixtures', 'pdf')

function parse(html: string): Root {
  return unified().use(rehypeParse).parse(html) as Root
}

function hasClass(node: Element, name: string): boolean {
  const value = node.properties?.className
  return Array.isArray(value) && value.includes(name)
}

/** What the merged HTML says the PDF must show. */
function expectations(html: string): { title: string; headings: string[]; numbers: string[][] } {
  const tree = parse(html)
  let title = ''
  const headings: string[] = []
  const numbers: string[][] = []
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'h1') title = toText(node).replace(/\s+/g, '')
    if (node.tagName === 'h2') headings.push(toText(node).replace(/\s+/g, ''))
    if (node.tagName === 'table') {
      const list: string[] = []
      visit(node, 'element', (cell: Element) => {
        if (cell.tagName === 'td' && hasClass(cell, 'num')) {
          const text = toText(cell).trim()
          if (/^-?\d+(\.\d+)?$/.test(text)) list.push(text)
        }
      })
      numbers.push(list)
    }
  })
  return { title, headings, numbers }
}

const TABLE_SIZE = 10.5
const isTableNumber = (i: PdfItem) => Math.abs(i.size - TABLE_SIZE) < 0.1 && /^-?\d+(\.\d+)?$/.test(i.text.trim())

function tool(name: string): boolean {
  return spawnSync('which', [name]).status === 0
}

async function renderFixture(name: string): Promise<{ pdf: Uint8Array; file: VFile; html: string }> {
  const path = join(fixtures, name, 'input.html')
  const html = await readFile(path, 'utf8')
  const file = new VFile({ path })
  const pdf = await renderPdf(html, file)
  assert.ok(pdf, `${name} did not render: ${file.messages.map(String).join('; ')}`)
  return { pdf, file, html }
}

const seeds = (async () => {
  const files = await validatePaths([join(repo, 'content')])
  const out: { name: string; file: VFile; html: string; pdf: Uint8Array }[] = []
  for (const file of files) {
    const html = await renderHtml(file)
    assert.ok(html, `${file.path} did not render to HTML`)
    const pdf = await renderPdf(html, file)
    assert.ok(pdf, `${file.path} did not render to PDF: ${file.messages.map(String).join('; ')}`)
    out.push({ name: file.path.slice(repo.length + 1), file, html, pdf })
  }
  return out
})()

test('every seed: title, section headings and every table number in reading order', async () => {
  const all = await seeds
  assert.equal(all.length, 6)
  for (const { name, html, pdf } of all) {
    const { title, headings, numbers } = expectations(html)
    const text = await readPdf(pdf)
    const plain = plainText(text.items)
    assert.ok(plain.includes(title), `${name}: title ${title} missing`)
    let at = 0
    for (const heading of headings) {
      const found = plain.indexOf(heading, at)
      assert.ok(found >= 0, `${name}: heading ${heading} missing or out of order`)
      at = found + heading.length
    }
    assert.equal(headings.length, 6, name)
    const printed = readingOrder(text.items).filter(isTableNumber).map((i) => i.text.trim())
    assert.deepEqual(printed, numbers.flat(), `${name}: table numbers differ`)
    assert.ok(numbers.flat().length >= 30, `${name}: expected the statistics tables`)
    const textLines = lines(text.items.filter((i) => !isTableNumber(i) && !/^—/.test(i.text.trim())))
    const broken = textLines.filter((l) => '，。、；：？！）》」』'.includes(l.text.trim()[0]!) || '（《「『“'.includes(l.text.trim().at(-1)!))
    assert.deepEqual(broken, [], `${name}: lines breaking the Chinese line-breaking rules`)
  }
})

test('every seed: no page is empty, metadata set, fonts embedded as subsets', async () => {
  for (const { name, file, pdf } of await seeds) {
    const text = await readPdf(pdf)
    for (let page = 1; page <= text.pages; page++) {
      const body = text.items.filter((i) => i.page === page && !/^—\s*\d+\s*—$/.test(i.text.trim()))
      assert.ok(body.length > 0, `${name}: page ${page} is empty`)
    }
    const meta = file.data.report!.meta
    assert.equal(text.info.Author, meta.agency, name)
    assert.match(String(text.info.Title), /政府信息公开工作年度报告$/, name)
    assert.equal(text.info.Subject, `${meta.year}年政府信息公开工作年度报告`, name)
    assert.match(String(text.info.Keywords), /政府信息公开/, name)
    assert.equal(text.xmpTitle, text.info.Title, `${name}: XMP title`)
    const raw = Buffer.from(pdf).toString('latin1')
    assert.match(raw, /\/Lang \(zh-CN\)/, name)
    const baseFonts = [...raw.matchAll(/\/BaseFont \/([^\s/]+)/g)].map((m) => m[1]!)
    assert.ok(baseFonts.length >= 2, name)
    for (const font of baseFonts) assert.match(font, /^[A-Z]{6}\+/, `${name}: ${font} is not a subset`)
    const descriptors = raw.match(/\/Type \/FontDescriptor/g)?.length ?? 0
    const embedded = raw.match(/\/FontFile[23]? /g)?.length ?? 0
    assert.equal(embedded, descriptors, `${name}: every font embedded`)
  }
})

test('every seed: no page ends with a heading', async () => {
  for (const { name, html, pdf } of await seeds) {
    const headings: string[] = []
    visit(parse(html), 'element', (node: Element) => {
      if (['h2', 'h3', 'h4'].includes(node.tagName)) headings.push(toText(node).replace(/\s+/g, ''))
    })
    const text = await readPdf(pdf)
    const body = lines(text.items.filter((i) => !/^—\s*\d+\s*—$/.test(i.text.trim())))
    for (let page = 1; page < text.pages; page++) {
      const last = body.filter((l) => l.page === page).at(-1)?.text.replace(/\s+/g, '') ?? ''
      assert.ok(!(last.length > 1 && headings.some((h) => h.endsWith(last))), `${name}: page ${page} ends with the heading 「${last}」`)
    }
  }
})

test('headings moved to keep them with their text are bounded: hundreds of short sections stay fast', async () => {
  for (const { name, file } of await seeds) assert.ok(!file.messages.some((m) => m.ruleId === 'pdf-heading-moves'), `${name}: no heading cap on a real report`)
  // Found by the fuzzer: every move lays out the whole document again, and this body had hundreds to move.
  const text = await readFile(join(repo, 'content', 'shixing-wsjkj', '2024.md'), 'utf8')
  const file = loadReportFromText('x/2024.md', text + '\n## 六、其他需要报告的事项\n\n本年度未收取信息处理费。\n\n存在问题：信息更新不够及时。改进措施：建立信息发布提醒机制，定期检查栏目更新情况。\n'.repeat(300))
  validateReport(file)
  const html = await renderHtml(file)
  assert.ok(html, 'merged')
  const before = layoutStats.passes
  const pdf = await renderPdf(html, file)
  assert.ok(pdf, 'renders')
  assert.ok(layoutStats.passes - before <= MAX_HEADING_MOVES + 1, `${layoutStats.passes - before} layout passes`)
  const warnings = file.messages.filter((m) => m.ruleId === 'pdf-heading-moves')
  assert.equal(warnings.length, 1)
  assert.match(warnings[0]!.reason, /已将 8 个落在页尾的标题移到下一页/)
  const printed = plainText((await readPdf(pdf)).items)
  assert.ok(printed.split('本年度未收取信息处理费。').length - 1 >= 300, 'every section kept')
})

test('every seed: the same input gives the same bytes', async () => {
  for (const { name, file, html, pdf } of await seeds) {
    const again = await renderPdf(html, file)
    assert.ok(again, 'again')
    assert.ok(Buffer.from(again).equals(Buffer.from(pdf)), `${name}: two builds differ`)
  }
})

test('every seed: pdffonts shows embedded Unicode subsets, pdftotext the Chinese text', async (t) => {
  if (!tool('pdffonts') || !tool('pdftotext')) {
    t.skip('poppler-utils (pdffonts, pdftotext) not installed; .ci/run installs it')
    console.log('# skipped: poppler-utils not installed')
    return
  }
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-pdf-'))
  for (const { name, html, pdf } of await seeds) {
    const path = join(dir, 'report.pdf')
    await writeFile(path, pdf)
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2)
    assert.ok(fonts.length >= 2, name)
    for (const line of fonts) assert.match(line, /\byes\s+yes\s+yes\b/, `${name}: ${line}`)
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    const { title } = expectations(html)
    assert.ok(text.includes(title), `${name}: pdftotext lacks the title`)
    assert.ok(text.includes('申请人情况'), name)
  }
})

test('every seed: qpdf --check passes', async (t) => {
  if (!tool('qpdf')) {
    t.skip('qpdf not installed; .ci/run installs it')
    console.log('# skipped: qpdf not installed')
    return
  }
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-pdf-'))
  for (const { name, pdf } of await seeds) {
    const path = join(dir, 'report.pdf')
    await writeFile(path, pdf)
    const result = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' })
    assert.equal(result.status, 0, `${name}: ${result.stdout}${result.stderr}`)
  }
})

test('dates come from published, else SOURCE_DATE_EPOCH; the ID follows the content', async () => {
  const { html } = await renderFixture('contract-report')
  const published = new VFile({ path: 'x/2024.md' })
  published.data.report = { meta: { agency: '示例县卫生健康委员会', year: 2024, published: '2025-02-10' } } as never
  const a = await readPdf((await renderPdf(html, published))!)
  assert.match(String(a.info.CreationDate), /^D:20250210000000Z/)
  assert.match(String(a.info.ModDate), /^D:20250210000000Z/)
  const saved = process.env.SOURCE_DATE_EPOCH
  process.env.SOURCE_DATE_EPOCH = '1700000000'
  try {
    const b = await readPdf((await renderPdf(html, new VFile({ path: 'x/2024.md' })))!)
    assert.match(String(b.info.CreationDate), /^D:20231114/)
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH
    else process.env.SOURCE_DATE_EPOCH = saved
  }
  const id = (bytes: Uint8Array) => /\/ID \[<([0-9a-f]+)>/.exec(Buffer.from(bytes).toString('latin1'))?.[1]
  const one = await renderPdf(html, new VFile({ path: 'x/2024.md' }))
  const other = await renderPdf(html.replace('本年度未收取信息处理费。', '本年度未收取任何信息处理费。'), new VFile({ path: 'x/2024.md' }))
  assert.ok(id(one!) && id(other!), 'both files have an /ID')
  assert.notEqual(id(one!), id(other!))
})

/** Table 3 of the fixture (rows numbered from 100) after notes that leave little room on their page. */
async function checkTable3(pdf: Uint8Array, html: string, breaks: boolean): Promise<void> {
  const text = await readPdf(pdf)
  const items = readingOrder(text.items)
  // Rows of table 3 are the numbers 100.. (7 a row) in the fixture.
  const numbers = items.filter((i) => isTableNumber(i) && Number(i.text) >= 100 && Number(i.text) < 500)
  const expected = expectations(html).numbers[1]!
  assert.deepEqual(
    numbers.map((i) => i.text),
    expected,
    'every number of table 3, in order',
  )
  const before = items.find((i) => i.text.includes('注4'))!
  const firstRow = numbers[0]!
  assert.ok(firstRow.page > before.page, 'the table moved whole past the notes instead of starting low')
  for (let r = 0; r < numbers.length; r += 7) {
    const row = numbers.slice(r, r + 7)
    assert.ok(row.every((i) => i.page === row[0]!.page && Math.abs(i.y - row[0]!.y) < 1), `row ${r / 7 + 1} is cut`)
  }
  const pages = [...new Set(numbers.map((i) => i.page))]
  if (!breaks) {
    assert.deepEqual(pages, [firstRow.page], 'table 3 fits a page and is kept whole on one')
    return
  }
  assert.ok(pages.length >= 2, 'the longer table 3 is meant to break')
  for (const page of pages) {
    const onPage = items.filter((i) => i.page === page).map((i) => i.text).join('')
    assert.ok(onPage.includes('申请人情况'), `header rows repeated on page ${page}`)
  }
  // Every merged group of result rows stays on one page, and the outer label shows wherever its rows are.
  const pageOf = (label: string) => items.filter((i) => i.text.includes(label)).map((i) => i.page)
  for (const group of [
    ['1.属于国家秘密', '8.属于行政查询事项'],
    ['1.本机关不掌握相关政府信息', '3.补正后申请内容仍不明确'],
    ['1.信访举报投诉类申请', '5.要求行政机关确认或重新出具已获取信息'],
  ]) {
    const [first, last] = group.map((l) => pageOf(l.slice(0, 8)))
    assert.deepEqual(first, last, `group ${group[0]} … ${group[1]} is cut`)
  }
  const labelPages = new Set(items.filter((i) => Math.abs(i.size - TABLE_SIZE) < 0.1 && i.text.startsWith('三、')).map((i) => i.page))
  for (const page of pages) {
    const hasResultRow = numbers.some((i, k) => i.page === page && k >= 14 && k < numbers.length - 7)
    if (hasResultRow) assert.ok(labelPages.has(page), `「三、本年度办理结果」 shown on page ${page}`)
  }
}

test('table 3 starting low on a page moves whole to the next page: it fits one page', async () => {
  const { pdf, html } = await renderFixture('table3-starts-low')
  await checkTable3(pdf, html, false)
})

test('table 3 taller than a page: never cut inside a row or a merged group; header repeated', async () => {
  const { html: base } = await renderFixture('table3-starts-low')
  // Long row labels (as an agency's own wording may have) make the table need two pages.
  const html = base.replace(/(<th scope="row">\d\.[^<]*)/g, '$1（本行说明：此处为本机关补充的较长说明文字，使本表超过一页）')
  const file = new VFile({ path: join(fixtures, 'table3-starts-low', 'input.html') })
  const pdf = await renderPdf(html, file)
  assert.ok(pdf, 'renders')
  await checkTable3(pdf, html, true)
})

test('line breaking: no line starts with closing or ends with opening punctuation', async () => {
  const { pdf } = await renderFixture('kinsoku')
  const text = await readPdf(pdf)
  const body = text.items.filter((i) => !/^\d+$/.test(i.text.trim()) && !/^—/.test(i.text.trim()))
  const all = lines(body)
  assert.ok(all.length > 300, 'the fixture fills many lines')
  const opening = '（《「『“'
  const closing = '，。、；：？！）》」』'
  for (const c of closing) assert.ok(CLOSING.includes(c), `${c} is handled as closing punctuation`)
  const bad = all.filter((l) => closing.includes(l.text.trim()[0]!) || opening.includes(l.text.trim().at(-1)!))
  assert.deepEqual(bad, [], 'lines breaking the rule')
  // Nothing was lost while moving characters between lines.
  const joined = plainText(text.items.filter((i) => !/^—/.test(i.text.trim())))
  assert.equal(joined.match(/（电话：0371-12345678）。/g)?.length, 11, 'every phone-number paragraph intact')
  // The label column: left of the first numeric column's header.
  const firstNumeric = text.items.find((i) => i.text.trim() === '甲')!.x
  const cells = lines(text.items.filter((i) => Math.abs(i.size - TABLE_SIZE) < 0.1 && i.x < firstNumeric - 1))
    .map((l) => l.text)
    .join('')
  assert.equal(cells.match(/（0371-12345678）。/g)?.length, 8, 'every table cell intact')
})

test('fonts are parsed once per process (fontkit memo is hit)', async () => {
  const before = { ...fontkitMemoStats }
  await renderFixture('contract-report')
  await renderFixture('contract-report')
  assert.ok(fontkitMemoStats.hits > before.hits, 'second render reuses the parsed fonts')
  assert.ok(fontkitMemoStats.misses - before.misses <= 4, 'no font parsed again')
})

test('an element outside the subset is a diagnostic naming it, and its text is kept', async () => {
  const html = (await readFile(join(fixtures, 'contract-report', 'input.html'), 'utf8')).replace(
    '<p>本年度未收取信息处理费。</p>',
    '<p>本年度未收取<code>信息处理费</code>。</p><details>图示说明文字</details>',
  )
  const file = new VFile({ path: 'x/2024.md' })
  const pdf = await renderPdf(html, file)
  assert.ok(pdf, 'pdf')
  const messages = file.messages.filter((m) => m.ruleId === 'pdf-html-subset').map((m) => m.reason)
  assert.equal(messages.length, 2)
  assert.match(messages[0]!, /<code>/)
  assert.match(messages[1]!, /<details>/)
  // Each names the line of the merged HTML where the element is (the tree is read without positions, then again for these).
  const lineOf = (needle: string) => html.slice(0, html.indexOf(needle)).split('\n').length
  const notes = file.messages.filter((m) => m.ruleId === 'pdf-html-subset').map((m) => m.note)
  assert.deepEqual(notes, [`HTML 第 ${lineOf('<code>')} 行`, `HTML 第 ${lineOf('<details>')} 行`])
  const plain = plainText((await readPdf(pdf)).items)
  assert.ok(plain.includes('本年度未收取信息处理费。'), "plain.includes('本年度未收取信息处理费。')")
  assert.ok(plain.includes('图示说明文字'), "plain.includes('图示说明文字')")
})

test('nianbao.config.json fonts: a missing file is a clear diagnostic; a given file is used', async () => {
  const html = await readFile(join(fixtures, 'contract-report', 'input.html'), 'utf8')
  const root = await mkdtemp(join(tmpdir(), 'nianbao-fonts-'))
  await mkdir(join(root, 'agency'))
  await writeFile(join(root, 'nianbao.config.json'), JSON.stringify({ pdf: { fonts: { body: 'fonts/仿宋_GB2312.ttf' } } }))
  const missing = new VFile({ path: join(root, 'agency', '2024.md') })
  assert.equal(await renderPdf(html, missing), undefined)
  const [message] = missing.messages
  assert.equal(message?.ruleId, 'pdf-font-file')
  assert.equal(message?.fatal, true)
  assert.match(message!.reason, /仿宋_GB2312\.ttf（pdf\.fonts\.body）无法使用：文件不存在/)

  const other = await mkdtemp(join(tmpdir(), 'nianbao-fonts-'))
  await mkdir(join(other, 'agency'))
  const sans = { normal: defaultFontFiles.sans.normal, bold: defaultFontFiles.sans.bold }
  await writeFile(
    join(other, 'nianbao.config.json'),
    JSON.stringify({ pdf: { fonts: { title: sans, heading: sans.normal, subheading: sans.normal, body: sans } } }),
  )
  const given = new VFile({ path: join(other, 'agency', '2024.md') })
  const pdf = await renderPdf(html, given)
  assert.ok(pdf, given.messages.map(String).join('; '))
  const raw = Buffer.from(pdf).toString('latin1')
  const fonts = [...raw.matchAll(/\/BaseFont \/[A-Z]{6}\+(\S+)/g)].map((m) => m[1])
  assert.ok(fonts.length > 0 && fonts.every((f) => f!.startsWith('NotoSansSC')), `only the configured fonts, got ${fonts.join(', ')}`)

  const third = await mkdtemp(join(tmpdir(), 'nianbao-fonts-'))
  await mkdir(join(third, 'agency'))
  await writeFile(join(third, 'nianbao.config.json'), '{ "pdf": { "fonts": { "body": 3 } } }')
  const badFile = new VFile({ path: join(third, 'agency', '2024.md') })
  assert.equal(await renderPdf(html, badFile), undefined)
  assert.equal(badFile.messages[0]?.ruleId, 'pdf-config-valid')
})

test('metadata with & < > stays valid XMP', async () => {
  const html = (await readFile(join(fixtures, 'contract-report', 'input.html'), 'utf8')).replace(
    /<title>[^<]*<\/title>/,
    '<title>A&amp;B &lt;县&gt; 2024年政府信息公开工作年度报告</title>',
  )
  const file = new VFile({ path: 'x/2024.md' })
  file.data.report = { meta: { agency: '甲&乙<委员会>', year: 2024 } } as never
  const text = await readPdf((await renderPdf(html, file))!)
  assert.equal(text.info.Title, 'A＆B ＜县＞ 2024年政府信息公开工作年度报告')
  assert.equal(text.info.Author, '甲＆乙＜委员会＞')
  assert.equal(text.xmpTitle, text.info.Title, 'the XMP packet parses and carries the title')
})

function longTable(rows: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>长表</title></head><body><article class="report">
<section class="report-section" id="section-1"><h2>一、总体情况</h2>
<table class="stats-table" id="table-long"><caption>长表</caption><thead><tr><th>组别</th><th>行</th><th>数</th></tr></thead><tbody>${rows}</tbody></table>
</section></article></body></html>`
}

test('a merged group taller than a page breaks between its rows with its label repeated', async () => {
  const rows = Array.from({ length: 60 }, (_, i) =>
    `<tr>${i === 0 ? '<th rowspan="60">合并的行标题</th>' : ''}<th>第${i + 1}行</th><td class="num">${1000 + i}</td></tr>`,
  ).join('')
  const file = new VFile({ path: 'x/2024.md' })
  const pdf = await renderPdf(longTable(rows), file)
  assert.ok(pdf, 'renders')
  assert.deepEqual(file.messages.map(String), [])
  const items = readingOrder((await readPdf(pdf)).items)
  const numbers = items.filter(isTableNumber)
  assert.deepEqual(numbers.map((i) => Number(i.text)), Array.from({ length: 60 }, (_, i) => 1000 + i))
  const pages = [...new Set(numbers.map((i) => i.page))]
  assert.ok(pages.length >= 2, 'the table needs more than a page')
  for (const page of pages) {
    const text = items.filter((i) => i.page === page).map((i) => i.text).join('')
    assert.ok(text.includes('组别'), `header repeated on page ${page}`)
    assert.ok(text.includes('合并的行标题'), `group label repeated on page ${page}`)
  }
})

test('a table row taller than a page is reported and its text kept', async () => {
  const long = '很长的说明文字。'.repeat(700)
  const file = new VFile({ path: 'x/2024.md' })
  const pdf = await renderPdf(longTable(`<tr><th>甲</th><th>${long}</th><td class="num">7</td></tr>`), file)
  assert.ok(pdf, 'renders')
  const warnings = file.messages.filter((m) => m.ruleId === 'pdf-table-fits-page')
  assert.equal(warnings.length, 1)
  assert.match(warnings[0]!.reason, /长表/)
  const text = plainText((await readPdf(pdf)).items.filter((i) => !/^—/.test(i.text.trim())))
  // The phrase may be split by a page break (the header repeats in between); count its characters.
  for (const ch of '很的说明文字。') assert.equal(text.split(ch).length - 1, 700, `every ${ch} kept`)
})

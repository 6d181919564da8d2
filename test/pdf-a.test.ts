/**
 * Archival PDF/A-2b (`--pdf-a`, or `"pdf": {"pdfA": true}` in
 * nianbao.config.json). No PDF/A validator installs here (veraPDF is in
 * neither npm nor Debian), so the required structures are checked one by
 * one: version 1.7 with a binary header comment, XMP identification
 * (pdfaid part 2, conformance B) in a well-formed packet agreeing with the
 * Info dictionary, an sRGB output intent with its ICC profile, every font
 * embedded, no encryption, a file ID, the same bytes on every build. The
 * layout is the same as the ordinary PDF's.
 */
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { VFile } from 'vfile'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { readPdf, readingOrder, type PdfItem } from './util/pdf-text.js'

const repo = join(import.meta.dirname, '..')
const fixtures = join(import.meta.dirname, 'fixtures', 'pdf')
const has = (tool: string) => spawnSync('which', [tool]).status === 0

const seed = (async () => {
  const [file] = await validatePaths([join(repo, 'content', 'ruzhou-wsjkw', '2024.md')])
  const html = (await renderHtml(file!))!
  const pdf = (await renderPdf(html, file!, { pdfA: true }))!
  const plain = (await renderPdf(html, file!))!
  return { file: file!, html, pdf, plain }
})()

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

test('PDF/A-2b: header, XMP identification, Info and XMP agree, no ModDate without xmp:ModifyDate', async () => {
  const { pdf, file } = await seed
  const raw = latin1(pdf)
  assert.ok(raw.startsWith('%PDF-1.7\n%\xff\xff\xff\xff'), 'version 1.7 and a binary comment line')
  const text = await readPdf(pdf)
  assert.equal(text.xmp.get('pdfaid:part'), '2')
  assert.equal(text.xmp.get('pdfaid:conformance'), 'B')
  const meta = file.data.report!.meta
  assert.equal(text.info.Title, text.xmpTitle)
  assert.equal(text.info.Author, meta.agency)
  assert.deepEqual(text.xmp.get('dc:creator'), [meta.agency])
  assert.equal(text.xmp.get('dc:description'), text.info.Subject)
  assert.equal(text.xmp.get('pdf:keywords'), text.info.Keywords)
  assert.equal(text.xmp.get('pdf:producer'), text.info.Producer)
  assert.equal(text.xmp.get('xmp:creatortool'), text.info.Creator)
  // Info CreationDate D:20250120000000Z ⇔ xmp:CreateDate 2025-01-20T00:00:00Z.
  const created = String(text.info.CreationDate).replace(/^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z.*$/, '$1-$2-$3T$4:$5:$6Z')
  assert.equal(text.xmp.get('xmp:createdate'), created)
  assert.equal(text.info.ModDate, undefined, 'no Info ModDate (pdfkit writes no xmp:ModifyDate)')
  assert.match(raw, /<\?xpacket begin=[\s\S]*<\?xpacket end="w"\?>/, 'a complete XMP packet')
  assert.match(raw, /\/Type \/Metadata\s*\/Subtype \/XML/)
  assert.doesNotMatch(raw, /\/Encrypt\b/, 'not encrypted')
  assert.match(raw, /\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/, 'file ID')
  assert.match(raw, /\/Lang \(zh-CN\)/)
})

test('PDF/A-2b: every font embedded as a subset', async (t) => {
  const { pdf } = await seed
  const raw = latin1(pdf)
  const descriptors = raw.match(/\/Type \/FontDescriptor/g)?.length ?? 0
  assert.ok(descriptors >= 2)
  assert.equal(raw.match(/\/FontFile[23]? /g)?.length ?? 0, descriptors, 'a font program for every descriptor')
  for (const m of raw.matchAll(/\/BaseFont \/([^\s/]+)/g)) assert.match(m[1]!, /^[A-Z]{6}\+/)
  if (!has('pdffonts')) return t.skip('poppler-utils not installed; .ci/run installs it')
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-pdfa-'))
  await writeFile(join(dir, 'a.pdf'), pdf)
  const rows = execFileSync('pdffonts', [join(dir, 'a.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2)
  for (const row of rows) assert.match(row, /\byes\s+yes\s+yes\b/, row)
})

test('PDF/A-2b: sRGB output intent with an embedded ICC profile; qpdf --check passes', async (t) => {
  const { pdf } = await seed
  const raw = latin1(pdf)
  const intent = /\/OutputIntents \[\s*(\d+) 0 R\s*\]/.exec(raw)
  assert.ok(intent, 'the catalog lists an output intent')
  const object = new RegExp(`\\n${intent[1]} 0 obj\\s*<<([\\s\\S]*?)>>\\s*endobj`).exec(raw)
  assert.ok(object, 'the output intent object')
  assert.match(object[1]!, /\/S \/GTS_PDFA1/)
  assert.match(object[1]!, /\/OutputConditionIdentifier \(sRGB IEC61966-2\.1\)/)
  const profile = /\/DestOutputProfile (\d+) 0 R/.exec(object[1]!)
  assert.ok(profile, 'a destination profile')
  if (!has('qpdf')) return t.skip('qpdf not installed; .ci/run installs it')
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-pdfa-'))
  const path = join(dir, 'a.pdf')
  await writeFile(path, pdf)
  const icc = execFileSync('qpdf', [`--show-object=${profile[1]}`, '--filtered-stream-data', path])
  assert.equal(icc.subarray(36, 40).toString('latin1'), 'acsp', 'an ICC profile')
  assert.equal(icc.subarray(16, 20).toString('latin1'), 'RGB ', 'for RGB colour')
  assert.equal(icc.readUInt32BE(0), icc.length, 'complete')
  const check = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' })
  assert.equal(check.status, 0, check.stdout + check.stderr)
})

test('PDF/A-2b: the same input gives the same bytes', async () => {
  const { pdf, html, file } = await seed
  const again = (await renderPdf(html, file, { pdfA: true }))!
  assert.ok(Buffer.from(again).equals(Buffer.from(pdf)))
})

const positions = (items: PdfItem[]) => readingOrder(items).map((i) => `${i.page}:${i.x.toFixed(2)},${i.y.toFixed(2)} ${i.text}`)

test('PDF/A-2b: the pages are laid out exactly as the ordinary PDF (表三 whole on its page)', async () => {
  const { pdf, plain } = await seed
  assert.deepEqual(positions((await readPdf(pdf)).items), positions((await readPdf(plain)).items))
  const html = await readFile(join(fixtures, 'table3-starts-low', 'input.html'), 'utf8')
  const file = new VFile({ path: join(fixtures, 'table3-starts-low', 'input.html') })
  const a = await readPdf((await renderPdf(html, file, { pdfA: true }))!)
  const b = await readPdf((await renderPdf(html, file))!)
  assert.deepEqual(positions(a.items), positions(b.items))
  // Table 3's numbers (100 and up in the fixture) all on one page, after the notes.
  const numbers = a.items.filter((i) => /^\d+$/.test(i.text.trim()) && Number(i.text) >= 100 && Number(i.text) < 500)
  assert.ok(numbers.length > 100)
  assert.equal(new Set(numbers.map((i) => i.page)).size, 1, '表三 kept whole on one page')
})

test('a table that fits below the text stays on its page (no page wasted), in PDF/A too', async () => {
  const rows = Array.from({ length: 4 }, (_, i) => `<tr><th scope="row">第${i + 1}行</th><td class="num">${700 + i}</td></tr>`).join('')
  const html = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>短表</title></head><body><article class="report">
<section class="report-section" id="section-4"><h2>四、政府信息公开行政复议、行政诉讼情况</h2><p>本年度发生行政复议案件如下。</p><p>说明文字。</p>
<table class="stats-table" id="table-appeals"><thead><tr><th>项目</th><th>数量</th></tr></thead><tbody>${rows}</tbody></table>
<p>表后文字。</p></section></article></body></html>`
  for (const pdfA of [false, true]) {
    const text = await readPdf((await renderPdf(html, new VFile({ path: 'x/2024.md' }), { pdfA }))!)
    assert.equal(text.pages, 1, `pdfA ${pdfA}: one page`)
    const numbers = text.items.filter((i) => /^70\d$/.test(i.text.trim()))
    assert.equal(numbers.length, 4)
  }
})

test('"pdf": {"pdfA": true} in nianbao.config.json turns PDF/A on; a wrong value is a diagnostic', async () => {
  const { html } = await seed
  const root = await mkdtemp(join(tmpdir(), 'nianbao-pdfa-config-'))
  await mkdir(join(root, 'agency'))
  await writeFile(join(root, 'nianbao.config.json'), JSON.stringify({ pdf: { pdfA: true } }))
  const pdf = await renderPdf(html, new VFile({ path: join(root, 'agency', '2024.md') }))
  assert.equal((await readPdf(pdf!)).xmp.get('pdfaid:part'), '2')
  const off = await renderPdf(html, new VFile({ path: join(root, 'agency', '2024.md') }), { pdfA: false })
  assert.equal((await readPdf(off!)).xmp.get('pdfaid:part'), undefined, 'the option wins over the config')
  await writeFile(join(root, 'nianbao.config.json'), JSON.stringify({ pdf: { pdfA: 'yes' } }))
  const bad = new VFile({ path: join(root, 'agency', '2024.md') })
  assert.equal(await renderPdf(html, bad), undefined)
  assert.equal(bad.messages[0]?.ruleId, 'pdf-config-valid')
  assert.match(bad.messages[0]!.reason, /pdf\.pdfA 应为 true 或 false/)
})

test('nianbao build --to pdf --pdf-a writes PDF/A', async () => {
  const out = await mkdtemp(join(tmpdir(), 'nianbao-pdfa-cli-'))
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'build', join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), '--to', 'pdf', '--pdf-a', '--out', out], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  const text = await readPdf(new Uint8Array(await readFile(join(out, 'ruzhou-wsjkw', '2024', 'report.pdf'))))
  assert.equal(text.xmp.get('pdfaid:conformance'), 'B')
})

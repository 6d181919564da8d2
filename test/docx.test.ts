/**
 * Word output (`nianbao build --to docx`): read back from its XML for the
 * page, the named styles, the footer, the tables' merged cells (as many
 * vertical and horizontal merges as the HTML's rowspans and colspans) and
 * repeated header rows; the same bytes on every build; part of the bundle
 * and of the whole-tree build. Where LibreOffice is installed, the file is
 * converted to PDF and its text and table grid read with poppler.
 */
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { DOMParser } from '@xmldom/xmldom'
import { unzipSync } from 'fflate'
import type { Element } from 'hast'
import { VFile } from 'vfile'
import { buildTree } from '../src/build/build-tree.js'
import { validatePaths } from '../src/pipeline.js'
import { documentDate } from '../src/render/document-date.js'
import { renderDocx } from '../src/render/docx/index.js'
import { renderHtml } from '../src/render/html.js'
import { elements, parseHtml, tableGrid } from './util/html-grid.js'

const repo = join(import.meta.dirname, '..')
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

const seeds = (async () => {
  const out: { name: string; file: VFile; html: string; docx: Uint8Array }[] = []
  for (const file of await validatePaths([join(repo, 'content')])) {
    const html = (await renderHtml(file))!
    out.push({ name: file.path.slice(repo.length + 1), file, html, docx: (await renderDocx(html, file))! })
  }
  return out
})()

function parts(docx: Uint8Array): Record<string, string> {
  const decoder = new TextDecoder()
  return Object.fromEntries(Object.entries(unzipSync(docx)).map(([name, bytes]) => [name, decoder.decode(bytes)]))
}

/** The little of the DOM read here (xmldom's own types need the DOM lib). */
interface XmlElement {
  getAttributeNS(ns: string, name: string): string | null
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<XmlElement>
  textContent: string | null
}
type XmlDocument = Pick<XmlElement, 'getElementsByTagNameNS'>
const xml = (text: string): XmlDocument => new DOMParser().parseFromString(text, 'text/xml') as unknown as XmlDocument
const all = (node: XmlDocument | XmlElement, name: string): XmlElement[] => Array.from(node.getElementsByTagNameNS(W, name))
const val = (node: XmlElement | undefined) => node?.getAttributeNS(W, 'val') ?? undefined
const child = (node: XmlElement, name: string) => all(node, name)[0]

test('every seed: A4 with the GB/T 9704 margins, named styles, fonts named and not embedded', async () => {
  for (const { name, docx } of await seeds) {
    const p = parts(docx)
    assert.ok(p['word/document.xml'] && p['word/styles.xml'] && p['[Content_Types].xml'], name)
    assert.ok(!Object.keys(p).some((n) => n.startsWith('word/fonts/')), `${name}: no embedded fonts`)
    const doc = xml(p['word/document.xml']!)
    const size = all(doc, 'pgSz')[0]!
    assert.equal(size.getAttributeNS(W, 'w'), '11906')
    assert.equal(size.getAttributeNS(W, 'h'), '16838')
    const margin = all(doc, 'pgMar')[0]!
    // 37 / 35 / 28 / 26 mm in twips.
    assert.deepEqual(
      ['top', 'bottom', 'left', 'right'].map((k) => margin.getAttributeNS(W, k)),
      ['2098', '1984', '1587', '1474'],
    )
    const styles = xml(p['word/styles.xml']!)
    const byName = new Map(all(styles, 'style').map((s) => [val(child(s, 'name')), s]))
    for (const styleName of ['标题', '一级标题', '二级标题', '正文']) {
      const style = byName.get(styleName)
      assert.ok(style, `${name}: style ${styleName}`)
      assert.ok(child(style, 'qFormat'), `${name}: ${styleName} shows in the style gallery`)
    }
    const eastAsia = (styleName: string) => {
      let style = byName.get(styleName)
      // Inherited fonts: walk basedOn.
      while (style) {
        const fonts = child(style, 'rFonts')
        if (fonts) return fonts.getAttributeNS(W, 'eastAsia')
        const base = val(child(style, 'basedOn'))
        style = all(styles, 'style').find((s) => s.getAttributeNS(W, 'styleId') === base)
      }
      return undefined
    }
    assert.equal(eastAsia('正文'), '仿宋_GB2312')
    assert.equal(eastAsia('标题'), '方正小标宋简体')
    assert.equal(eastAsia('一级标题'), '黑体')
    assert.equal(eastAsia('二级标题'), '楷体_GB2312')
    const body = byName.get('正文')!
    assert.equal(val(child(body, 'sz')), '32', '三号 16 pt')
    assert.equal(child(byName.get('标题')!, 'sz') && val(child(byName.get('标题')!, 'sz')), '44', '二号 22 pt')
    const fontTable = xml(p['word/fontTable.xml']!)
    const fallbacks = new Map(all(fontTable, 'font').map((f) => [f.getAttributeNS(W, 'name'), val(child(f, 'altName'))]))
    assert.equal(fallbacks.get('仿宋_GB2312'), '仿宋')
    assert.equal(fallbacks.get('楷体_GB2312'), '楷体')
  }
})

test('every seed: title, six section headings and the body use the named styles, in order', async () => {
  for (const { name, html, docx } of await seeds) {
    const doc = xml(parts(docx)['word/document.xml']!)
    const styles = xml(parts(docx)['word/styles.xml']!)
    const nameOf = new Map(all(styles, 'style').map((s) => [s.getAttributeNS(W, 'styleId'), val(child(s, 'name'))]))
    const paragraphs = all(doc, 'p').map((p) => ({
      style: nameOf.get(val(all(p, 'pStyle')[0]) ?? ''),
      text: all(p, 't').map((t) => t.textContent).join(''),
    }))
    const tree = parseHtml(html)
    const h1 = elements(tree, (e) => e.tagName === 'h1').map(textOf)
    const h2 = elements(tree, (e) => e.tagName === 'h2').map(textOf)
    assert.deepEqual(paragraphs.filter((p) => p.style === '标题').map((p) => p.text), h1, name)
    assert.deepEqual(paragraphs.filter((p) => p.style === '一级标题').map((p) => p.text), h2, name)
    assert.equal(h2.length, 6)
    assert.ok(paragraphs.filter((p) => p.style === '正文' && p.text.length > 20).length >= 3, `${name}: body paragraphs`)
    const signoff = elements(tree, (e) => e.tagName === 'p' && String(e.properties.className ?? '').startsWith('signoff')).map(textOf)
    assert.ok(signoff.length > 0, name)
    assert.deepEqual(paragraphs.filter((p) => p.style === '落款').map((p) => p.text.replace(/\s+/g, '')), signoff, `${name}: sign-off`)
  }
})

function textOf(node: Element): string {
  return (function walk(n: Element): string {
    return n.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? walk(c) : '')).join('')
  })(node).replace(/\s+/g, '')
}

test('every seed: each table has the HTML\'s merges (vMerge restarts = rowspans, gridSpans = colspans) and repeats its header rows', async () => {
  for (const { name, html, docx } of await seeds) {
    const tables = all(xml(parts(docx)['word/document.xml']!), 'tbl')
    const htmlTables = elements(parseHtml(html), (e) => e.tagName === 'table')
    assert.equal(tables.length, htmlTables.length, name)
    htmlTables.forEach((table, i) => {
      const cells = elements(table, (e) => e.tagName === 'td' || e.tagName === 'th')
      const rowSpans = cells.map((c) => Number(c.properties.rowSpan ?? 1)).filter((n) => n > 1)
      const colSpans = cells.map((c) => Number(c.properties.colSpan ?? 1)).filter((n) => n > 1)
      const docxTable = tables[i]!
      const merges = all(docxTable, 'vMerge')
      const restarts = merges.filter((m) => val(m) === 'restart').length
      assert.equal(restarts, rowSpans.length, `${name} table ${i + 1}: vertical merges`)
      assert.equal(merges.length - restarts, rowSpans.reduce((a, n) => a + n - 1, 0), `${name} table ${i + 1}: continued cells`)
      // A merged cell continued over n rows repeats its gridSpan in each.
      const spans = all(docxTable, 'tcPr').filter((p) => !child(p, 'vMerge') || val(child(p, 'vMerge')) === 'restart').map((p) => Number(val(child(p, 'gridSpan')) ?? 1))
      assert.deepEqual(spans.filter((n) => n > 1).sort(), [...colSpans].sort(), `${name} table ${i + 1}: horizontal merges`)
      const grid = tableGrid(table)
      const rows = all(docxTable, 'tr')
      assert.equal(rows.length, grid.rows.length, `${name} table ${i + 1}: rows`)
      const headerRows = rows.filter((r) => all(r, 'tblHeader').length > 0).length
      assert.equal(headerRows, grid.headRows, `${name} table ${i + 1}: header rows repeated on each page`)
      assert.equal(all(docxTable, 'gridCol').length, grid.rows[0]!.length, `${name} table ${i + 1}: grid columns`)
      // Cell margins are the table's, said once (w:tblCellMar), not in each cell.
      assert.equal(all(docxTable, 'tblCellMar').length, 1, `${name} table ${i + 1}: table cell margins`)
      assert.equal(all(docxTable, 'tcMar').length, 0, `${name} table ${i + 1}: no margins per cell`)
      // The 表格文字 style centres: a paragraph says its alignment only when it is left.
      assert.deepEqual(all(docxTable, 'jc').filter((j) => val(j) !== 'left'), [], `${name} table ${i + 1}: alignment`)
      if (i === 0) assert.ok(all(docxTable, 'jc').length > 0, `${name} table 1: its row labels are left-aligned`)
    })
  }
})

test('every seed: page numbers 「— 1 —」 in the footer', async () => {
  for (const { name, docx } of await seeds) {
    const p = parts(docx)
    const footers = Object.keys(p).filter((n) => /^word\/footer\d*\.xml$/.test(n))
    assert.equal(footers.length, 1, name)
    const footer = p[footers[0]!]!
    assert.match(footer, /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/, `${name}: a PAGE field`)
    assert.match(footer.replace(/<[^>]+>/g, ''), /—\s*PAGE\s*—|—\s+—/)
  }
})

test('every seed: the same input gives the same bytes, in any time zone; dates from published', async () => {
  for (const seed of await seeds) assert.ok(Buffer.from((await renderDocx(seed.html, seed.file))!).equals(Buffer.from(seed.docx)), `${seed.name}: two builds differ`)
  // Links: docx names their relationships at random; renamed in order.
  const linked = '<!DOCTYPE html><html><head><title>链接</title></head><body><p>见<a href="https://www.example.gov.cn/a">网站</a>和<a href="https://www.example.gov.cn/b">专栏</a>。</p></body></html>'
  const one = parts((await renderDocx(linked, new VFile({ path: 'x/2024.md' })))!)
  const two = parts((await renderDocx(linked, new VFile({ path: 'x/2024.md' })))!)
  assert.deepEqual(one, two)
  assert.match(one['word/_rels/document.xml.rels']!, /Id="rIdLink1"[^>]*Target="https:\/\/www\.example\.gov\.cn\/a"/)
  assert.match(one['word/document.xml']!, /<w:hyperlink [^>]*r:id="rIdLink2"/)
  const { file, html, docx } = (await seeds)[1]!
  const core = parts(docx)['docProps/core.xml']!
  const date = documentDate(file.data.report!.meta.published).toISOString().replace('.000Z', 'Z')
  assert.match(core, new RegExp(`<dcterms:created[^>]*>${date}</dcterms:created>`))
  assert.match(core, new RegExp(`<dcterms:modified[^>]*>${date}</dcterms:modified>`))
  const dated = new VFile({ path: file.path })
  dated.data.report = { ...file.data.report!, meta: { ...file.data.report!.meta, published: '2025-01-20' } }
  assert.match(parts((await renderDocx(html, dated))!)['docProps/core.xml']!, /<dcterms:created[^>]*>2025-01-20T00:00:00Z</, 'published is the date')
  assert.match(core, new RegExp(`<dc:creator>${file.data.report!.meta.agency}</dc:creator>`))
  const script = `import { renderDocx } from ${JSON.stringify(join(repo, 'src/render/docx/index.ts'))}
import { validatePaths } from ${JSON.stringify(join(repo, 'src/pipeline.ts'))}
import { renderHtml } from ${JSON.stringify(join(repo, 'src/render/html.ts'))}
import { createHash } from 'node:crypto'
const [f] = await validatePaths([${JSON.stringify(file.path)}])
process.stdout.write(createHash('sha256').update(await renderDocx((await renderHtml(f)), f)).digest('hex'))`
  const hashes = ['UTC', 'America/New_York'].map((tz) =>
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo, env: { ...process.env, TZ: tz }, encoding: 'utf8' }),
  )
  assert.equal(hashes[0], hashes[1])
})

const soffice = spawnSync('which', ['soffice']).status === 0 && spawnSync('which', ['pdftotext']).status === 0

test('LibreOffice opens the document: headings, page numbers, table 3 row by row', { skip: soffice ? false : 'LibreOffice (libreoffice-writer-nogui) or poppler-utils not installed; .ci/run installs them' }, async () => {
  const { docx, html } = (await seeds)[1]!
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-docx-'))
  writeFileSync(join(dir, 'report.docx'), docx)
  // A profile of its own, so that a LibreOffice already running elsewhere does not take the job.
  const profile = `file://${join(dir, 'profile')}`
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { timeout: 180_000, stdio: 'ignore' })
  const layout = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' })
  const flat = layout.replace(/\s+/g, '')
  for (const heading of elements(parseHtml(html), (e) => e.tagName === 'h2').map(textOf)) assert.ok(flat.includes(heading), heading)
  assert.match(layout, /—\s*1\s*—/, 'page number')
  // Table 3's grid: each body row's seven numbers on one line, rows in order, every row label printed.
  const grid = tableGrid(byIdTable(html, 'table-requests'))
  const expected = grid.rows.slice(grid.headRows).map((row) => row.filter((c) => c.className.includes('num')).map((c) => c.text).join(' '))
  const printed = layout
    .split('\n')
    .map((line) => /(?:^|\s)((?:-?\d+(?:\.\d+)?\s+){6}-?\d+(?:\.\d+)?)\s*$/.exec(line)?.[1]?.replace(/\s+/g, ' '))
    .filter((numbers): numbers is string => numbers !== undefined)
  const at = printed.indexOf(expected[0]!)
  assert.ok(at >= 0, 'the first row of table 3')
  assert.deepEqual(printed.slice(at, at + expected.length), expected, 'every row of table 3 on one line, in order')
  // (Labels of merged groups wrap a character a line beside other rows; the rows' own labels read whole.)
  const oneRow = (cell: (typeof grid.rows)[number][number]) => grid.rows.filter((r) => r.includes(cell)).length === 1
  for (const row of grid.rows.slice(grid.headRows))
    for (const cell of row) if (cell.tag === 'th' && oneRow(cell)) assert.ok(flat.includes(cell.text.replace(/\s+/g, '').slice(0, 6)), cell.text)
})

function byIdTable(html: string, id: string): Element {
  return elements(parseHtml(html), (e) => e.tagName === 'table' && e.properties.id === id)[0]!
}

test('nianbao build: --to docx writes report.docx; the bundle and the tree build include it, the index links it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-docx-build-'))
  cpSync(join(repo, 'content'), join(dir, 'content'), { recursive: true })
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'build', 'content/ruzhou-wsjkw/2024.md', '--to', 'docx'], { cwd: dir, encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  assert.ok(existsSync(join(dir, 'out', 'ruzhou-wsjkw', '2024', 'report.docx')))
  const summary = await buildTree({ root: join(dir, 'content'), outDir: join(dir, 'tree'), jobs: 1, stdout: () => {}, stderr: () => {}, tty: false })
  assert.equal(summary.failed, 0)
  const docx = readFileSync(join(dir, 'tree', 'ruzhou-wsjkw', '2024', 'report.docx'))
  const zip = unzipSync(new Uint8Array(readFileSync(join(dir, 'tree', 'ruzhou-wsjkw', '2024.zip'))))
  assert.deepEqual(zip['report.docx'], new Uint8Array(docx), 'the bundle holds the same Word file')
  const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as { files: { name: string }[] }
  assert.ok(manifest.files.some((f) => f.name === 'report.docx'), 'the manifest lists it')
  const index = readFileSync(join(dir, 'tree', 'index.html'), 'utf8')
  assert.ok(index.includes('href="ruzhou-wsjkw/2024/report.docx"'))
})

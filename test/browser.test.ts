/**
 * The pages in a real browser (Debian's Chromium through playwright-core):
 * no console error, no network request of any kind, every statistics table
 * laid out with the official number of columns, no XSS payload executing.
 * Screenshots go to test-output/screenshots/ (ignored by git, never in the
 * published out/) for people to look at.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { after, before, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'
import { tableWidth } from '../src/render/view-model.js'
import { loadReportFromText } from '../src/source/report.js'
import { chromiumMissing, launchChromium } from './util/browser.js'
import { payloads, reportWith } from './util/xss.js'

const repo = join(import.meta.dirname, '..')
// Not out/: that folder gets published. test-output/ is ignored by git.
const screenshots = join(repo, 'test-output', 'screenshots')
const started = Date.now()
let browser: Browser | undefined
let dir: string

before(async () => {
  if (chromiumMissing) return
  browser = await launchChromium()
  dir = await mkdtemp(join(tmpdir(), 'nianbao-browser-'))
  await mkdir(screenshots, { recursive: true })
})

after(async () => {
  await browser?.close()
})

interface Watched {
  page: Page
  problems: string[]
  /** The page's own URL, the one request allowed. */
  url: string
}

/** A tab that records console errors, page errors, dialogs and every request but the page it was sent to. */
async function watchedPage(width = 1000): Promise<Watched> {
  const page = await browser!.newPage({ viewport: { width, height: 900 } })
  const watched: Watched = { page, problems: [], url: '' }
  page.on('console', (m) => {
    if (m.type() === 'error') watched.problems.push(`console error: ${m.text()}`)
  })
  page.on('pageerror', (e) => watched.problems.push(`page error: ${e.message}`))
  page.on('dialog', (d) => {
    watched.problems.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  page.on('request', (r) => {
    if (r.url() !== watched.url) watched.problems.push(`request: ${r.url()}`)
  })
  return watched
}

/** Load a page from disk (file://) into a watched tab. */
async function show(watched: Watched, name: string, html: string): Promise<Watched> {
  const path = join(dir, `${name}.html`)
  await writeFile(path, html)
  watched.url = pathToFileURL(path).href
  await watched.page.goto(watched.url, { waitUntil: 'load' })
  return watched
}

async function open(name: string, html: string, width = 1000): Promise<Watched> {
  return show(await watchedPage(width), name, html)
}

/** Per table: the grid width of every row (spans resolved by the browser's own table model) and the distinct column edges laid out. */
function measureTables(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLTableElement>('table.stats-table')).map((table) => {
      const taken: boolean[][] = []
      const widths: number[] = []
      ;Array.from(table.rows).forEach((row, r) => {
        taken[r] ??= []
        let c = 0
        for (const cell of Array.from(row.cells)) {
          while (taken[r]![c]) c++
          for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true
          c += cell.colSpan
        }
      })
      taken.forEach((row) => widths.push(row.length))
      const edges = new Set<number>()
      for (const cell of Array.from(table.querySelectorAll('th, td'))) edges.add(Math.round(cell.getBoundingClientRect().left))
      return { id: table.id, widths, edges: edges.size, overflow: table.scrollWidth > table.parentElement!.clientWidth + 1 }
    }),
  )
}

test('every seed page opens in Chromium with no console error or request, tables with the official columns', async (t) => {
  if (chromiumMissing) return t.skip(chromiumMissing)
  const files = await validatePaths([join(repo, 'content')])
  assert.equal(files.length, 6)
  for (const file of files) {
    const report = file.data.report!
    const html = await renderHtml(file)
    assert.ok(html)
    const name = `${basename(dirname(file.path))}-${report.meta.year}`
    const { page, problems } = await open(name, html)
    const tables = await measureTables(page)
    assert.deepEqual(
      tables.map((x) => x.id),
      report.format.tables.map((d) => `table-${d.key}`),
    )
    for (const def of report.format.tables) {
      const measured = tables.find((x) => x.id === `table-${def.key}`)!
      const columns = tableWidth(def)
      assert.ok(measured.widths.every((w) => w === columns), `${name} ${def.name}: rows ${measured.widths.join(',')} ≠ ${columns} columns`)
      assert.equal(measured.edges, columns, `${name} ${def.name}: ${measured.edges} column edges rendered, expected ${columns}`)
      assert.equal(measured.overflow, false, `${name} ${def.name} overflows the page`)
    }
    await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true })
    await page.close()
    assert.deepEqual(problems, [], name)
  }
})

test('on a phone-width screen the tables still fit', async (t) => {
  if (chromiumMissing) return t.skip(chromiumMissing)
  const [file] = await validatePaths([join(repo, 'content', 'ruzhou-wsjkw', '2024.md')])
  const { page, problems } = await open('ruzhou-narrow', (await renderHtml(file!))!, 400)
  const tables = await measureTables(page)
  await page.screenshot({ path: join(screenshots, 'ruzhou-wsjkw-2024-narrow.png'), fullPage: true })
  await page.close()
  assert.deepEqual(problems, [])
  assert.deepEqual(tables.filter((x) => x.overflow).map((x) => x.id), [])
})

test('no XSS payload runs in the browser', async (t) => {
  if (chromiumMissing) return t.skip(chromiumMissing)
  const watched = await watchedPage()
  for (const [index, payload] of payloads.entries()) {
    // Each payload in the YAML strings, all of them in the body.
    const file = loadReportFromText('content/demo/2024.md', reportWith(payload, index === 0 ? payloads : [payload]))
    const html = await renderHtml(file)
    assert.ok(html)
    const { page, problems } = await show(watched, `xss-${index}`, html)
    if (index === 0) await page.waitForTimeout(300)
    const state = await page.evaluate(() => ({
      flag: (window as unknown as { __xss?: unknown }).__xss,
      scripts: document.querySelectorAll('script, iframe, object, embed, img, svg').length,
      handlers: Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name) || a.name === 'style').map((a) => `${el.tagName}[${a.name}]`)),
      styles: document.querySelectorAll('style').length,
      badLinks: Array.from(document.querySelectorAll('a[href]')).map((a) => (a as HTMLAnchorElement).protocol).filter((p) => !['http:', 'https:', 'mailto:', 'file:'].includes(p)),
    }))
    if (index === 0) await page.screenshot({ path: join(screenshots, 'xss-all-payloads.png'), fullPage: true })
    assert.deepEqual(problems, [], `payload ${index + 1}`)
    assert.deepEqual(state, { flag: undefined, scripts: 0, handlers: [], styles: 1, badLinks: [] }, `payload ${index + 1}: ${payload}`)
  }
  await watched.page.close()
})

test('screenshots go to test-output/, nothing into the published out/', async (t) => {
  if (chromiumMissing) return t.skip(chromiumMissing)
  const { readdir, stat } = await import('node:fs/promises')
  const shots = await readdir(screenshots)
  assert.ok(shots.some((name) => name.endsWith('.png')), 'screenshots were written')
  // Whatever an earlier version left in out/ is not ours to judge: nothing there is newer than this run.
  const newer: string[] = []
  const walk = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined)
    if (!info) return
    if (info.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name))
    else if (info.mtimeMs >= started) newer.push(path)
  }
  await walk(join(repo, 'out', 'screenshots'))
  assert.deepEqual(newer, [])
})

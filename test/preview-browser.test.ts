/**
 * `nianbao preview` in a real Chromium: over a temporary copy of two
 * reports, saving a file changes the page (scroll kept); an error shows in
 * the panel at its line and marks its table cell; fixing it clears it; a
 * file that does not parse shows its errors instead of the page while the
 * server goes on; the index lists the reports; the PDF link gives a PDF.
 * No console error (a Content-Security-Policy violation would be one).
 * Screenshots go to test-output/screenshots/preview-*.png.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startPreview, type RunningPreview } from '../src/preview/index.js'
import { chromiumMissing, launchChromium } from './util/browser.js'

const repo = join(import.meta.dirname, '..')
// Not out/: that folder gets published. test-output/ is ignored by git.
const screenshots = join(repo, 'test-output', 'screenshots')
const seed = await readFile(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length

let browser: Browser | undefined
let preview: RunningPreview | undefined
let report: string
const problems: string[] = []

before(async () => {
  if (chromiumMissing) return
  const root = await mkdtemp(join(tmpdir(), 'nianbao-preview-browser-'))
  await mkdir(join(root, 'content', 'ruzhou-wsjkw'), { recursive: true })
  await mkdir(join(root, 'content', 'shixing-wsjkj'), { recursive: true })
  report = join(root, 'content', 'ruzhou-wsjkw', '2024.md')
  await writeFile(report, seed)
  await writeFile(join(root, 'content', 'shixing-wsjkj', '2024.md'), await readFile(join(repo, 'content', 'shixing-wsjkj', '2024.md')))
  preview = await startPreview({ paths: [join(root, 'content')], port: 0 })
  browser = await launchChromium()
  await mkdir(screenshots, { recursive: true })
})

after(async () => {
  await browser?.close()
  await preview?.close()
})

async function newPage(): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  return page
}

/** The text of the report page currently shown. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('.nb-front')
    return frame && !frame.hidden ? (frame.contentDocument?.body?.innerText ?? '') : ''
  })
}

async function waitForPageText(page: Page, text: string, present = true): Promise<void> {
  await page.waitForFunction(
    ([t, want]) => {
      const frame = document.querySelector<HTMLIFrameElement>('.nb-front')
      const shown = frame && !frame.hidden ? (frame.contentDocument?.body?.innerText ?? '') : ''
      return shown.includes(t as string) === want
    },
    [text, present] as const,
    { timeout: 15_000 },
  )
}

test('the preview in Chromium follows every save', { skip: chromiumMissing }, async () => {
  const page = await newPage()
  await page.goto(`${preview!.url}r/ruzhou-wsjkw/2024/`)
  await waitForPageText(page, '汝州市卫生健康委员会2024年政府信息公开工作年度报告')
  assert.equal(await page.locator('.nb-none').count(), 1, 'a clean report: no problems listed')

  // 1. Edit the text: the page changes, and stays where the reader was.
  await page.evaluate(() => document.querySelector<HTMLIFrameElement>('.nb-front')!.contentWindow!.scrollTo(0, 1200))
  let text = seed.replace('全年，办理政府信息公开申请 3 件。', '全年，办理政府信息公开申请 3 件。预览测试新增的一句话。')
  await writeFile(report, text)
  await waitForPageText(page, '预览测试新增的一句话。')
  const scrolled = await page.evaluate(() => document.querySelector<HTMLIFrameElement>('.nb-front')!.contentWindow!.scrollY)
  assert.ok(Math.abs(scrolled - 1200) < 2, `scroll position kept (${scrolled})`)
  // The updated page is the published one: the same DOM as the page loaded on its own.
  const inFrame = await page.evaluate(() => {
    const doc = document.querySelector<HTMLIFrameElement>('.nb-front')!.contentDocument!
    return { body: doc.body.innerHTML, style: doc.querySelector('style')!.textContent, title: doc.title }
  })
  const alone = await browser!.newPage()
  await alone.goto(`${preview!.url}r/ruzhou-wsjkw/2024/page.html`)
  const own = await alone.evaluate(() => ({ body: document.body.innerHTML, style: document.querySelector('style')!.textContent, title: document.title }))
  await alone.close()
  assert.deepEqual(inFrame, own)

  // 2. Introduce an error: listed at its line, its cell marked, linked to the editor.
  text = text.replace('received: [3, 0, 0, 0, 0, 0, 3]', 'received: [4, 0, 0, 0, 0, 0, 3]')
  await writeFile(report, text)
  const line = lineOf(text, 'received:')
  const item = page.locator('.nb-diag.nb-error', { hasText: 'total-column-equals-sum' })
  await item.waitFor({ timeout: 15_000 })
  assert.match((await item.locator('.nb-loc').textContent()) ?? '', new RegExp(`^${line}:\\d+$`))
  assert.match((await item.locator('.nb-loc').getAttribute('href')) ?? '', new RegExp(`^vscode://file/.*/ruzhou-wsjkw/2024\\.md:${line}:\\d+$`))
  await page.locator('.nb-status-errors').waitFor()
  await item.locator('.nb-msg').click()
  const selected = await page.evaluate(() =>
    Array.from(document.querySelector<HTMLIFrameElement>('.nb-front')!.contentDocument!.querySelectorAll('[data-nb-selected]')).map((el) => [
      el.tagName,
      el.closest('table')?.id,
      el.textContent,
    ]),
  )
  // The 总计 cell of row 一 in 表三, which prints the written 3.
  assert.deepEqual(selected, [['TD', 'table-requests', '3']])
  await page.screenshot({ path: join(screenshots, 'preview-error.png') })

  // 3. Fix it: the entry goes, the mark too.
  text = text.replace('received: [4, 0, 0, 0, 0, 0, 3]', 'received: [3, 0, 0, 0, 0, 0, 3]')
  await writeFile(report, text)
  await page.locator('.nb-none').waitFor({ timeout: 15_000 })
  assert.equal(await page.locator('.nb-diag').count(), 0)
  await page.waitForFunction(() => document.querySelector<HTMLIFrameElement>('.nb-front')!.contentDocument!.querySelectorAll('[data-nb-error],[data-nb-selected]').length === 0)

  // 4. Break the YAML: errors instead of the page; the server goes on; fix → the page is back.
  await writeFile(report, text.replace('agency: 汝州市卫生健康委员会', 'agency: [汝州市卫生健康委员会'))
  await page.locator('.nb-broken:not([hidden])').waitFor({ timeout: 15_000 })
  await page.locator('.nb-diag.nb-error', { hasText: 'yaml-syntax' }).waitFor()
  assert.equal(await pageText(page), '', 'no page while the file does not parse')
  await page.screenshot({ path: join(screenshots, 'preview-broken.png') })
  const index = await page.request.get(preview!.url)
  assert.equal(index.status(), 200, 'the server still serves')
  await writeFile(report, text)
  await waitForPageText(page, '预览测试新增的一句话。')
  assert.equal(await page.locator('.nb-broken').isHidden(), true)

  // 5. The PDF link gives a PDF.
  const href = await page.locator('a.nb-pdf').getAttribute('href')
  const pdf = await page.request.get(new URL(href!, page.url()).href)
  assert.equal(pdf.headers()['content-type'], 'application/pdf')
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
  await page.close()
  assert.deepEqual(problems, [])
})

test('a report with warnings: the panel lists them beside the page', { skip: chromiumMissing }, async () => {
  const page = await newPage()
  await page.goto(`${preview!.url}r/shixing-wsjkj/2024/`)
  await waitForPageText(page, '始兴县卫生健康局')
  const count = await page.locator('.nb-diag.nb-warning').count()
  assert.equal(count, preview!.reports.get('shixing-wsjkj/2024')!.state!.warnings)
  // Warnings that point at the tables are marked in the page (once the frame has loaded and the
  // panel has matched them: waited for, not read at once, which raced the frame under load).
  const marked = await page
    .waitForFunction(() => document.querySelector<HTMLIFrameElement>('.nb-front')?.contentDocument?.querySelectorAll('[data-nb-warning]').length || 0, undefined, { timeout: 15_000 })
    .then((handle) => handle.jsonValue(), () => 0)
  assert.ok(marked > 0, 'cells or paragraphs with warnings are marked')
  await page.screenshot({ path: join(screenshots, 'preview-report.png') })
  await page.close()
  assert.deepEqual(problems, [])
})

test('the index lists every report with its status, live', { skip: chromiumMissing }, async () => {
  const page = await newPage()
  await page.goto(preview!.url)
  const rows = page.locator('table.nb-index tbody tr')
  assert.equal(await rows.count(), 2)
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id)), ['ruzhou-wsjkw/2024', 'shixing-wsjkj/2024'])
  const row = page.locator('tr[data-id="ruzhou-wsjkw/2024"]')
  await writeFile(report, seed.replace('received: [3, 0, 0, 0, 0, 0, 3]', 'received: [4, 0, 0, 0, 0, 0, 3]'))
  await page.locator('tr[data-id="ruzhou-wsjkw/2024"][data-status="errors"]').waitFor({ timeout: 15_000 })
  assert.notEqual(await row.locator('.nb-errors').textContent(), '0')
  await page.screenshot({ path: join(screenshots, 'preview-index.png') })
  await writeFile(report, seed)
  await page.locator('tr[data-id="ruzhou-wsjkw/2024"][data-status="ok"]').waitFor({ timeout: 15_000 })
  await page.close()
  assert.deepEqual(problems, [])
})

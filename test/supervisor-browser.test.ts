/**
 * The supervisor's pages in Chromium: the comparison, the roll-up and the
 * dashboard show their charts (SVG laid out with a size, Chinese text in
 * them), log no console error and make no request — not even for a font.
 * Screenshots go to test-output/screenshots/ for people to look at.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright-core'
import { comparisonHtml } from '../src/compare/compare-html.js'
import { compareReports } from '../src/compare/compare-model.js'
import { renderDashboard } from '../src/dashboard/dashboard.js'
import { rollupHtml } from '../src/rollup/rollup-html.js'
import { runRollup } from '../src/rollup/run.js'
import { summarize } from '../src/rollup/summary.js'
import { loadReport } from '../src/source/report.js'
import { chromiumMissing, launchChromium } from './util/browser.js'

const repo = join(import.meta.dirname, '..')
// Not out/: that folder gets published. test-output/ is ignored by git.
const screenshots = join(repo, 'test-output', 'screenshots')
let browser: Browser | undefined

before(async () => {
  if (chromiumMissing) return
  browser = await launchChromium()
  await mkdir(screenshots, { recursive: true })
})
after(async () => {
  await browser?.close()
})

async function pages(): Promise<[string, string][]> {
  const older = (await loadReport(join(repo, 'content', 'ruzhou-wsjkw', '2023.md'))).data.report!
  const newer = (await loadReport(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'))).data.report!
  const data = await runRollup({ paths: [join(repo, 'content')], jobs: 1 })
  const summary = summarize(data)
  const entries = data.records.map((r) => ({
    dir: r.id,
    year: r.year,
    agency: r.agency,
    formatDocument: r.format,
    figures: { received: null, granted: null, processed: null },
    links: { html: `${r.id}/${r.year}/index.html` },
    stale: false,
  }))
  return [
    ['compare', comparisonHtml(compareReports(older, newer))],
    ['rollup', rollupHtml(data, summary)],
    ['dashboard', renderDashboard({ entries, rollup: { data, summary, page: 'rollup/index.html' } })],
  ]
}

test('comparison, roll-up and dashboard: charts visible, no console error, no request', async (t) => {
  if (chromiumMissing) return t.skip(chromiumMissing)
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-supervisor-browser-'))
  for (const [name, html] of await pages()) {
    const path = join(dir, `${name}.html`)
    await writeFile(path, html)
    const url = pathToFileURL(path).href
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } })
    const problems: string[] = []
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console error: ${m.text()}`)))
    page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`))
    page.on('request', (r) => void (r.url() !== url && problems.push(`request: ${r.url()}`)))
    await page.goto(url, { waitUntil: 'load' })
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll('figure.chart svg')).map((svg) => {
        const box = svg.getBoundingClientRect()
        return { width: box.width, height: box.height, text: svg.textContent ?? '', shapes: svg.querySelectorAll('path').length }
      }),
    )
    assert.ok(charts.length >= 2, `${name}: charts`)
    for (const chart of charts) {
      assert.ok(chart.width > 200 && chart.height > 100, `${name}: chart laid out ${chart.width}×${chart.height}`)
      assert.ok(chart.shapes > 3 && /[\u4e00-\u9fff]/.test(chart.text), `${name}: chart drawn with Chinese labels`)
    }
    assert.equal(await page.evaluate(() => document.scripts.length), 0, `${name}: no script`)
    await page.screenshot({ path: join(screenshots, `supervisor-${name}.png`), fullPage: true })
    await page.close()
    assert.deepEqual(problems, [], name)
  }
})

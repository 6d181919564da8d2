/**
 * HTML render time per report in a batch: N reports generated from a seed
 * (different agencies and numbers), loaded up front, then merged one after
 * another with the templates compiled once. Target: under 5 ms amortized.
 *
 *   node --import tsx bench/html.ts [N]
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { renderHtml } from '../src/render/html.js'
import { loadReportFromText } from '../src/source/report.js'

export interface HtmlBenchResult {
  reports: number
  /** First render, including template loading and compiling. */
  firstMs: number
  /** Mean over the batch after the first. */
  msPerReport: number
  /** Bytes of one page. */
  pageBytes: number
}

/** The seed with report `i`'s own agency name and request counts. */
function generate(seed: string, i: number): string {
  const n = (k: number) => (i * 7 + k * 3) % 11
  return seed
    .replace(/^agency: .*$/m, `agency: 第${i + 1}号市卫生健康委员会`)
    .replace(/^ {2}received: .*$/m, `  received: [${n(1)}, ${n(2)}, 0, 0, 0, 0]`)
    .replace(/^ {2}granted: .*$/m, `  granted: [${n(1)}, ${n(2)}, 0, 0, 0, 0]`)
    .replace(/^ {4}not_held: .*$/m, '    not_held: [0, 0, 0, 0, 0, 0]')
    .replace(/^ {2}total: .*$/m, `  total: [${n(1)}, ${n(2)}, 0, 0, 0, 0]`)
    .replace(/^ {2}licensing: .*$/m, `  licensing: ${i * 13}`)
}

export async function benchHtml(count = 1000): Promise<HtmlBenchResult> {
  const seed = await readFile(join(import.meta.dirname, '..', 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
  const files = Array.from({ length: count }, (_, i) => loadReportFromText(`content/bench-${i}/2024.md`, generate(seed, i)))
  let start = performance.now()
  const first = await renderHtml(files[0]!)
  const firstMs = performance.now() - start
  if (first === undefined) throw new Error(`bench report did not render: ${files[0]!.messages.map(String).join('; ')}`)
  start = performance.now()
  for (const file of files.slice(1)) {
    if ((await renderHtml(file)) === undefined) throw new Error(`bench report did not render: ${file.messages.map(String).join('; ')}`)
  }
  const msPerReport = (performance.now() - start) / Math.max(1, count - 1)
  return { reports: count, firstMs, msPerReport, pageBytes: Buffer.byteLength(first) }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchHtml(Number(process.argv[2] ?? 1000))
  process.stdout.write(
    `html: ${result.reports} reports, ${result.msPerReport.toFixed(2)} ms per report (target < 5 ms), first ${result.firstMs.toFixed(1)} ms incl. template compile, ${(result.pageBytes / 1024).toFixed(1)} KiB per page\n`,
  )
}

/**
 * PDF throughput: render N reports to PDF in one process (fonts parsed
 * once) and measure the amortized time per report, the median PDF size and
 * the peak resident memory. The content/ seeds are merged to HTML once and
 * rendered round-robin, so the time is the PDF stage alone. The renderer is
 * the build's (dist/), the code the command line runs: the sources through
 * tsx keep every function's name at run time and are some 10 % slower.
 *
 *   node --import tsx bench/pdf.ts [N]
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { VFile } from 'vfile'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'

type RenderPdf = typeof import('../src/render/pdf/index.js').renderPdf

/** `renderPdf` from dist/ when it is built (`npm run bench` builds first), else from the sources. */
async function pdfRenderer(): Promise<{ renderPdf: RenderPdf; code: 'dist' | 'src' }> {
  const built = join(import.meta.dirname, '..', 'dist', 'render', 'pdf', 'index.js')
  if (existsSync(built)) return { renderPdf: ((await import(pathToFileURL(built).href)) as { renderPdf: RenderPdf }).renderPdf, code: 'dist' }
  return { renderPdf: (await import('../src/render/pdf/index.js')).renderPdf, code: 'src' }
}

export interface PdfBenchResult {
  reports: number
  /** Wall time per report after one warm-up round, in ms. */
  msPerReport: number
  /** CPU time (user + system) per report, in ms: steadier than wall time on a busy machine. */
  cpuMsPerReport: number
  /** Median PDF size in KB (1,000 bytes). */
  kbMedian: number
  /** Peak resident set size of this process, in MB. */
  peakRssMb: number
  /** Time for the first report in the process (fonts parsed), in ms. */
  firstMs: number
  /** Whose renderer was timed: the build's (dist/) or, when there is none, the sources'. */
  code: 'dist' | 'src'
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Render `count` reports to PDF in this process. */
export async function benchPdf(count = 1000, contentDir = join(import.meta.dirname, '..', 'content')): Promise<PdfBenchResult> {
  const files = await validatePaths([contentDir])
  const inputs: { html: string; file: VFile }[] = []
  for (const file of files) {
    const html = await renderHtml(file)
    if (html) inputs.push({ html, file })
  }
  if (inputs.length === 0) throw new Error(`no report in ${contentDir} renders to HTML`)
  const { renderPdf, code } = await pdfRenderer()
  let peak = process.memoryUsage().rss
  const sizes: number[] = []
  let start = performance.now()
  let cpuStart = process.cpuUsage()
  let firstMs = 0
  for (let i = 0; i < count + inputs.length; i++) {
    const { html, file } = inputs[i % inputs.length]!
    const pdf = await renderPdf(html, file)
    if (!pdf) throw new Error(`${file.path} did not render to PDF`)
    if (i === 0) firstMs = performance.now() - start
    // The first round warms up (font parsing, JIT); it is not counted.
    if (i === inputs.length - 1) {
      start = performance.now()
      cpuStart = process.cpuUsage()
    }
    if (i >= inputs.length) sizes.push(pdf.byteLength)
    peak = Math.max(peak, process.memoryUsage().rss)
  }
  const elapsed = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)
  return {
    reports: count,
    msPerReport: elapsed / count,
    cpuMsPerReport: (cpu.user + cpu.system) / 1000 / count,
    kbMedian: median(sizes) / 1000,
    peakRssMb: peak / 1024 / 1024,
    firstMs,
    code,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 1000)
  const result = await benchPdf(count)
  console.log(
    `pdf (${result.code}): ${result.reports} reports, ${result.msPerReport.toFixed(1)} ms/report wall, ${result.cpuMsPerReport.toFixed(1)} ms CPU ` +
      `(first ${result.firstMs.toFixed(0)} ms), ` +
      `median ${result.kbMedian.toFixed(0)} KB, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
  )
}

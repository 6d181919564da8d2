/**
 * Long runs in the PDF (issues 14.9, 15.6): a Chinese paragraph, an
 * unbreakable ASCII token and an inline code span of n characters, and a
 * run of h4–h6 headings, as merged report HTML. The test
 * (test/pdf-long-runs.test.ts) checks that every character is printed and
 * that the layout work grows linearly; this bench prints the times.
 *
 *   node --import tsx bench/long-runs.ts
 */
import { VFile } from 'vfile'
import { renderPdf } from '../src/render/pdf/index.js'

export type LongRunShape = 'han' | 'token' | 'code' | 'headings'

const HAN = '本机关依法办理政府信息公开申请并按时答复申请人'
const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** The text of a run of `n` characters of a shape (cycling through a varied alphabet, so that order is checkable). */
export function runText(shape: Exclude<LongRunShape, 'headings'>, n: number): string {
  const alphabet = shape === 'han' ? HAN : TOKEN
  let out = ''
  while (out.length < n) out += alphabet
  return out.slice(0, n)
}

/** Merged-report-like HTML holding one long run of the shape (for headings: `n` headings). */
export function longRunHtml(shape: LongRunShape, n: number): string {
  let body: string
  if (shape === 'han') body = `<p>${runText('han', n)}</p>`
  else if (shape === 'token') body = `<p>网址：${runText('token', n)}</p>`
  else if (shape === 'code') body = `<p>代码：<code>${runText('code', n)}</code></p>`
  else body = Array.from({ length: n }, (_, i) => `<h${4 + (i % 3)}>第${i + 1}个小标题</h${4 + (i % 3)}>`).join('\n') + '\n<p>正文。</p>'
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>长段落测试</title></head><body><article class="report">
<section class="report-section" id="section-1"><h2>一、总体情况</h2>
${body}
</section></article></body></html>`
}

export async function renderLongRun(shape: LongRunShape, n: number): Promise<Uint8Array> {
  const file = new VFile({ path: 'long/2024.md' })
  const pdf = await renderPdf(longRunHtml(shape, n), file)
  if (!pdf) throw new Error(`${shape} ${n}: ${file.messages.map(String).join('; ')}`)
  return pdf
}

export const LONG_RUN_SIZES = [5000, 10000, 20000, 50000]

/** CPU ms (and wall ms) to render each shape at each size, after one warm-up render. */
export async function benchLongRuns(sizes = LONG_RUN_SIZES): Promise<Record<string, { cpuMs: number; wallMs: number }>> {
  await renderLongRun('han', 100)
  const out: Record<string, { cpuMs: number; wallMs: number }> = {}
  for (const shape of ['han', 'token', 'code'] as const)
    for (const n of sizes) {
      const cpu = process.cpuUsage()
      const start = performance.now()
      await renderLongRun(shape, n)
      const used = process.cpuUsage(cpu)
      out[`${shape}_${n}`] = { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start }
    }
  const cpu = process.cpuUsage()
  const start = performance.now()
  await renderLongRun('headings', 200)
  const used = process.cpuUsage(cpu)
  out.headings_200 = { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start }
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, t] of Object.entries(await benchLongRuns())) console.log(`${name.padEnd(14)} ${t.cpuMs.toFixed(0).padStart(6)} ms CPU ${t.wallMs.toFixed(0).padStart(6)} ms wall`)
}

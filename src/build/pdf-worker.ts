/**
 * The PDF thread of a one-report build (pdf-thread.ts). It starts while the
 * main thread is still reading the report: it loads pdfmake and reads the
 * default fonts. Then it renders what it is sent.
 */
import { parentPort } from 'node:worker_threads'
import { VFile } from 'vfile'
import { renderPdf } from '../render/pdf/index.js'
import type { PdfJob, PdfReply } from './pdf-thread.js'

/**
 * A page with one of each element that picks a font (title, headings, text,
 * a table cell), a character each: it makes the thread load pdfmake and read
 * every default font, and no more. A bigger page warmed the layout code up
 * too, but it kept the thread busy when the report's page came: that page is
 * sent as soon as the report is parsed (cli/speculative-pdf.ts), before the
 * report is checked, while a bigger page was still being laid out.
 */
const SAMPLE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>样</title></head><body>
<article class="report"><header class="report-header"><h1 class="report-title">样</h1></header>
<section class="report-section"><h2>一</h2><h3>（一）</h3><p>样 1</p>
<table class="stats-table"><tbody><tr><th scope="col">样</th><td class="num">1</td></tr></tbody></table></section></article></body></html>`

async function warmUp(): Promise<void> {
  try {
    await renderPdf(SAMPLE, new VFile())
  } catch {
    // Only a head start: a real report reports its own problems.
  }
}

const ready = warmUp()

parentPort?.on('message', (job: PdfJob) => {
  void ready.then(async () => {
    const file = new VFile({ path: job.path })
    file.data.lang = job.lang
    file.data.severities = job.severities
    let reply: PdfReply
    try {
      const bytes = await renderPdf(job.html, file, { ...(job.meta ? { meta: job.meta } : {}), ...(job.pdfA ? { pdfA: true } : {}) })
      reply = { id: job.id, messages: file.messages.map((m) => ({ reason: m.reason, ruleId: m.ruleId, source: m.source, fatal: m.fatal, note: m.note })), ...(bytes ? { bytes } : {}) }
    } catch (error) {
      reply = { id: job.id, messages: [], error: error instanceof Error ? error.message : String(error) }
    }
    // Moved, not copied, when the bytes are the whole of their buffer (not a view into a shared pool).
    const whole = reply.bytes && reply.bytes.byteOffset === 0 && reply.bytes.byteLength === reply.bytes.buffer.byteLength
    parentPort!.postMessage(reply, whole ? [reply.bytes!.buffer as ArrayBuffer] : [])
  })
})

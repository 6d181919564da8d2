/**
 * The PDF thread of a one-report build (pdf-thread.ts). It starts while the
 * main thread is still validating: it loads pdfmake, reads and parses the
 * default fonts and lays out a one-page sample, so that the first real
 * report meets warm code. Then it renders what it is sent.
 */
import { parentPort } from 'node:worker_threads'
import { VFile } from 'vfile'
import { renderPdf } from '../render/pdf/index.js'
import type { PdfJob, PdfReply } from './pdf-thread.js'

/**
 * A page shaped like a report: title, headings, paragraphs, a table with
 * merged cells. Its text only has to exercise the same code paths (Han
 * text, digits, punctuation, every font role).
 */
const SAMPLE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>样例</title></head><body>
<article class="report"><header class="report-header"><h1 class="report-title">某某市卫生健康委员会2024年政府信息公开工作年度报告</h1></header>
<section class="report-section" id="section-1"><h2>一、总体情况</h2>
<p>2024 年，本机关坚持以人民为中心，认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息 300 余条，办理政府信息公开申请 3 件，切实保障人民群众依法获取政府信息。</p>
<h3>（一）主动公开情况</h3><p>严格按照“谁发布、谁负责”的原则，及时、准确、规范公开政府信息。</p></section>
<section class="report-section" id="section-2"><h2>二、主动公开政府信息情况</h2>
<table class="stats-table" id="table-active"><caption>主动公开政府信息情况</caption><tbody>
<tr class="block-heading"><th scope="colgroup" colspan="4">第二十条第（一）项</th></tr>
<tr><th scope="col">信息内容</th><th scope="col">本年制发件数</th><th scope="col">本年废止件数</th><th scope="col">现行有效件数</th></tr>
<tr><th scope="row">规章</th><td class="num">0</td><td class="num">1</td><td class="num">12</td></tr>
<tr><th scope="row">行政规范性文件</th><td class="num">3</td><td class="num">0</td><td class="num">25</td></tr>
<tr class="block-heading"><th scope="colgroup" colspan="4">第二十条第（五）项</th></tr>
<tr><th scope="row">行政许可</th><td class="num" colspan="3">1024</td></tr>
</tbody></table></section></article></body></html>`

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

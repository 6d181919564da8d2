/**
 * PDF → lines (pdfjs-dist): text items on one baseline make a line, left to
 * right; a gap wider than the font size between two items is a cell
 * boundary (a tab), as in a table. Recognition then treats the result like
 * any plain-text dump, with its wrapped labels and page footers.
 *
 * pdfjs runs in a worker thread with a heap cap and a time limit: a broken
 * or hostile PDF ends in an error result within seconds, whatever it holds.
 */
import { constants, inflateSync } from 'node:zlib'
import type { LineBlock, SourceDocument } from './blocks.js'
import { limitFailure } from '../limit-messages.js'
import { limits, type LimitHit } from '../limits.js'
import { lineBlock } from './read-text.js'

const MiB = 1024 * 1024

export interface PdfItem {
  x: number
  y: number
  width: number
  size: number
  text: string
}

/** `limit`: the worker was stopped at a limit of src/limits.ts (`truncated`: it stopped reading at one). */
type PdfAnswer = { pages: PdfItem[][]; truncated?: 'pages' | 'items'; numPages?: number } | { error: string } | { limit: LimitHit }

/**
 * The worker's code. Plain JavaScript given as a string, so that the worker
 * starts the same from the sources (tsx) and from dist/, without a loader.
 * workerData: { pdfjs: module URL, bytes, maxPages, maxItems }.
 */
const WORKER = `
const { parentPort, workerData: job } = require('node:worker_threads')
async function extract() {
  const { getDocument } = await import(job.pdfjs)
  const pdf = await getDocument({ data: job.bytes, verbosity: 0, isEvalSupported: false, stopAtErrors: true }).promise
  const pages = []
  let items = 0
  let truncated
  if (pdf.numPages > job.maxPages) truncated = 'pages'
  const last = Math.min(pdf.numPages, job.maxPages)
  for (let p = 1; p <= last; p++) {
    const page = await pdf.getPage(p)
    const content = await page.getTextContent()
    const out = []
    for (const item of content.items) {
      if (typeof item.str !== 'string' || item.str.trim() === '') continue
      const [a, b, , , x, y] = item.transform
      out.push({ x, y, width: item.width, size: Math.hypot(a, b) || 1, text: item.str })
    }
    pages.push(out)
    page.cleanup()
    items += out.length
    if (items > job.maxItems) { truncated = 'items'; break }
  }
  await pdf.destroy()
  return truncated ? { pages, truncated, numPages: pdf.numPages } : { pages }
}
extract().then(
  (answer) => parentPort.postMessage(answer),
  (error) => parentPort.postMessage({ error: error instanceof Error ? String(error.message).split('\\n')[0] : String(error) }),
)
`

async function runWorker(bytes: Uint8Array): Promise<PdfAnswer> {
  const { Worker } = await import('node:worker_threads')
  const data = new Uint8Array(bytes)
  const worker = new Worker(WORKER, {
    eval: true,
    // No loader (tsx) in the worker: it runs plain JavaScript and pdfjs only.
    execArgv: [],
    workerData: { pdfjs: import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs'), bytes: data, maxPages: limits.pdfPages, maxItems: limits.pdfItems },
    transferList: [data.buffer as ArrayBuffer],
    resourceLimits: { maxOldGenerationSizeMb: Math.round(limits.pdfMemoryBytes / MiB), maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  })
  return new Promise<PdfAnswer>((resolve) => {
    let settled = false
    const settle = (answer: PdfAnswer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearInterval(watch)
      void worker.terminate()
      resolve(answer)
    }
    const timer = setTimeout(() => settle({ limit: { key: 'pdfMillis' } }), limits.pdfMillis)
    // The heap cap does not cover pdfjs's decoded streams (array buffers): watch the process as a whole.
    const base = process.memoryUsage.rss()
    const watch = setInterval(() => {
      const grown = process.memoryUsage.rss() - base
      if (grown > limits.pdfMemoryBytes) settle({ limit: { key: 'pdfMemoryBytes', actual: grown } })
    }, 25)
    worker.on('message', (answer: PdfAnswer) => settle(answer))
    worker.on('error', (error: Error & { code?: string }) =>
      settle(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { limit: { key: 'pdfMemoryBytes' } } : { error: error.message.split('\n')[0]! }),
    )
    worker.on('exit', (code) => settle({ error: `读取进程意外退出（${code}）` }))
  })
}

/** One page's items as lines of text, cells separated by tabs. */
function pageLines(items: PdfItem[], blocks: LineBlock[]): void {
  items.sort((m, n) => n.y - m.y || m.x - n.x)
  const lines: PdfItem[][] = []
  for (const item of items) {
    const line = lines.at(-1)
    if (line && Math.abs(line[0]!.y - item.y) < item.size * 0.5) line.push(item)
    else lines.push([item])
  }
  for (const line of lines) {
    line.sort((m, n) => m.x - n.x)
    let text = ''
    line.forEach((item, i) => {
      const before = line[i - 1]
      if (before && item.x - (before.x + before.width) > before.size * 0.8) text += '\t'
      text += item.text
    })
    blocks.push(lineBlock(text, blocks.length + 1))
  }
}

/**
 * A flate stream that inflates past the limit (a "bomb"), found before pdfjs
 * sees the file: pdfjs inflates in JavaScript, slowly and into memory its
 * heap cap does not cover, while zlib stops at the cap at native speed.
 * Each `stream … endstream` whose dictionary names FlateDecode is tried.
 */
function flateBomb(bytes: Uint8Array, maxBytes: number): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let total = 0
  let at = buffer.indexOf('stream', 0, 'latin1')
  while (at >= 0) {
    const eol = buffer[at + 6] === 0x0d ? (buffer[at + 7] === 0x0a ? 2 : 1) : buffer[at + 6] === 0x0a ? 1 : 0
    const end = eol ? buffer.indexOf('endstream', at + 6, 'latin1') : -1
    const isStart = eol > 0 && (at < 3 || buffer.toString('latin1', at - 3, at) !== 'end')
    if (isStart && end > 0) {
      const dict = buffer.toString('latin1', Math.max(0, at - 300), at)
      if (/FlateDecode/.test(dict.slice(dict.lastIndexOf('obj')))) {
        try {
          total += inflateSync(buffer.subarray(at + 6 + eol, end), { maxOutputLength: Math.max(1, maxBytes - total), finishFlush: constants.Z_SYNC_FLUSH }).length
        } catch (error) {
          if (error instanceof RangeError) return true
          // A stream zlib cannot read is pdfjs's to judge.
        }
      }
      at = buffer.indexOf('stream', end + 9, 'latin1')
    } else at = buffer.indexOf('stream', at + 6, 'latin1')
  }
  return false
}

export async function readPdf(bytes: Uint8Array): Promise<SourceDocument | { error: string; limit?: LimitHit }> {
  // Stopped at the cap: how far the streams would inflate is not known, only that it is over.
  if (flateBomb(bytes, limits.pdfStreamBytes)) return limitFailure({ key: 'pdfStreamBytes' })
  const answer = await runWorker(bytes)
  if ('limit' in answer) return limitFailure(answer.limit)
  if ('error' in answer) return { error: `无法读取 PDF（${answer.error}）` }
  const blocks: LineBlock[] = []
  for (const items of answer.pages) pageLines(items, blocks)
  if (blocks.length === 0) return { error: 'PDF 中没有可提取的文字（可能是扫描件），请先做文字识别（OCR）或另存为文本' }
  // The worker stopped reading at a limit: a part of a report is no report.
  if (answer.truncated === 'pages') return limitFailure({ key: 'pdfPages', ...(answer.numPages === undefined ? {} : { actual: answer.numPages }) })
  if (answer.truncated === 'items') return limitFailure({ key: 'pdfItems' })
  return { kind: 'text', blocks }
}

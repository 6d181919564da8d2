/**
 * A one-report `nianbao build … --to pdf` renders its PDF in a thread
 * started before the report is even read. On two cores, loading pdfmake,
 * reading some 40 MB of fonts, parsing them and warming the layout code up
 * (pdf-worker.ts) then happen while the main thread validates the report
 * and merges its HTML, instead of after: the cold command's largest cost.
 *
 * The thread is only a head start. If it cannot be started or dies, the
 * PDF is rendered in the main thread as before; its messages (fonts,
 * configuration, layout) land on the report like any other.
 */
import type { Worker } from 'node:worker_threads'
import type { VFile } from 'vfile'
import type { Lang, Severity } from '../diagnostics/types.js'
import type { RenderPdfOptions } from '../render/pdf/index.js'
import type { ReportMeta } from '../source/report.js'
import { startWorker, workerModule } from './pool.js'

export interface PdfJob {
  id: number
  html: string
  path: string
  meta: ReportMeta | undefined
  pdfA?: boolean
  lang: Lang
  severities: Record<string, Severity | 'off'>
}

/** A message the renderer put on the thread's copy of the report. */
export interface PdfMessage {
  reason: string
  ruleId: string | undefined
  source: string | undefined
  fatal: boolean | null | undefined
  note: string | undefined
}

export interface PdfReply {
  id: number
  bytes?: Uint8Array
  messages: PdfMessage[]
  /** An exception the renderer threw (a bug): re-thrown in the main thread. */
  error?: string
}

export type PdfRenderer = (html: string, file: VFile, options?: RenderPdfOptions) => Promise<Uint8Array | undefined>

const renderInProcess: PdfRenderer = async (html, file, options) => (await import('../render/pdf/index.js')).renderPdf(html, file, options)

export class PdfThread {
  private worker: Worker | undefined
  private readonly pending = new Map<number, { resolve: (reply: PdfReply) => void; reject: (error: Error) => void }>()
  private next = 0
  /** Pages sent to the thread so far (for the tests: a speculated page is rendered once). */
  get jobsSent(): number {
    return this.next
  }
  /** A PDF started before it was asked for (`speculate`), with what it was started from. */
  private speculation: { key: string; reply: Promise<PdfReply> } | undefined

  constructor() {
    try {
      const worker = startWorker(workerModule('pdf-worker', import.meta.url))
      worker.on('message', (reply: PdfReply) => {
        this.pending.get(reply.id)?.resolve(reply)
        this.pending.delete(reply.id)
      })
      const died = (error: Error) => {
        this.worker = undefined
        for (const task of this.pending.values()) task.reject(error)
        this.pending.clear()
      }
      worker.on('error', died)
      worker.on('exit', (code) => died(new Error(`PDF thread exited with code ${code}`)))
      // An idle thread must not keep the process alive (a report with errors is never sent).
      worker.unref()
      this.worker = worker
    } catch {
      this.worker = undefined
    }
  }

  /** The job for a report, or `undefined` for options the thread does not take (fonts given in code, a fixed date). */
  private job(html: string, file: VFile, options: RenderPdfOptions): Omit<PdfJob, 'id'> | undefined {
    if (options.fonts || options.fontsBaseDir || options.date) return undefined
    return {
      html,
      path: file.path,
      meta: options.meta ?? file.data.report?.meta,
      ...(options.pdfA ? { pdfA: true } : {}),
      lang: file.data.lang ?? 'zh',
      severities: file.data.severities ?? {},
    }
  }

  private post(worker: Worker, job: Omit<PdfJob, 'id'>): Promise<PdfReply> {
    const id = this.next++
    const reply = new Promise<PdfReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.ref()
      worker.postMessage({ ...job, id } satisfies PdfJob)
    })
    const settled = () => {
      if (this.pending.size === 0) this.worker?.unref()
    }
    reply.then(settled, settled)
    return reply
  }

  /**
   * Start rendering a page the caller expects to ask for before it knows it may (the report
   * is still being checked). `render` with the same page and options takes the result; a
   * report that turns out to have errors never asks, and its PDF is dropped with the thread.
   */
  speculate(html: string, file: VFile, options: RenderPdfOptions = {}): void {
    const worker = this.worker
    const job = this.job(html, file, options)
    if (!worker || !job) return
    const reply = this.post(worker, job)
    reply.catch(() => undefined)
    this.speculation = { key: JSON.stringify(job), reply }
  }

  /** Render a report's PDF: in the thread, or here when there is none (any more). */
  readonly render: PdfRenderer = async (html, file, options = {}) => {
    const worker = this.worker
    const job = this.job(html, file, options)
    if (!worker || !job) return renderInProcess(html, file, options)
    const speculation = this.speculation
    this.speculation = undefined
    let reply: PdfReply
    try {
      reply = await (speculation?.key === JSON.stringify(job) ? speculation.reply : this.post(worker, job))
    } catch {
      return renderInProcess(html, file, options)
    }
    if (reply.error !== undefined) throw new Error(reply.error)
    for (const m of reply.messages) {
      const message = file.message(m.reason, { ...(m.ruleId ? { ruleId: m.ruleId } : {}), ...(m.source ? { source: m.source } : {}) })
      message.fatal = m.fatal
      if (m.note) message.note = m.note
    }
    return reply.bytes
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    await worker?.terminate()
  }
}

/** The thread started before the command line was parsed (cli/early-pdf.ts), if any. */
let early: PdfThread | undefined

export function startPdfThreadEarly(): void {
  early ??= new PdfThread()
}

/** The thread started early, or a new one. */
export function takePdfThread(): PdfThread {
  const thread = early ?? new PdfThread()
  early = undefined
  return thread
}

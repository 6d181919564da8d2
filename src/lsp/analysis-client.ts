/**
 * The server's side of the analysis worker: requests with a time limit.
 * A validation past its limit stops the worker (a thread can be stopped
 * mid-computation, a function call cannot) and a fresh one takes over;
 * a hover or completion past its limit just answers nothing.
 */
import type { Worker } from 'node:worker_threads'
import { startWorker, workerModule } from '../build/pool.js'
import type { AnalysisRequest, AnalysisResults } from './analyzer.js'
import type { WorkerResponse } from './analysis-worker.js'

export type Outcome<T> =
  | { ok: true; value: T }
  /** `timeout`: this request ran past its limit; `restarted`: another one did and took the worker with it. */
  | { ok: false; reason: 'timeout' | 'restarted' | 'error'; message?: string }

interface Pending {
  resolve: (outcome: Outcome<unknown>) => void
  timer: NodeJS.Timeout
}

export class AnalysisClient {
  #worker: Worker
  #next = 1
  readonly #pending = new Map<number, Pending>()
  #closed = false

  constructor(readonly url: URL = workerModule('analysis-worker', import.meta.url)) {
    this.#worker = this.#start()
  }

  #start(): Worker {
    const worker = startWorker(this.url)
    worker.on('message', (response: WorkerResponse) => {
      const pending = this.#pending.get(response.id)
      if (!pending) return
      this.#pending.delete(response.id)
      clearTimeout(pending.timer)
      pending.resolve('error' in response ? { ok: false, reason: 'error', message: response.error } : { ok: true, value: response.result })
    })
    const died = (message: string) => {
      if (this.#closed || worker !== this.#worker) return
      this.#failAll('error', message)
      this.#worker = this.#start()
    }
    worker.on('error', (error) => died(error.message))
    worker.on('exit', (code) => died(`worker exited with code ${code}`))
    // The worker must not keep the server alive after the editor is gone.
    worker.unref()
    return worker
  }

  #failAll(reason: 'restarted' | 'error', message?: string): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer)
      this.#pending.delete(id)
      pending.resolve({ ok: false, reason, ...(message ? { message } : {}) })
    }
  }

  /**
   * Send a request; past `timeLimitMs` it resolves as a timeout, and with
   * `restart` the worker is stopped and replaced (requests waiting behind
   * it resolve as `restarted`).
   */
  request<K extends AnalysisRequest['kind']>(
    request: Extract<AnalysisRequest, { kind: K }>,
    timeLimitMs: number,
    onTimeout: 'restart' | 'give-up',
  ): Promise<Outcome<AnalysisResults[K]>> {
    if (this.#closed) return Promise.resolve({ ok: false, reason: 'error', message: 'closed' })
    const id = this.#next++
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        resolve({ ok: false, reason: 'timeout' })
        if (onTimeout === 'restart') this.restart()
      }, timeLimitMs)
      this.#pending.set(id, { resolve: resolve as (o: Outcome<unknown>) => void, timer })
      this.#worker.postMessage({ id, request })
    })
  }

  /** Stop the worker (whatever it is doing) and start a fresh one. */
  restart(): void {
    const old = this.#worker
    this.#worker = this.#start()
    this.#failAll('restarted')
    void old.terminate()
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#failAll('error', 'closed')
    await this.#worker.terminate()
  }
}

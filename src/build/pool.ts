/**
 * A small worker-thread pool: one job per worker at a time, results in
 * completion order. A worker that dies fails its job and is replaced.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads'

interface Task<J, R> {
  job: J
  resolve: (result: R) => void
  reject: (error: Error) => void
}

export interface WorkerOptions {
  /** Given to every worker (a SharedArrayBuffer in it is shared, not copied). */
  workerData?: unknown
  resourceLimits?: ResourceLimits
}

/** A worker module beside the caller's (`import.meta.url`): `name.ts` run from the sources (tsx), else `name.js`. */
export function workerModule(name: string, callerUrl: string): URL {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl)
}

/** Start a worker from a module URL; under tsx (a `.ts` URL) the worker registers tsx first. */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  // Workers inherit the parent's flags; `--input-type` (a parent run with -e) would break a file worker.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'))
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { execArgv, ...options })
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(boot, { eval: true, execArgv, ...options })
}

export class WorkerPool<J, R> {
  private readonly idle: Worker[] = []
  private readonly busy = new Map<Worker, Task<J, R>>()
  private readonly queue: Task<J, R>[] = []
  private closed = false

  constructor(
    private readonly url: URL,
    readonly size: number,
    private readonly options: WorkerOptions = {},
  ) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn())
  }

  private spawn(): Worker {
    const worker = startWorker(this.url, this.options)
    worker.on('message', (result: R) => {
      const task = this.busy.get(worker)
      this.busy.delete(worker)
      this.idle.push(worker)
      task?.resolve(result)
      this.next()
    })
    const died = (error: Error) => {
      const task = this.busy.get(worker)
      this.busy.delete(worker)
      const i = this.idle.indexOf(worker)
      if (i >= 0) this.idle.splice(i, 1)
      task?.reject(error)
      if (!this.closed) {
        this.idle.push(this.spawn())
        this.next()
      }
    }
    worker.on('error', died)
    worker.on('exit', (code) => {
      if (!this.closed && (this.busy.has(worker) || this.idle.includes(worker))) died(new Error(`worker exited with code ${code}`))
    })
    return worker
  }

  private next(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!
      const task = this.queue.shift()!
      this.busy.set(worker, task)
      worker.postMessage(task.job)
    }
  }

  run(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject })
      this.next()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()))
  }
}

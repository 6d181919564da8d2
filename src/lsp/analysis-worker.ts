/**
 * The analysis worker thread: answers the server's requests one at a time
 * (in order, so a hover sees the validation sent before it). The server
 * stops and replaces this thread when a validation runs past its limit.
 */
import { parentPort } from 'node:worker_threads'
import { createAnalyzer, type AnalysisRequest } from './analyzer.js'

export interface WorkerRequest {
  id: number
  request: AnalysisRequest
}

export type WorkerResponse = { id: number; result: unknown } | { id: number; error: string }

const analyzer = createAnalyzer()
let queue: Promise<void> = Promise.resolve()

parentPort?.on('message', ({ id, request }: WorkerRequest) => {
  queue = queue.then(async () => {
    let response: WorkerResponse
    try {
      response = { id, result: await analyzer.handle(request) }
    } catch (error) {
      response = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
    }
    parentPort!.postMessage(response)
  })
})

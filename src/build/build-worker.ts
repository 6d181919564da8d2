/**
 * Worker thread of the whole-tree build: takes one job at a time and
 * answers with its result. Fonts and templates stay loaded between jobs.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { useSharedFontBytes } from '../render/pdf/font-bytes.js'
import { buildOne, type BuildJob } from './build-one.js'

// The default fonts, read once by the main thread into shared memory (build-tree.ts).
useSharedFontBytes((workerData as { fontBytes?: Record<string, SharedArrayBuffer> } | undefined)?.fontBytes)

parentPort?.on('message', (job: BuildJob) => {
  void buildOne(job).then((result) => parentPort!.postMessage(result))
})

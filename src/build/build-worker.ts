/**
 * Worker thread of the whole-tree build: takes one job at a time and
 * answers with its result. Fonts and templates stay loaded between jobs.
 */
import { parentPort } from 'node:worker_threads'
import { buildOne, type BuildJob } from './build-one.js'

parentPort?.on('message', (job: BuildJob) => {
  void buildOne(job).then((result) => parentPort!.postMessage(result))
})

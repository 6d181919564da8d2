/**
 * Worker thread of the roll-up: reads one batch of agencies at a time and
 * answers with their records (parsers and schemas stay loaded between jobs).
 */
import { parentPort } from 'node:worker_threads'
import { readGroup, type GroupJob } from './read-group.js'

parentPort?.on('message', (jobs: GroupJob[]) => {
  void (async () => {
    const out = []
    for (const job of jobs) {
      try {
        out.push(...(await readGroup(job)))
      } catch (error) {
        // A bug must not hang the roll-up: the batch is answered, the failure named.
        parentPort!.postMessage({ failure: error instanceof Error ? error.message : String(error) })
        return
      }
    }
    parentPort!.postMessage({ records: out })
  })()
})

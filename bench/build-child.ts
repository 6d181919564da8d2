/**
 * One whole-tree build in its own process, as `npm start` runs it (compiled
 * code, worker threads), for the bench: prints its time and peak RSS (the
 * workers are threads of this process, so they are included) as JSON.
 */
import { buildTree } from '../dist/build/build-tree.js'

const started = performance.now()
const summary = await buildTree({ root: 'content', outDir: 'out', stdout: () => undefined, stderr: () => undefined, tty: false })
process.stdout.write(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    rssMb: process.resourceUsage().maxRSS / 1024,
    built: summary.built,
    skipped: summary.skipped,
    failed: summary.failed,
    /** Time spent inside the reports that were built (validate, render, write). */
    reportSeconds: summary.results.reduce((n, r) => n + r.ms, 0) / 1000,
  }) + '\n',
)

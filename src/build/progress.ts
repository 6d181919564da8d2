/**
 * Build progress: a bar on a terminal (cli-progress, on stderr), one plain
 * line per finished report otherwise (CI logs).
 */
import { createRequire } from 'node:module'
import type { Lang } from '../diagnostics/types.js'

export interface Progress {
  /** A report finished: `status` is shown in plain mode. */
  tick(path: string, status: string): void
  stop(): void
}

export function createProgress(total: number, options: { tty: boolean; lang: Lang; write: (line: string) => void }): Progress {
  if (total === 0) return { tick: () => undefined, stop: () => undefined }
  if (options.tty) {
    // Loaded only for a terminal with something to build (a no-op build prints no bar).
    const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress')
    const bar = new cliProgress.SingleBar(
      {
        format: `${options.lang === 'en' ? 'building' : '生成中'} [{bar}] {value}/{total} {report}`,
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    )
    bar.start(total, 0, { report: '' })
    return {
      tick: (path) => bar.increment({ report: path }),
      stop: () => bar.stop(),
    }
  }
  let done = 0
  const width = String(total).length
  return {
    tick: (path, status) => {
      done++
      options.write(`[${String(done).padStart(width)}/${total}] ${status} ${path}\n`)
    },
    stop: () => undefined,
  }
}

import { join } from 'node:path'
import { repo, reportPath, type FuzzTarget } from './target.js'

/** `nianbao preview`'s page renderer on a mutated report (fuzz/drivers/preview.ts). */
export const previewTarget: FuzzTarget = {
  name: 'preview',
  kinds: ['report'],
  inputPath: reportPath,
  // tsx by its own URL: the case folder (the working directory) has no node_modules.
  argv: (input) => ['--import', import.meta.resolve('tsx'), join(repo, 'fuzz', 'drivers', 'preview.ts'), input],
  timeMs: 20_000,
}

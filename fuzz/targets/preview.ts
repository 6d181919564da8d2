import { join } from 'node:path'
import { repo, reportPath, type FuzzTarget } from './target.js'

/** `nianbao preview`'s page renderer on a mutated report (fuzz/drivers/preview.mjs). */
export const previewTarget: FuzzTarget = {
  name: 'preview',
  kinds: ['report'],
  inputPath: reportPath,
  // The compiled code, like the CLI targets: no TypeScript compiler loaded per case.
  argv: (input) => [join(repo, 'fuzz', 'drivers', 'preview.mjs'), input],
  timeMs: 20_000,
}

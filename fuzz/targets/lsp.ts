import { join } from 'node:path'
import { repo, reportPath, type FuzzTarget } from './target.js'

/** The language server's analysis of a mutated report: diagnostics, hovers, completions (fuzz/drivers/lsp.mjs). */
export const lspTarget: FuzzTarget = {
  name: 'lsp',
  kinds: ['report'],
  inputPath: reportPath,
  // The compiled code, like the CLI targets: no TypeScript compiler loaded per case.
  argv: (input) => [join(repo, 'fuzz', 'drivers', 'lsp.mjs'), input],
  // One validation and 64 hovers and completions; the server itself stops a validation after 10 s.
  timeMs: 20_000,
}

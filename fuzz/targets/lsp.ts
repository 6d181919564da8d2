import { join } from 'node:path'
import { repo, reportPath, type FuzzTarget } from './target.js'

/** The language server's analysis of a mutated report: diagnostics, hovers, completions (fuzz/drivers/lsp.ts). */
export const lspTarget: FuzzTarget = {
  name: 'lsp',
  kinds: ['report'],
  inputPath: reportPath,
  // tsx by its own URL: the case folder (the working directory) has no node_modules.
  argv: (input) => ['--import', import.meta.resolve('tsx'), join(repo, 'fuzz', 'drivers', 'lsp.ts'), input],
  // One validation and 64 hovers and completions; the server itself stops a validation after 10 s.
  timeMs: 20_000,
}

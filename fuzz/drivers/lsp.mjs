/**
 * Fuzz driver for the language server (`nianbao lsp`): what its worker does
 * with an open document — the size bound, validation (the published
 * diagnostics), hover and completion at offsets spread over the text —
 * through `analyzeForFuzz`, without the protocol. The editor hands the
 * server text, so the input's bytes are decoded as UTF-8 (invalid bytes
 * become U+FFFD, as in an editor). Prints the status; a throw is a crash.
 * Plain JavaScript on the compiled code (`npm run fuzz` builds it first).
 */
import { readFileSync } from 'node:fs'
import { analyzeForFuzz } from '../../dist/lsp/fuzz.js'

const path = process.argv[2]
const outcome = await analyzeForFuzz(readFileSync(path, 'utf8'), { path })
process.stdout.write(`${outcome.analysed ? 'analysed' : 'skipped'} ${outcome.diagnostics} ${outcome.hovers} ${outcome.completions}\n`)

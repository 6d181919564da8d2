/**
 * Fuzz driver for `nianbao preview`'s page renderer: the report file as the
 * server shows it (validated from disk, rendered, with its diagnostics
 * panel and the page around it), without a server. Prints the status; a
 * throw is a crash. Plain JavaScript on the compiled code (`npm run fuzz`
 * builds it first), so that each case does not pay for compiling TypeScript.
 */
import { previewFile } from '../../dist/preview/render.js'
import { panelHtml, reportShell } from '../../dist/preview/shell.js'

const state = await previewFile(process.argv[2])
const page = reportShell(state, { id: 'preview/report', version: 1, lang: 'zh' })
const panel = panelHtml(state, 'zh')
process.stdout.write(`${state.status} ${state.errors} ${state.warnings} ${page.length + panel.length}\n`)

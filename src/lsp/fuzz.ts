/**
 * One entry point for the fuzz harness: everything the language server does
 * with a document, in process and without the protocol — the size bound,
 * load and validate (the published diagnostics), then hover and completion
 * at `probes` offsets spread over the text. Content problems end up as
 * diagnostics; anything thrown is a bug in nianbao.
 */
import type { Lang } from '../diagnostics/types.js'
import { analyzeText, looksLikeReport, publishable } from './analyze.js'
import { MAX_DOCUMENT_CHARS } from './bounds.js'
import { completionsAt } from './completion.js'
import { hoverAt } from './hover.js'

export interface FuzzOptions {
  /** File path the text is analysed under (default `content/fuzz/2024.md`, a report's name). */
  path?: string
  lang?: Lang
  /** Number of hover and completion positions (default 64). */
  probes?: number
}

export interface FuzzOutcome {
  /** Whether the server would analyse it (a report, within the size bound). */
  analysed: boolean
  diagnostics: number
  hovers: number
  completions: number
}

/** Run the server's analysis of `text`; throws only on an internal error. */
export function analyzeForFuzz(text: string, options: FuzzOptions = {}): FuzzOutcome {
  const path = options.path ?? 'content/fuzz/2024.md'
  const lang = options.lang ?? 'zh'
  if (!looksLikeReport(path, text) || text.length > MAX_DOCUMENT_CHARS) return { analysed: false, diagnostics: 0, hovers: 0, completions: 0 }
  const analysis = analyzeText(path, text, { lang })
  const diagnostics = publishable(analysis, `file:///${path}`).length
  const probes = Math.max(1, options.probes ?? 64)
  let hovers = 0
  let completions = 0
  for (let i = 0; i < probes; i++) {
    const offset = Math.floor((i * text.length) / Math.max(probes - 1, 1))
    if (hoverAt(analysis.file, offset, lang)) hovers++
    completions += completionsAt(text, offset, analysis.file, { lang, snippets: i % 2 === 0 }).length
  }
  return { analysed: true, diagnostics, hovers, completions }
}

/**
 * One entry point for the fuzz harness: everything the language server's
 * worker does with a document, in process and without the protocol — the
 * size bound, load and validate (the published diagnostics, the previous
 * year read from disk as the server does), then hover and completion at
 * `probes` offsets spread over the text. Content problems end up as
 * diagnostics; anything thrown is a bug in nianbao. (The server adds a time
 * limit around this by running it in a worker thread.)
 */
import type { Lang } from '../diagnostics/types.js'
import { looksLikeReport } from './analyze.js'
import { createAnalyzer } from './analyzer.js'
import { MAX_DOCUMENT_CHARS } from './bounds.js'
import { defaultSettings } from './settings.js'

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

/** Run the server's analysis of `text`; rejects only on an internal error. */
export async function analyzeForFuzz(text: string, options: FuzzOptions = {}): Promise<FuzzOutcome> {
  const path = options.path ?? 'content/fuzz/2024.md'
  const lang = options.lang ?? 'zh'
  if (!looksLikeReport(path, text) || text.length > MAX_DOCUMENT_CHARS) return { analysed: false, diagnostics: 0, hovers: 0, completions: 0 }
  const analyzer = createAnalyzer()
  const doc = { uri: `file:///fuzz/${path}`, path, version: 1, text }
  const diagnostics = (await analyzer.handle({ kind: 'validate', ...doc, settings: { ...defaultSettings, lang }, open: [] })).length
  const probes = Math.max(1, options.probes ?? 64)
  let hovers = 0
  let completions = 0
  for (let i = 0; i < probes; i++) {
    const offset = Math.floor((i * text.length) / Math.max(probes - 1, 1))
    if (await analyzer.handle({ kind: 'hover', ...doc, offset, lang })) hovers++
    completions += (await analyzer.handle({ kind: 'completion', ...doc, offset, lang, snippets: i % 2 === 0 })).length
  }
  return { analysed: true, diagnostics, hovers, completions }
}

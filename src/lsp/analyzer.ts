/**
 * What the analysis worker does with each request from the server: validate
 * a document (the previous year's report from the editor's open documents
 * or from disk), hover, complete, forget. Keeps the last loaded version of
 * each document, so hover and completion do not parse again. Runs in the
 * worker thread (analysis-worker.ts), and in process for tests and fuzzing.
 */
import type { CompletionItem, Diagnostic as LspDiagnostic, Hover } from 'vscode-languageserver'
import type { VFile } from 'vfile'
import type { Lang } from '../diagnostics/types.js'
import { loadText, looksLikeReport, previousPathOf, publishable, validateLoaded } from './analyze.js'
import { MAX_DOCUMENT_CHARS } from './bounds.js'
import { completionsAt } from './completion.js'
import { hoverAt } from './hover.js'
import { PreviousYears, type OpenText } from './previous-years.js'
import type { Settings } from './settings.js'

/** An open document the previous year may be read from. */
export interface OpenDocument extends OpenText {
  path: string
}

interface DocumentRef {
  uri: string
  path: string
  version: number
  text: string
}

export type AnalysisRequest =
  | ({ kind: 'validate'; settings: Settings; open: OpenDocument[] } & DocumentRef)
  | ({ kind: 'hover'; offset: number; lang: Lang } & DocumentRef)
  | ({ kind: 'completion'; offset: number; lang: Lang; snippets: boolean } & DocumentRef)
  | { kind: 'forget'; uri: string }

export interface AnalysisResults {
  /** Empty for a document that is not a report. */
  validate: LspDiagnostic[]
  hover: Hover | null
  completion: CompletionItem[]
  forget: null
}

export interface Analyzer {
  handle<K extends AnalysisRequest['kind']>(request: Extract<AnalysisRequest, { kind: K }>): Promise<AnalysisResults[K]>
}

export function createAnalyzer(): Analyzer {
  const loaded = new Map<string, { version: number; file: VFile }>()
  let open: OpenDocument[] = []
  const previousYears = new PreviousYears((path) => open.find((d) => d.path === path), MAX_DOCUMENT_CHARS)

  /** The document as a loaded report (from the last validation when it is of this version). */
  const current = (doc: DocumentRef, lang: Lang): VFile | undefined => {
    const cached = loaded.get(doc.uri)
    if (cached?.version === doc.version) return cached.file
    if (!looksLikeReport(doc.path, doc.text) || doc.text.length > MAX_DOCUMENT_CHARS) return undefined
    const file = loadText(doc.path, doc.text, { lang })
    loaded.set(doc.uri, { version: doc.version, file })
    return file
  }

  const handlers = {
    async validate(request: Extract<AnalysisRequest, { kind: 'validate' }>): Promise<LspDiagnostic[]> {
      if (!looksLikeReport(request.path, request.text) || request.text.length > MAX_DOCUMENT_CHARS) {
        loaded.delete(request.uri)
        return []
      }
      const file = loadText(request.path, request.text, request.settings)
      const previousPath = previousPathOf(request.path, file)
      open = request.open
      const previous = previousPath ? await previousYears.load(previousPath, request.settings) : undefined
      const analysis = validateLoaded(file, previous)
      loaded.set(request.uri, { version: request.version, file })
      return publishable(analysis, request.uri)
    },
    async hover(request: Extract<AnalysisRequest, { kind: 'hover' }>): Promise<Hover | null> {
      const file = current(request, request.lang)
      return file ? hoverAt(file, request.offset, request.lang) : null
    },
    async completion(request: Extract<AnalysisRequest, { kind: 'completion' }>): Promise<CompletionItem[]> {
      const file = current(request, request.lang)
      return file ? completionsAt(request.text, request.offset, file, { lang: request.lang, snippets: request.snippets }) : []
    },
    async forget(request: Extract<AnalysisRequest, { kind: 'forget' }>): Promise<null> {
      loaded.delete(request.uri)
      previousYears.forget()
      return null
    },
  }

  return {
    handle(request) {
      const handler = handlers[request.kind] as (r: typeof request) => Promise<AnalysisResults[typeof request.kind]>
      return handler(request)
    },
  }
}

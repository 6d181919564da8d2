/**
 * `nianbao lsp`: the language server wiring. Documents are validated from
 * the editor's text a moment after each change (the validator's own
 * diagnostics, nothing re-worded); hover and completion read the latest
 * text. The analysis runs in a worker thread (analyzer.ts) under a time
 * limit, so that this thread always answers the editor.
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node'
import { TextDocument } from 'vscode-languageserver-textdocument'
import { VFile } from 'vfile'
import { diagnosticsOf, emit } from '../diagnostics/emit.js'
import type { Lang } from '../diagnostics/types.js'
import type { Params } from '../diagnostics/catalog.js'
import { AnalysisClient } from './analysis-client.js'
import type { OpenDocument } from './analyzer.js'
import { limitParams } from '../limit-messages.js'
import { MAX_DOCUMENT_CHARS, QUERY_TIME_LIMIT_MS } from './bounds.js'
import { toLspDiagnostic } from './positions.js'
import { defaultSettings, readSettings, type Settings } from './settings.js'

/** A file path for a document URI (`untitled:` and other schemes keep the URI). */
export function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri
}

/** One diagnostic about the analysis itself (too large, too slow), through the catalogue like every other. */
function single(uri: string, ruleId: string, params: Params, lang: Lang): LspDiagnostic[] {
  const file = new VFile({ path: pathOf(uri) })
  file.data.lang = lang
  emit(file, ruleId, params, { start: { line: 1, column: 1 } })
  return diagnosticsOf(file).map((d) => toLspDiagnostic(d, uri))
}

/**
 * Run the server on a connection (default: this process's stdin and
 * stdout); `lang` is the default message language, which the client's
 * settings override. Returns the connection, already listening.
 */
export function startServer(
  connection: Connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout),
  options: { lang?: Lang } = {},
): Connection {
  const documents = new TextDocuments(TextDocument)
  const analysis = new AnalysisClient()
  let settings: Settings = { ...defaultSettings, ...(options.lang ? { lang: options.lang } : {}) }
  let snippets = false
  const validated = new Set<string>()
  const timers = new Map<string, NodeJS.Timeout>()
  /** Versions whose validation ran past the limit: not tried again until the next edit. */
  const tooSlow = new Map<string, number>()

  const applySettings = (raw: unknown) => {
    const { settings: next, problem } = readSettings(raw, settings)
    settings = next
    if (problem) connection.console.warn(`nianbao: ${problem}`)
  }

  const ref = (doc: TextDocument) => ({ uri: doc.uri, path: pathOf(doc.uri), version: doc.version, text: doc.getText() })

  /** Open documents in the same folder: where the previous year is read from while it is open. */
  const neighbours = (doc: TextDocument): OpenDocument[] => {
    const folder = dirname(pathOf(doc.uri))
    return documents
      .all()
      .filter((d) => d.uri !== doc.uri && dirname(pathOf(d.uri)) === folder)
      .map((d) => ({ path: pathOf(d.uri), version: d.version, text: d.getText() }))
  }

  const publish = (uri: string, version: number, diagnostics: LspDiagnostic[]) => {
    // A newer edit arrived meanwhile: its own run publishes.
    if (documents.get(uri)?.version !== version) return
    validated.add(uri)
    void connection.sendDiagnostics({ uri, version, diagnostics })
  }

  const validate = async (doc: TextDocument): Promise<void> => {
    const { uri, version } = doc
    if (tooSlow.get(uri) === version) return
    if (doc.getText().length > MAX_DOCUMENT_CHARS) {
      publish(uri, version, single(uri, 'document-size-limit', limitParams({ key: 'editorDocumentChars', actual: doc.getText().length }), settings.lang))
      return
    }
    const outcome = await analysis.request({ kind: 'validate', ...ref(doc), settings, open: neighbours(doc) }, settings.timeLimitMs, 'restart')
    if (outcome.ok) return publish(uri, version, outcome.value)
    if (outcome.reason === 'timeout') {
      tooSlow.set(uri, version)
      publish(uri, version, single(uri, 'analysis-time-limit', limitParams({ key: 'editorAnalysisMillis' }, settings.timeLimitMs), settings.lang))
      // The other documents' work went with the stopped worker.
      for (const other of documents.all()) if (other.uri !== uri) schedule(other, 0)
    } else if (outcome.reason === 'restarted') {
      schedule(doc, 0)
    } else {
      connection.console.error(`nianbao 内部错误（${pathOf(uri)}）：${outcome.message ?? ''}`)
    }
  }

  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(timers.get(doc.uri))
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri)
        const latest = documents.get(doc.uri)
        if (latest) void validate(latest)
      }, delay),
    )
  }

  /** Open reports in the same folder may read this one as their previous year: check them again too. */
  const scheduleNeighbours = (uri: string) => {
    const folder = dirname(pathOf(uri))
    for (const doc of documents.all()) {
      if (doc.uri !== uri && dirname(pathOf(doc.uri)) === folder) schedule(doc, settings.debounceMs)
    }
  }

  connection.onInitialize((params): InitializeResult => {
    applySettings(params.initializationOptions)
    snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['#'] },
      },
      serverInfo: { name: 'nianbao' },
    }
  })

  connection.onDidChangeConfiguration((params) => {
    const section = (params.settings as { nianbao?: unknown } | null)?.nianbao
    if (section !== undefined) applySettings(section)
    tooSlow.clear()
    for (const doc of documents.all()) schedule(doc, 0)
  })

  connection.onDidChangeWatchedFiles(() => {
    for (const doc of documents.all()) schedule(doc, settings.debounceMs)
  })

  documents.onDidChangeContent(({ document }) => {
    // The first version of a document is checked at once; edits after a short pause.
    schedule(document, validated.has(document.uri) ? settings.debounceMs : 0)
    scheduleNeighbours(document.uri)
  })

  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri))
    timers.delete(document.uri)
    validated.delete(document.uri)
    tooSlow.delete(document.uri)
    void analysis.request({ kind: 'forget', uri: document.uri }, QUERY_TIME_LIMIT_MS, 'give-up')
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] })
    scheduleNeighbours(document.uri)
  })

  connection.onHover(async ({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri)
    if (!doc || doc.getText().length > MAX_DOCUMENT_CHARS) return null
    const outcome = await analysis.request({ kind: 'hover', ...ref(doc), offset: doc.offsetAt(position), lang: settings.lang }, QUERY_TIME_LIMIT_MS, 'give-up')
    return outcome.ok ? outcome.value : null
  })

  connection.onCompletion(async ({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri)
    if (!doc || doc.getText().length > MAX_DOCUMENT_CHARS) return []
    const request = { kind: 'completion' as const, ...ref(doc), offset: doc.offsetAt(position), lang: settings.lang, snippets }
    const outcome = await analysis.request(request, QUERY_TIME_LIMIT_MS, 'give-up')
    return outcome.ok ? outcome.value : []
  })

  connection.onShutdown(async () => {
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
    await analysis.close()
  })

  documents.listen(connection)
  connection.listen()
  return connection
}

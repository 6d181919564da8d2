/**
 * `nianbao lsp`: the language server wiring. Documents are validated from
 * the editor's text a moment after each change (the validator's own
 * diagnostics, nothing re-worded), hover and completion read the latest
 * text; the analysis itself lives in analyze.ts, hover.ts, completion.ts.
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node'
import { TextDocument } from 'vscode-languageserver-textdocument'
import { VFile } from 'vfile'
import { diagnosticsOf, emit } from '../diagnostics/emit.js'
import type { Lang } from '../diagnostics/types.js'
import { loadText, looksLikeReport, previousPathOf, publishable, validateLoaded } from './analyze.js'
import { completionsAt } from './completion.js'
import { hoverAt } from './hover.js'
import { PreviousYears } from './previous-years.js'
import { MAX_DOCUMENT_CHARS } from './bounds.js'
import { defaultSettings, readSettings, type Settings } from './settings.js'

/** A file path for a document URI (`untitled:` and other schemes keep the URI). */
export function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri
}

interface Loaded {
  version: number
  file: VFile
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
  let settings: Settings = { ...defaultSettings, ...(options.lang ? { lang: options.lang } : {}) }
  let snippets = false
  const loaded = new Map<string, Loaded>()
  const timers = new Map<string, NodeJS.Timeout>()
  const byPath = (path: string) => documents.all().find((d) => pathOf(d.uri) === path)
  const previousYears = new PreviousYears((path) => {
    const doc = byPath(path)
    return doc ? { version: doc.version, text: doc.getText() } : undefined
  }, MAX_DOCUMENT_CHARS)

  const applySettings = (raw: unknown) => {
    const { settings: next, problem } = readSettings(raw, settings)
    settings = next
    if (problem) connection.console.warn(`nianbao: ${problem}`)
  }

  /** The document's text as a loaded report (not validated), `undefined` when it is not a report or too large. */
  const current = (doc: TextDocument): VFile | undefined => {
    const cached = loaded.get(doc.uri)
    if (cached?.version === doc.version) return cached.file
    const path = pathOf(doc.uri)
    const text = doc.getText()
    if (!looksLikeReport(path, text) || text.length > MAX_DOCUMENT_CHARS) return undefined
    const file = loadText(path, text, settings)
    loaded.set(doc.uri, { version: doc.version, file })
    return file
  }

  const validate = async (doc: TextDocument): Promise<void> => {
    const { uri, version } = doc
    const path = pathOf(uri)
    const text = doc.getText()
    if (!looksLikeReport(path, text)) {
      loaded.delete(uri)
      await connection.sendDiagnostics({ uri, version, diagnostics: [] })
      return
    }
    if (text.length > MAX_DOCUMENT_CHARS) {
      const file = new VFile({ path })
      file.data.lang = settings.lang
      emit(file, 'document-size-limit', { size: text.length, limit: MAX_DOCUMENT_CHARS }, { start: { line: 1, column: 1 } })
      await connection.sendDiagnostics({ uri, version, diagnostics: publishable({ file, diagnostics: diagnosticsOf(file) }, uri) })
      return
    }
    const file = loadText(path, text, settings)
    const previousPath = previousPathOf(path, file)
    const previous = previousPath ? await previousYears.load(previousPath, settings) : undefined
    // A newer edit arrived while the previous year was read: its own run publishes.
    if (documents.get(uri)?.version !== version) return
    const analysis = validateLoaded(file, previous)
    loaded.set(uri, { version, file })
    await connection.sendDiagnostics({ uri, version, diagnostics: publishable(analysis, uri) })
  }

  const schedule = (doc: TextDocument, delay: number) => {
    clearTimeout(timers.get(doc.uri))
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri)
        const latest = documents.get(doc.uri)
        if (!latest) return
        validate(latest).catch((error: unknown) => {
          connection.console.error(`nianbao 内部错误（${pathOf(doc.uri)}）：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        })
      }, delay),
    )
  }

  /** Open reports in the same folder read this one as their previous year: check them again too. */
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
    loaded.clear()
    for (const doc of documents.all()) schedule(doc, 0)
  })

  connection.onDidChangeWatchedFiles(() => {
    for (const doc of documents.all()) schedule(doc, settings.debounceMs)
  })

  documents.onDidChangeContent(({ document }) => {
    // The first version of a document is checked at once; edits after a short pause.
    schedule(document, loaded.has(document.uri) ? settings.debounceMs : 0)
    scheduleNeighbours(document.uri)
  })

  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri))
    timers.delete(document.uri)
    loaded.delete(document.uri)
    previousYears.forget(pathOf(document.uri))
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] })
    scheduleNeighbours(document.uri)
  })

  connection.onHover(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri)
    const file = doc && current(doc)
    return doc && file ? hoverAt(file, doc.offsetAt(position), settings.lang) : null
  })

  connection.onCompletion(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri)
    if (!doc) return []
    const file = current(doc)
    if (!file) return []
    return completionsAt(doc.getText(), doc.offsetAt(position), file, { lang: settings.lang, snippets })
  })

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
  })

  documents.listen(connection)
  connection.listen()
  return connection
}

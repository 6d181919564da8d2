/**
 * A language-server client for tests and the bench: spawns `nianbao lsp`
 * (the compiled CLI, as an editor would) and talks JSON-RPC over its
 * stdin/stdout with the protocol library's own stream connection.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node'

const bin = join(import.meta.dirname, '..', '..', 'bin', 'nianbao.js')

export interface LspClientOptions {
  initializationOptions?: unknown
  snippets?: boolean
}

export class LspClient {
  readonly child: ChildProcess
  readonly connection: ProtocolConnection
  readonly stderr: string[] = []
  readonly #published: PublishDiagnosticsParams[] = []
  readonly #waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = []
  readonly #versions = new Map<string, number>()

  private constructor() {
    this.child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] })
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()))
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!))
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.#published.push(params)
      for (const waiter of [...this.#waiters]) {
        if (!waiter.test(params)) continue
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1)
        waiter.resolve(params)
      }
    })
    this.connection.listen()
  }

  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const client = new LspClient()
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: options.snippets ?? false } } } },
      initializationOptions: options.initializationOptions ?? {},
    })
    client.connection.sendNotification('initialized', {})
    return client
  }

  /** The next diagnostics published for `uri` (at `version`, when given), waiting up to `ms`. */
  diagnostics(uri: string, version?: number, ms = 20000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${ms} ms`)), ms)
      this.#waiters.push({
        test: (p) => p.uri === uri && (version === undefined || p.version === version),
        resolve: (p) => {
          clearTimeout(timer)
          resolve(p.diagnostics)
        },
      })
    })
  }

  /** Open a document; resolves with its first published diagnostics. */
  open(uri: string, text: string): Promise<Diagnostic[]> {
    this.#versions.set(uri, 1)
    const published = this.diagnostics(uri, 1)
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } })
    return published
  }

  /** Apply changes; resolves with the diagnostics published for the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const version = (this.#versions.get(uri) ?? 1) + 1
    this.#versions.set(uri, version)
    const published = this.diagnostics(uri, version)
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes })
    return published
  }

  close(uri: string): void {
    this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } })
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })
  }

  async completion(uri: string, line: number, character: number): Promise<CompletionItem[]> {
    const result = (await this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as
      | CompletionItem[]
      | { items: CompletionItem[] }
      | null
    return Array.isArray(result) ? result : (result?.items ?? [])
  }

  /** Shut the server down as an editor does; resolves with its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)))
    await this.connection.sendRequest('shutdown')
    this.connection.sendNotification('exit')
    const code = await exited
    this.connection.dispose()
    return code
  }
}

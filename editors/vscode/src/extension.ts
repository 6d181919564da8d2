/**
 * The VS Code side of nianbao: starts `nianbao lsp` (the workspace's own
 * nianbao) for Markdown documents and passes the `nianbao.*` settings on.
 * Everything about reports lives in the server.
 */
import * as vscode from 'vscode'
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node'
import { resolveServer } from './server-command'

let client: LanguageClient | undefined

function settings() {
  const config = vscode.workspace.getConfiguration('nianbao')
  return { lang: config.get<string>('lang', 'zh'), rules: config.get<Record<string, string>>('rules', {}) }
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration('nianbao')
  const command = resolveServer({
    path: config.get<string>('path', ''),
    node: config.get<string>('node', ''),
    folders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
  })
  if (!command) {
    void vscode.window.showWarningMessage('未找到 nianbao：请在工作区运行 npm install（nianbao 仓库）或 npm install nianbao，或在设置 nianbao.path 中指定 bin/nianbao.js 的路径。')
    return
  }
  const serverOptions: ServerOptions = { command: command.command, args: command.args, transport: TransportKind.stdio }
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    initializationOptions: settings(),
    // The server re-reads `nianbao.*` on change, and re-checks open reports when a report file changes on disk.
    synchronize: { configurationSection: 'nianbao', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.md') },
    outputChannelName: 'nianbao',
  }
  client = new LanguageClient('nianbao', 'nianbao 年报', serverOptions, clientOptions)
  await client.start()
}

async function restart(): Promise<void> {
  const running = client
  client = undefined
  await running?.stop()
  await start()
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.restart', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('nianbao.path') || event.affectsConfiguration('nianbao.node')) void restart()
    }),
  )
  await start()
}

export async function deactivate(): Promise<void> {
  await client?.stop()
  client = undefined
}

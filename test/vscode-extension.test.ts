/**
 * The VS Code extension (editors/vscode/): which nianbao it starts, and
 * `npm run vsix` packs a .vsix holding the manifest and a bundled entry
 * point that loads with nothing but `vscode` from outside — offline (the
 * packaging runs with every proxy pointing at a closed port).
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import Module, { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { unzipSync, strFromU8 } from 'fflate'
import { resolveServer } from '../editors/vscode/src/server-command.js'

const repo = join(import.meta.dirname, '..')

test('the extension starts the configured nianbao, else the workspace one', () => {
  const folder = join('/work', 'reports')
  const installed = join(folder, 'node_modules', 'nianbao', 'bin', 'nianbao.js')
  const exists = (paths: string[]) => (path: string) => paths.includes(path)
  const none = { path: '', node: '', folders: [folder], exists: exists([]), readText: () => undefined }
  assert.equal(resolveServer(none), undefined)
  assert.deepEqual(resolveServer({ ...none, exists: exists([installed]) }), { command: 'node', args: [installed, 'lsp', '--stdio'] })
  assert.deepEqual(resolveServer({ ...none, path: 'tools/nianbao.js', node: '/opt/node/bin/node' }), {
    command: '/opt/node/bin/node',
    args: [join(folder, 'tools', 'nianbao.js'), 'lsp', '--stdio'],
  })
  assert.deepEqual(resolveServer({ ...none, path: 'nianbao' }), { command: 'nianbao', args: ['lsp', '--stdio'] })
  // In the nianbao repository itself: its own bin, but not any project's bin/nianbao.js.
  const own = join(folder, 'bin', 'nianbao.js')
  assert.deepEqual(resolveServer({ ...none, exists: exists([own]), readText: () => '{"name":"nianbao"}' }), { command: 'node', args: [own, 'lsp', '--stdio'] })
  assert.equal(resolveServer({ ...none, exists: exists([own]), readText: () => '{"name":"other"}' }), undefined)
})

test('npm run vsix packs the manifest and a bundled entry point, offline', async () => {
  const closed = 'http://127.0.0.1:9'
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'vsix.ts')], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, HTTP_PROXY: closed, HTTPS_PROXY: closed, http_proxy: closed, https_proxy: closed, npm_config_offline: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const vsix = join(repo, out.trim().split('\n').at(-1)!)
  assert.match(vsix, /editors[/\\]vscode[/\\]vsix[/\\]nianbao-vscode-\d+\.\d+\.\d+\.vsix$/)
  const entries = unzipSync(readFileSync(vsix))
  assert.ok(entries['extension.vsixmanifest'] && entries['[Content_Types].xml'])
  const manifest = JSON.parse(strFromU8(entries['extension/package.json']!)) as { main: string; activationEvents: string[]; contributes: { configuration: { properties: Record<string, unknown> } } }
  assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).slice(0, 2), ['nianbao.lang', 'nianbao.path'])
  const main = `extension/${manifest.main.replace(/^\.\//, '')}`
  const bundle = entries[main]
  assert.ok(bundle, `${main} is in the package`)
  assert.ok(!Object.keys(entries).some((name) => name.includes('node_modules') || name.includes('/src/')), Object.keys(entries).join(', '))

  // The entry point needs nothing outside but `vscode`: load it against a stand-in and activate it
  // in a workspace without nianbao, where it says how to install nianbao instead of starting.
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-vsix-'))
  const warnings: string[] = []
  const commands: string[] = []
  const stand = new Proxy(
    {
      window: { showWarningMessage: (message: string) => void warnings.push(message) },
      commands: { registerCommand: (id: string) => (commands.push(id), { dispose() {} }) },
      workspace: {
        workspaceFolders: [{ uri: { fsPath: dir } }],
        getConfiguration: () => ({ get: <T>(_key: string, fallback: T) => fallback }),
        onDidChangeConfiguration: () => ({ dispose() {} }),
      },
    } as Record<string | symbol, unknown>,
    // Classes the client library extends at load time.
    { get: (target, key) => target[key] ?? class {} },
  )
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown }
  const load = loader._load
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? stand : load.call(this, request, ...rest)
  }
  try {
    const file = join(dir, 'extension.cjs')
    await writeFile(file, bundle)
    const extension = createRequire(import.meta.url)(file) as { activate: (context: unknown) => Promise<void>; deactivate: () => Promise<void> }
    await extension.activate({ subscriptions: [] })
    assert.deepEqual(commands, ['nianbao.restart'])
    assert.equal(warnings.length, 1)
    assert.match(warnings[0]!, /npm install nianbao/)
    await extension.deactivate()
  } finally {
    loader._load = load
    await rm(dir, { recursive: true, force: true })
  }
})

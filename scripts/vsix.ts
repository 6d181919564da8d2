/**
 * `npm run vsix`: the VS Code extension in editors/vscode/ as a .vsix —
 * type-check it, bundle it with its language client (esbuild; `vscode`
 * stays external), then package it with @vscode/vsce. Offline: nothing is
 * fetched. Writes editors/vscode/vsix/nianbao-vscode-<version>.vsix
 * (git-ignored) and prints its path.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { build } from 'esbuild'

const repo = join(import.meta.dirname, '..')
const extension = join(repo, 'editors', 'vscode')
const require = createRequire(import.meta.url)

export async function packageVsix(): Promise<string> {
  const run = (args: string[], cwd: string) => execFileSync(process.execPath, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] })
  run([require.resolve('typescript/bin/tsc'), '-p', join(extension, 'tsconfig.json')], repo)
  await build({
    entryPoints: [join(extension, 'src', 'extension.ts')],
    outfile: join(extension, 'dist', 'extension.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    minify: true,
    logLevel: 'warning',
  })
  const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8')) as { name: string; version: string }
  const out = join(extension, 'vsix', `${manifest.name}-${manifest.version}.vsix`)
  mkdirSync(dirname(out), { recursive: true })
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce')
  // The extension is bundled (CommonJS, as every VS Code since 1.91 loads it), so no node_modules go in; no repository field: it is not published to a marketplace.
  run([vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], extension)
  return out
}

if (import.meta.filename === process.argv[1]) {
  const out = await packageVsix()
  process.stdout.write(`${relative(process.cwd(), out)}\n`)
}

/**
 * Which command starts `nianbao lsp` for a workspace: the configured path,
 * else the workspace's own node_modules/nianbao, else (in the nianbao
 * repository itself) its bin/nianbao.js. Pure, so it is tested without VS Code.
 */
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'

export interface ServerCommand {
  command: string
  args: string[]
}

export interface ResolveInput {
  /** `nianbao.path`: a `.js` entry (run with node), an executable, or a bare command name. */
  path: string
  /** `nianbao.node`: the node to run a `.js` entry with (default `node` on the PATH). */
  node: string
  /** Workspace folder paths, first first. */
  folders: string[]
  exists?: (path: string) => boolean
  readText?: (path: string) => string | undefined
}

const LSP_ARGS = ['lsp', '--stdio']

function isNianbaoPackage(folder: string, readText: (path: string) => string | undefined): boolean {
  try {
    return (JSON.parse(readText(join(folder, 'package.json')) ?? '{}') as { name?: unknown }).name === 'nianbao'
  } catch {
    return false
  }
}

/** The command, or `undefined` when no nianbao is found (the extension then says how to install it). */
export function resolveServer(input: ResolveInput): ServerCommand | undefined {
  const exists = input.exists ?? existsSync
  const readText =
    input.readText ??
    ((path: string) => {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return undefined
      }
    })
  const node = input.node.trim() || 'node'
  const configured = input.path.trim()
  if (configured) {
    const bare = !/[\\/]/.test(configured)
    const path = bare || isAbsolute(configured) || input.folders.length === 0 ? configured : join(input.folders[0]!, configured)
    return /\.[cm]?js$/.test(path) ? { command: node, args: [path, ...LSP_ARGS] } : { command: path, args: LSP_ARGS }
  }
  for (const folder of input.folders) {
    const installed = join(folder, 'node_modules', 'nianbao', 'bin', 'nianbao.js')
    if (exists(installed)) return { command: node, args: [installed, ...LSP_ARGS] }
    const own = join(folder, 'bin', 'nianbao.js')
    if (exists(own) && isNianbaoPackage(folder, readText)) return { command: node, args: [own, ...LSP_ARGS] }
  }
  return undefined
}

/**
 * What the preview watches (chokidar): the report folders (reports, their
 * previous years, the agency's `templates/`), the `--templates` folder and
 * the official templates, and every folder above where a `nianbao.config.*`
 * would apply. Folders are watched rather than single files: a file that
 * does not exist yet (next year's report, a new override) is seen when it
 * appears, and editors that save by renaming are followed.
 */
import { basename, dirname, relative, resolve, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { CONFIG_NAMES } from '../render/pdf/config.js'

export type InputKind = 'report' | 'template' | 'config'

export interface WatchPlan {
  /** Folders searched for reports (recursively), and the folders of reports named one by one. */
  folders: string[]
  /** Template folders (`--templates`, the official ones). */
  templates: string[]
}

export interface InputWatcher {
  ready: Promise<void>
  close(): Promise<void>
}

export type InputEvent = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir'

/** How deep a report folder is watched: `<agency>/templates/<format>/partials/x.hbs` is 4 below the agency. */
const DEPTH = 6

/** What a changed path is to the preview, or `undefined` when it does not matter. */
export function kindOf(path: string): InputKind | undefined {
  const name = basename(path)
  if (CONFIG_NAMES.includes(name)) return 'config'
  if (/\.(hbs|css)$/i.test(name)) return 'template'
  if (/\.md$/i.test(name)) return 'report'
  // A `templates/` folder appearing or going changes which overrides apply.
  if (name === 'templates') return 'template'
  return undefined
}

function skipped(path: string, isFile: boolean, roots: ReadonlySet<string>): boolean {
  if (roots.has(path)) return false
  const name = basename(path)
  if (name.startsWith('.') || name === 'node_modules') return true
  return isFile && kindOf(path) === undefined
}

/** Folders from each watched folder up to the working directory (or its parent, outside it): where a config may apply. */
export function configFolders(folders: readonly string[], cwd = process.cwd()): string[] {
  const out = new Set<string>()
  for (const folder of folders) {
    let dir = resolve(folder)
    const inside = !relative(cwd, dir).startsWith('..')
    const stop = inside ? resolve(cwd) : dirname(dir)
    for (;;) {
      out.add(dir)
      if (dir === stop || dirname(dir) === dir) break
      dir = dirname(dir)
    }
  }
  return [...out].sort()
}

/** Start watching; `onEvent` gets absolute paths of the files that matter. */
export function watchInputs(plan: WatchPlan, onEvent: (event: InputEvent, path: string, kind: InputKind) => void, onError: (error: unknown) => void): InputWatcher {
  const trees = [...new Set([...plan.folders, ...plan.templates].map((p) => resolve(p)))]
  const roots = new Set(trees)
  const above = configFolders(plan.folders).filter((dir) => !trees.some((tree) => dir === tree || dir.startsWith(tree + sep)))
  const options = { ignoreInitial: true, persistent: true }
  const watchers: FSWatcher[] = [
    watch(trees, { ...options, depth: DEPTH, ignored: (path, stats) => skipped(path, stats?.isFile() ?? false, roots) }),
    // Only the config files of the folders above: depth 0 and nothing else.
    watch(above, { ...options, depth: 0, ignored: (path, stats) => !roots.has(path) && !above.includes(path) && (stats?.isDirectory() || !CONFIG_NAMES.includes(basename(path))) }),
  ]
  for (const watcher of watchers) {
    watcher.on('all', (event, path) => {
      const absolute = resolve(path)
      const kind = kindOf(absolute)
      if (kind) onEvent(event as InputEvent, absolute, kind)
    })
    watcher.on('error', onError)
  }
  return {
    ready: Promise.all(watchers.map((w) => new Promise<void>((done) => w.once('ready', () => done())))).then(() => undefined),
    close: async () => {
      await Promise.all(watchers.map((w) => w.close()))
    },
  }
}

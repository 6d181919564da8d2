/**
 * The reports a preview serves, each with its latest rendered state. A
 * report is rendered again when the watcher says one of its inputs
 * changed; renders of one report never overlap (a change during a render
 * runs one more), and a new version is announced only when the page or
 * the diagnostics actually changed.
 */
import { EventEmitter } from 'node:events'
import { basename, dirname, relative, resolve } from 'node:path'
import { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { previewFile, stateOf, type PreviewOptions, type PreviewState } from './render.js'

export interface ReportEntry {
  /** `<agency folder>/<file name without .md>`, unique; the URL is built from it. */
  id: string
  /** Absolute path. */
  path: string
  /** Named on the command line (kept when deleted) rather than found in a folder. */
  explicit: boolean
  /** Changes whenever the page or the panel changes; unique across restarts of the server. */
  version: number
  state?: PreviewState
  rendering?: Promise<void>
  dirty: boolean
}

export interface ReportSetEvents {
  /** A report has a new state. */
  report: [ReportEntry]
  /** Reports were added or removed. */
  list: []
}

// Versions start from the clock so that a page open across a server restart never mistakes a new state for its own.
let clock = Date.now()

/** What the panel shows, to tell a real change from a save that changed nothing. */
function fingerprint(state: PreviewState): string {
  return `${state.hash}\n${JSON.stringify(state.diagnostics)}`
}

/** A state for a report that could not even be read, shown in the panel like any other problem. */
async function failedState(path: string, options: PreviewOptions, error: unknown): Promise<PreviewState> {
  const file = new VFile({ path })
  file.data.lang = options.lang ?? 'zh'
  emit(file, 'preview-renders', { reason: error instanceof Error ? error.message : String(error) }, undefined)
  return stateOf(file, options)
}

export class ReportSet extends EventEmitter<ReportSetEvents> {
  private readonly byId = new Map<string, ReportEntry>()
  private readonly byPath = new Map<string, ReportEntry>()

  constructor(private readonly options: PreviewOptions = {}) {
    super()
  }

  /** Reports in id order. */
  list(): ReportEntry[] {
    return [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  get(id: string): ReportEntry | undefined {
    return this.byId.get(id)
  }

  at(path: string): ReportEntry | undefined {
    return this.byPath.get(resolve(path))
  }

  /** Add a report file (once); its first render is started by the caller. */
  add(path: string, explicit = false): ReportEntry {
    const absolute = resolve(path)
    const known = this.byPath.get(absolute)
    if (known) return known
    const base = `${basename(dirname(absolute))}/${basename(absolute).replace(/\.md$/i, '')}`
    let id = base
    for (let n = 2; this.byId.has(id); n++) id = `${base}-${n}`
    const entry: ReportEntry = { id, path: absolute, explicit, version: ++clock, dirty: false }
    this.byId.set(id, entry)
    this.byPath.set(absolute, entry)
    this.emit('list')
    return entry
  }

  remove(path: string): void {
    const entry = this.byPath.get(resolve(path))
    if (!entry) return
    this.byPath.delete(entry.path)
    this.byId.delete(entry.id)
    this.emit('list')
  }

  /** Render a report again; resolves when its state is current. */
  render(entry: ReportEntry): Promise<void> {
    if (entry.rendering) {
      entry.dirty = true
      return entry.rendering
    }
    entry.rendering = (async () => {
      do {
        entry.dirty = false
        let state: PreviewState
        try {
          state = await previewFile(entry.path, this.options)
        } catch (error) {
          state = await failedState(entry.path, this.options, error)
        }
        if (this.byPath.get(entry.path) !== entry) return
        const changed = !entry.state || fingerprint(entry.state) !== fingerprint(state)
        entry.state = state
        if (changed) {
          entry.version = ++clock
          this.emit('report', entry)
        }
      } while (entry.dirty)
    })().finally(() => {
      delete entry.rendering
      // A change that arrived after the last check but before this callback.
      if (entry.dirty) void this.render(entry)
    })
    return entry.rendering
  }

  /** Render every report again (templates or configuration changed). */
  async renderAll(): Promise<void> {
    await Promise.all(this.list().map((entry) => this.render(entry)))
  }

  /** The path as shown to the user. */
  shown(entry: ReportEntry): string {
    const shown = relative(process.cwd(), entry.path)
    return shown === '' || shown.startsWith('..') ? entry.path : shown
  }
}

/**
 * The previous year's report for the cross-year rules: from the editor
 * when it is open there (its unsaved text counts), else from disk, loaded
 * once per modification time and size.
 */
import { stat } from 'node:fs/promises'
import type { VFile } from 'vfile'
import type { Lang, Severity } from '../diagnostics/types.js'
import { loadReport } from '../source/report.js'
import { loadText } from './analyze.js'

export interface OpenText {
  /** A stamp that changes with the text (the editor's version). */
  version: number
  text: string
}

interface Entry {
  stamp: string
  file: VFile
}

export class PreviousYears {
  readonly #cache = new Map<string, Entry>()

  constructor(
    /** The text of `path` when it is open in the editor. */
    readonly openText: (path: string) => OpenText | undefined,
    /** Files larger than this are not read (the size limit of the documents themselves). */
    readonly maxBytes: number,
  ) {}

  /** The report at `path`, or `undefined` when there is none (or it is too large to read). */
  async load(path: string, options: { lang: Lang; severities: Record<string, Severity | 'off'> }): Promise<VFile | undefined> {
    const open = this.openText(path)
    let stamp: string
    if (open) {
      if (open.text.length > this.maxBytes) return undefined
      stamp = `open:${open.version}`
    } else {
      const info = await stat(path).catch(() => undefined)
      if (!info?.isFile() || info.size > this.maxBytes) {
        this.#cache.delete(path)
        return undefined
      }
      stamp = `disk:${info.mtimeMs}:${info.size}`
    }
    const cached = this.#cache.get(path)
    if (cached?.stamp === stamp) return cached.file
    const file = open ? loadText(path, open.text, options) : await loadReport(path, options)
    this.#cache.set(path, { stamp, file })
    return file
  }

  forget(path?: string): void {
    if (path === undefined) this.#cache.clear()
    else this.#cache.delete(path)
  }
}

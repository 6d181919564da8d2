/**
 * The roll-up records of a whole-tree build's reports, kept under
 * out/.nianbao-records/ beside the build cache, a file per report. Each worker
 * makes a report's record from the report it has just validated, so the
 * supervisor pages need not load and validate every source again: after one
 * edit, two reports are validated instead of a thousand. A record is reused
 * only under the same input key as the report's outputs (source, last year's
 * source, options, nianbao's own code); anything else is read as before.
 *
 * A file per report, not one file for all: after an edit only the reports
 * rebuilt are written. One 10 MB file read, split and written again was a
 * third of a second of every build after an edit of one report.
 */
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs'
import { rm } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { ReportRecord } from '../rollup/record.js'
import { sweepTempFiles, TEMP_PATTERN, writeFileAtomic } from './write-atomic.js'

export const RECORDS_NAME = '.nianbao-records'
/** Earlier forms (one JSON object, then JSON Lines), removed once the folder is written. */
const OLD_RECORDS_NAMES = ['.nianbao-records.json', '.nianbao-records.jsonl']
/** `<source path relative to content/>.record`: the input key on the first line, the record's JSON on the second. */
const SUFFIX = '.record'

export interface PresentReport {
  path: string
  rel: string
  /** The report's input key; `undefined` when it could not be computed (never reused). */
  key: string | undefined
}

export class RecordStore {
  private readonly made = new Map<string, ReportRecord>()
  private readonly dir: string
  /**
   * Never through a link: the folder is nianbao's own, and unwanted files in it are removed. One
   * that is a link (or a file) is left alone, and the roll-up reads every source instead.
   */
  private readonly usable: boolean

  /** `outDir`: the build's output folder; the records go in its RECORDS_NAME folder. */
  constructor(private readonly outDir: string) {
    this.dir = join(outDir, RECORDS_NAME)
    try {
      this.usable = lstatSync(this.dir).isDirectory()
    } catch {
      this.usable = true // not there yet: writing creates it
    }
  }

  private fileOf(rel: string): string | undefined {
    if (!this.usable) return undefined
    const file = join(this.dir, rel + SUFFIX)
    const inside = relative(this.dir, file)
    return inside.startsWith(`..${sep}`) || isAbsolute(inside) ? undefined : file
  }

  /**
   * A record made in this run (`JSON.stringify` of it), kept at once under its key. A record that
   * cannot be written is only not kept: the next build reads that report's source again.
   */
  async add(rel: string, key: string, text: string): Promise<void> {
    this.made.set(rel, JSON.parse(text) as ReportRecord)
    const file = this.fileOf(rel)
    if (file) await writeFileAtomic(file, `${key}\n${text}\n`).catch(() => undefined)
  }

  /**
   * The record of every present report that has one (made now, or kept under the same key), by
   * absolute path. The kept records of reports no longer present are removed.
   */
  async known(present: readonly PresentReport[]): Promise<Map<string, ReportRecord>> {
    const known = new Map<string, ReportRecord>()
    for (const { path, rel, key } of present) {
      if (key === undefined) continue
      const record = this.made.get(rel) ?? this.kept(rel, key)
      if (record) known.set(resolve(path), record)
    }
    if (this.usable) {
      // A killed build's temporary files go as everywhere else (only those of dead processes).
      await sweepTempFiles(this.dir)
      const wanted = new Set(present.map((p) => this.fileOf(p.rel)))
      // Not through links: a recursive listing does not follow them, and only files are removed.
      const files = listing(this.dir).filter((e) => e.isFile() && !TEMP_PATTERN.test(e.name))
      // `path`: what Node before 20.12 calls `parentPath`.
      const unwanted = files.map((e) => join(e.parentPath ?? e.path, e.name)).filter((f) => !wanted.has(f))
      await Promise.all(unwanted.map((f) => rm(f, { force: true }).catch(() => undefined)))
    }
    await Promise.all(OLD_RECORDS_NAMES.map((name) => rm(join(this.outDir, name), { force: true }).catch(() => undefined)))
    return known
  }

  /** The kept record of `rel` if it was made under `key`; none when it is missing, damaged or of other inputs. */
  private kept(rel: string, key: string): ReportRecord | undefined {
    const file = this.fileOf(rel)
    if (!file) return undefined
    let text: string
    try {
      // Synchronous: a thousand small reads, about 30 ms, where promise reads take several times that.
      text = readFileSync(file, 'utf8')
    } catch {
      return undefined
    }
    const newline = text.indexOf('\n')
    if (newline < 0 || text.slice(0, newline) !== key) return undefined
    try {
      const record: unknown = JSON.parse(text.slice(newline + 1))
      return record !== null && typeof record === 'object' && !Array.isArray(record) ? (record as ReportRecord) : undefined
    } catch {
      return undefined
    }
  }
}

/** Everything under `dir` (none when it is not there). */
function listing(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
  } catch {
    return []
  }
}

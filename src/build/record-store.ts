/**
 * The roll-up records of a whole-tree build's reports, kept in
 * out/.nianbao-records.json beside the build cache. Each worker makes a
 * report's record from the report it has just validated, so the supervisor
 * pages need not load and validate every source again: after one edit, two
 * reports are validated instead of a thousand. A record is reused only
 * under the same input key as the report's outputs (source, last year's
 * source, options, nianbao's own code); anything else is read as before.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { ReportRecord } from '../rollup/record.js'
import { writeFileAtomic } from './write-atomic.js'

export const RECORDS_NAME = '.nianbao-records.json'
const RECORDS_VERSION = 1

interface Kept {
  key: string
  record: ReportRecord
}

/** A record made in this run: its JSON text, parsed only when the pages need it. */
interface Made {
  key: string
  text: string
}

interface RecordsFile {
  version: number
  /** By path relative to the content folder, as in the build cache. */
  reports: Record<string, Kept>
}

export interface PresentReport {
  path: string
  rel: string
  /** The report's input key; `undefined` when it could not be computed (never reused). */
  key: string | undefined
}

export class RecordStore {
  private readonly made = new Map<string, Made>()

  constructor(private readonly file: string) {}

  /** A record made in this run, as JSON text (`JSON.stringify` of the record). */
  add(rel: string, key: string, text: string): void {
    this.made.set(rel, { key, text })
  }

  /**
   * The record of every present report that has one (made now, or kept under the same key),
   * by absolute path; the file is rewritten with exactly those.
   */
  async known(present: readonly PresentReport[]): Promise<Map<string, ReportRecord>> {
    const kept = await readRecords(this.file)
    // The file is written as JSON.stringify would write it, the records made now spliced in as text.
    const parts: string[] = []
    const known = new Map<string, ReportRecord>()
    for (const { path, rel, key } of present) {
      if (key === undefined) continue
      const made = this.made.get(rel)
      const entry = made ? undefined : kept[rel]
      if ((made ?? entry)?.key !== key) continue
      const text = made ? made.text : JSON.stringify(entry!.record)
      parts.push(`${JSON.stringify(rel)}:{"key":${JSON.stringify(key)},"record":${text}}`)
      known.set(resolve(path), made ? (JSON.parse(made.text) as ReportRecord) : entry!.record)
    }
    await writeFileAtomic(this.file, `{"version":${RECORDS_VERSION},"reports":{${parts.join(',')}}}\n`)
    return known
  }
}

async function readRecords(file: string): Promise<Record<string, Kept>> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<RecordsFile>
    if (data.version === RECORDS_VERSION && data.reports && typeof data.reports === 'object') return data.reports
  } catch {
    // None yet, or damaged: every record is made again.
  }
  return {}
}

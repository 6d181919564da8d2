/**
 * The roll-up records of a whole-tree build's reports, kept in
 * out/.nianbao-records.jsonl beside the build cache, a line per report. Each worker makes a
 * report's record from the report it has just validated, so the supervisor
 * pages need not load and validate every source again: after one edit, two
 * reports are validated instead of a thousand. A record is reused only
 * under the same input key as the report's outputs (source, last year's
 * source, options, nianbao's own code); anything else is read as before.
 */
import { readFile, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { ReportRecord } from '../rollup/record.js'
import { writeFileAtomic } from './write-atomic.js'

export const RECORDS_NAME = '.nianbao-records.jsonl'
/** Version 1, one JSON object, is removed when the lines are written. */
const OLD_RECORDS_NAME = '.nianbao-records.json'
// JSON Lines, `["<rel>","<key>",<record>]` each, so a record kept unchanged is written back as the
// text it was read as: re-serialising a thousand records was a tenth of a second of every build
// after an edit.
const HEADER = JSON.stringify({ nianbaoRecords: 2 })

interface Kept {
  key: string
  record: ReportRecord
  /** `JSON.stringify(record)`, as read or as the worker made it. */
  text: string
}

export interface PresentReport {
  path: string
  rel: string
  /** The report's input key; `undefined` when it could not be computed (never reused). */
  key: string | undefined
}

export class RecordStore {
  private readonly made = new Map<string, { key: string; text: string }>()

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
    const lines = [HEADER]
    const records = new Map<string, ReportRecord>()
    for (const { path, rel, key } of present) {
      if (key === undefined) continue
      const made = this.made.get(rel)
      const entry = made ?? kept.get(rel)
      if (entry?.key !== key) continue
      lines.push(`${recordPrefix(rel, key)}${entry.text}]`)
      records.set(resolve(path), made ? (JSON.parse(made.text) as ReportRecord) : kept.get(rel)!.record)
    }
    await writeFileAtomic(this.file, lines.join('\n') + '\n')
    await rm(join(dirname(this.file), OLD_RECORDS_NAME), { force: true }).catch(() => undefined)
    return records
  }
}

/** A line up to its record: `["<rel>","<key>",`. */
const recordPrefix = (rel: string, key: string) => `${JSON.stringify([rel, key]).slice(0, -1)},`

/** The kept records by path relative to the content folder; none when the file is missing or of another version. */
async function readRecords(file: string): Promise<Map<string, Kept>> {
  const kept = new Map<string, Kept>()
  let lines: string[]
  try {
    lines = (await readFile(file, 'utf8')).split('\n')
  } catch {
    return kept // none yet: every record is made again
  }
  if (lines[0] !== HEADER) return kept
  for (const line of lines.slice(1)) {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      continue // a damaged line (or the last, empty one): that report's record is made again
    }
    if (!Array.isArray(value) || value.length !== 3) continue
    const [rel, key, record] = value as unknown[]
    if (typeof rel !== 'string' || typeof key !== 'string' || record === null || typeof record !== 'object') continue
    const prefix = recordPrefix(rel, key)
    // A line edited by hand (other spacing) is serialised again rather than cut wrong.
    const text = line.startsWith(prefix) && line.endsWith(']') ? line.slice(prefix.length, -1) : JSON.stringify(record)
    kept.set(rel, { key, record: record as ReportRecord, text })
  }
  return kept
}

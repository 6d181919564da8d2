/**
 * Import an existing report (plain text, HTML page, .docx) into a nianbao
 * source file. Reading never throws at the user: an unreadable input is an
 * `error` result.
 */
import type { LimitHit } from '../limits.js'
import type { SourceDocument } from './blocks.js'
import { readInput, readInputBytes } from './read-input.js'
import { recognize, type ImportOptions, type Recognized } from './recognize.js'
import { writeReport, type CheckItem } from './write-report.js'

export interface Imported {
  recognized: Recognized
  /** The report file text (front matter + Markdown). */
  text: string
  /** Every cell or field to check by hand (待核对). */
  checks: CheckItem[]
  /** Cells read with certainty in a way worth saying: split by the sums, blank in the original, unit converted. */
  infos: CheckItem[]
  /** General notes: missing tables or sections, layout/year mismatch, stray numbers. */
  notes: string[]
}

export type ImportOutcome = Imported | { error: string; limit?: LimitHit }

function hasContent(recognized: Recognized): boolean {
  return recognized.tables.some((t) => t.found) || recognized.body.some((s) => s.def !== undefined)
}

export function importDocument(doc: SourceDocument, options: ImportOptions = {}): ImportOutcome {
  const recognized = recognize(doc, options)
  if (!hasContent(recognized)) return { error: '找不到年度报告的任何一节或统计表，不像是政府信息公开工作年度报告' }
  const { text, checks, infos } = writeReport(recognized)
  return { recognized, text, checks, infos, notes: recognized.notes }
}

export async function importFile(path: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const read = await readInput(path)
  if ('error' in read) return read
  return importDocument(read.doc, options)
}

export async function importBytes(bytes: Uint8Array, name: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const read = await readInputBytes(bytes, name)
  if ('error' in read) return read
  return importDocument(read.doc, options)
}

export type { CheckItem } from './write-report.js'
export type { ImportOptions } from './recognize.js'

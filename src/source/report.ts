/**
 * The report model: meta, statistics and sections of one file, typed by
 * its format definition.
 */
import type { VFile } from 'vfile'
import { detectFormat } from '../formats/detect.js'
import { formatForYear, formats, getFormat } from '../formats/index.js'
import type { FormatDefinition } from '../formats/types.js'
import { readStats, type Stats } from './cells.js'
import { findNumberLiteralProblems, pointer, type LiteralProblem } from './number-literals.js'
import { readSource, sourceFromText, type ReadOptions } from './read.js'
import { splitSections, type Body } from './sections.js'

export interface ReportMeta {
  agency: string
  year: number
  published?: string
  level?: string
  region?: string
  index_no?: string
}

export interface Report {
  path: string
  format: FormatDefinition
  /** Whether `format` was written in the file (else detected from the tables, or the year). */
  formatDeclared: boolean
  meta: ReportMeta
  stats: Stats
  body: Body
  /** Number literals the YAML parser could not keep as written (reported by the schema stage). */
  literalProblems: LiteralProblem[]
}

declare module 'vfile' {
  interface DataMap {
    report: Report
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function readMeta(data: Record<string, unknown>): ReportMeta {
  const year = typeof data.year === 'number' && Number.isInteger(data.year) ? data.year : 0
  const meta: ReportMeta = { agency: str(data.agency) ?? '', year }
  for (const key of ['published', 'level', 'region', 'index_no'] as const) {
    const value = str(data[key])
    if (value !== undefined) meta[key] = value
  }
  return meta
}

/** Build `file.data.report` from the parsed source, if there is front matter to build from. */
export function buildReport(file: VFile): Report | undefined {
  const source = file.data.source
  if (!source || source.data === undefined) return undefined
  const data = (source.data !== null && typeof source.data === 'object' && !Array.isArray(source.data)
    ? source.data
    : {}) as Record<string, unknown>
  const meta = readMeta(data)
  const declared = typeof data.format === 'string' ? getFormat(data.format) : undefined
  const format = declared ?? detectFormat(data, meta.year ? formatForYear(meta.year) : formats[0]!)
  const literalProblems = findNumberLiteralProblems(source)
  const report: Report = {
    path: file.path,
    format,
    formatDeclared: declared !== undefined,
    meta,
    stats: readStats(format, data, new Set(literalProblems.map((p) => pointer(p.path)))),
    body: splitSections(format, source.body),
    literalProblems,
  }
  file.data.report = report
  return report
}

/** Read a report file and build its model; problems are messages on the file. */
export async function loadReport(path: string, options: ReadOptions = {}): Promise<VFile> {
  const file = await readSource(path, options)
  buildReport(file)
  return file
}

/** Same as `loadReport`, from text in memory. */
export function loadReportFromText(path: string, text: string, options: ReadOptions = {}): VFile {
  const file = sourceFromText(path, text, options)
  buildReport(file)
  return file
}

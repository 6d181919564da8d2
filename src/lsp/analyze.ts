/**
 * The analysis of one document, without any protocol plumbing: is it a
 * report, load it from the editor's text, validate it exactly as `nianbao
 * validate` does (the same stages, the previous year's report for the
 * cross-year rules), and the diagnostics as the protocol publishes them.
 */
import { basename } from 'node:path'
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver'
import type { VFile } from 'vfile'
import { diagnosticsOf } from '../diagnostics/emit.js'
import type { Diagnostic, Lang, Severity } from '../diagnostics/types.js'
import { previousYearPath } from '../pipeline.js'
import { loadReportFromText } from '../source/report.js'
import { validateReport } from '../validate/index.js'
import { toLspDiagnostic } from './positions.js'

export interface AnalyzeOptions {
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
}

export interface Analysis {
  file: VFile
  /** As `nianbao validate --format json` prints them for this file. */
  diagnostics: Diagnostic[]
}

const REPORT_NAME = /^\d{4}\.md$/
const REPORT_KEYS = /^(agency|year|format|active|requests|appeals)[ \t]*:/gm
/** How far into a document the front matter is looked for when deciding whether it is a report. */
const SNIFF_CHARS = 64 * 1024

/**
 * Whether a Markdown document is a report: named `<year>.md`, or its front
 * matter has at least two of the report's top-level keys (agency, year,
 * format, active, requests, appeals).
 */
export function looksLikeReport(path: string, text: string): boolean {
  if (REPORT_NAME.test(basename(path))) return true
  const head = text.slice(0, SNIFF_CHARS).replace(/^\uFEFF/, '')
  if (!/^---[ \t]*\r?\n/.test(head)) return false
  const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(head)
  const front = close ? head.slice(0, close.index) : head
  return new Set([...front.matchAll(REPORT_KEYS)].map((m) => m[1])).size >= 2
}

/** Load a report from the editor's text, without validating it (hover and completion). */
export function loadText(path: string, text: string, options: AnalyzeOptions = {}): VFile {
  return loadReportFromText(path, text, { lang: options.lang ?? 'zh', severities: options.severities ?? {} })
}

/** The year a loaded report is for, if its front matter says. */
function yearOf(file: VFile): number | undefined {
  return file.data.report?.meta.year || undefined
}

/** Validate a report loaded with `loadText`, as `nianbao validate` does (once per loaded file): the same diagnostics. */
export function validateLoaded(file: VFile, previous?: VFile): Analysis {
  validateReport(file, previous ? { previous } : {})
  return { file, diagnostics: diagnosticsOf(file) }
}

/**
 * The previous year's report for `path`, as `nianbao validate` finds it: the
 * `<year - 1>.md` beside a file named `<year>.md`, by the year in its front matter.
 */
export function previousPathOf(path: string, file: VFile): string | undefined {
  const year = yearOf(file)
  return year && REPORT_NAME.test(basename(path)) ? previousYearPath(path, year) : undefined
}

/** Diagnostics in the protocol's shape, in the validator's order. */
export function publishable(analysis: Analysis, uri: string): LspDiagnostic[] {
  return analysis.diagnostics.map((d) => toLspDiagnostic(d, uri))
}

/**
 * The one way diagnostics are created: look the rule id up in the catalogue,
 * localise, apply severity overrides, and attach it to the file.
 */
import { VFile } from 'vfile'
import { VFileMessage, type Options as MessageOptions } from 'vfile-message'
import { catalogEntry, type Params } from './catalog.js'
import type { Diagnostic, Lang, Place, Severity } from './types.js'

declare module 'vfile' {
  interface DataMap {
    /** Message language, default `zh`. */
    lang: Lang
    /** Severity per rule id, overriding the catalogue (`--rule id=warn`). */
    severities: Record<string, Severity | 'off'>
  }
}

export interface EmitExtra {
  expected?: string[]
  actual?: string
  note?: string
  /** The other half of a conflict ("总计 defined here"); `file` when it is in another file. */
  cause?: { place: Place; ruleId?: string; params?: Params; text?: string; file?: string }
}

function toUnist(place: Place | undefined): MessageOptions['place'] {
  if (!place) return undefined
  return place.end ? { start: place.start, end: place.end } : place.start
}

function fatalOf(severity: Severity): boolean | undefined {
  return severity === 'error' ? true : severity === 'warning' ? false : undefined
}

/** Emit the catalogue diagnostic `ruleId` on `file` at `place`. */
export function emit(file: VFile, ruleId: string, params: Params, place: Place | undefined, extra: EmitExtra = {}): void {
  const entry = catalogEntry(ruleId)
  const severity = file.data.severities?.[ruleId] ?? entry.severity
  if (severity === 'off') return
  const lang = file.data.lang ?? 'zh'
  const options: MessageOptions = { ruleId, source: entry.source, place: toUnist(place) }
  if (extra.cause) {
    const text = extra.cause.text ?? entry[lang](extra.cause.params ?? params)
    const cause = new VFileMessage(text, { place: toUnist(extra.cause.place), ruleId, source: entry.source })
    if (extra.cause.file) cause.file = extra.cause.file
    options.cause = cause
  }
  const message = file.message(entry[lang](params), options)
  message.fatal = fatalOf(severity)
  if (extra.expected) message.expected = extra.expected
  if (extra.actual !== undefined) message.actual = extra.actual
  if (extra.note) message.note = extra.note
}

function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

/** Plain-data view of a vfile message. */
export function toDiagnostic(message: VFileMessage, file: string): Diagnostic {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'start' in place ? place.end : undefined
  const diagnostic: Diagnostic = {
    file,
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    severity: severityOf(message),
    ruleId: message.ruleId ?? 'unknown',
    source: (message.source ?? 'source') as Diagnostic['source'],
    message: message.reason,
  }
  if (end && (end.line !== diagnostic.line || end.column !== diagnostic.column)) {
    diagnostic.endLine = end.line
    diagnostic.endColumn = end.column
  }
  if (message.expected) diagnostic.expected = message.expected
  if (message.actual !== undefined && message.actual !== null) diagnostic.actual = message.actual
  if (message.note) diagnostic.note = message.note
  if (message.cause instanceof VFileMessage) diagnostic.cause = toDiagnostic(message.cause, message.cause.file || file)
  return diagnostic
}

/** All diagnostics of a file, sorted by position then rule id. */
export function diagnosticsOf(file: VFile): Diagnostic[] {
  const name = file.path ?? '<stdin>'
  return file.messages
    .map((m) => toDiagnostic(m, name))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId))
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true)
}

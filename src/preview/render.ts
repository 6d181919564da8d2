/**
 * One report as the preview shows it: the published page (the very string
 * `renderHtml` gives `nianbao build`), the diagnostics `nianbao validate`
 * gives for the file (cross-year checks included), and where each shows in
 * the page. No server here: `previewText` is the entry for tests and fuzzing.
 */
import { createHash } from 'node:crypto'
import { basename, dirname, resolve } from 'node:path'
import type { VFile } from 'vfile'
import { diagnosticsOf, emit } from '../diagnostics/emit.js'
import type { Diagnostic, Lang, Severity } from '../diagnostics/types.js'
import { validatePaths } from '../pipeline.js'
import { renderHtml } from '../render/html.js'
import { loadReportFromText } from '../source/report.js'
import { validateReport } from '../validate/index.js'
import { anchorsFor, type Anchor } from './anchors.js'

export interface PreviewOptions {
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
  /** `--templates DIR`. */
  templates?: string
}

export interface PreviewDiagnostic extends Diagnostic {
  /** Where the page shows what the diagnostic is about. */
  anchor?: Anchor
}

export type PreviewStatus = 'ok' | 'warnings' | 'errors' | 'broken'

export interface PreviewState {
  /** Absolute path of the report file. */
  path: string
  /** `{机关}{年度}年…年度报告`, or the file name when the file does not parse. */
  title: string
  /** `broken`: no page (the file does not parse, or a template failed); else the worst severity. */
  status: PreviewStatus
  errors: number
  warnings: number
  infos: number
  /** The published page, byte for byte; absent when `broken`. */
  html?: string
  /** SHA-256 of `html` (the PDF cache key with the config), or of the diagnostics when broken. */
  hash: string
  diagnostics: PreviewDiagnostic[]
}

/** Render a validated file into its preview state; never throws for content problems. */
export async function stateOf(file: VFile, options: PreviewOptions = {}): Promise<PreviewState> {
  let html: string | undefined
  try {
    html = await renderHtml(file, options.templates ? { templates: options.templates } : {})
  } catch (error) {
    // A bug, not the author's mistake: still shown in the panel, never a dead server.
    emit(file, 'preview-renders', { reason: error instanceof Error ? error.message : String(error) }, undefined)
  }
  const diagnostics = diagnosticsOf(file)
  const anchors = anchorsFor(file, diagnostics)
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length
  const errors = count('error')
  const warnings = count('warning')
  const report = file.data.report
  const title = report && report.meta.agency && report.meta.year ? `${report.meta.agency}${report.meta.year}年政府信息公开工作年度报告` : `${basename(dirname(file.path))}/${basename(file.path)}`
  return {
    path: file.path,
    title,
    status: html === undefined ? 'broken' : errors > 0 ? 'errors' : warnings > 0 ? 'warnings' : 'ok',
    errors,
    warnings,
    infos: count('info'),
    ...(html !== undefined ? { html } : {}),
    hash: createHash('sha256').update(html ?? JSON.stringify(diagnostics)).digest('hex'),
    diagnostics: diagnostics.map((d, i) => (anchors[i] ? { ...d, anchor: anchors[i] } : d)),
  }
}

/** Preview a report file on disk, validated exactly as `nianbao validate <path>` does. */
export async function previewFile(path: string, options: PreviewOptions = {}): Promise<PreviewState> {
  const read = { ...(options.lang ? { lang: options.lang } : {}), ...(options.severities ? { severities: options.severities } : {}) }
  const [file] = await validatePaths([resolve(path)], read)
  return stateOf(file!, options)
}

export interface TextInput {
  path: string
  text: string
}

/**
 * Preview report text in memory (no file system but the templates): the
 * same states the server shows, for tests and the fuzz harness.
 */
export async function previewText(input: TextInput, options: PreviewOptions & { previous?: TextInput } = {}): Promise<PreviewState> {
  const read = { ...(options.lang ? { lang: options.lang } : {}), ...(options.severities ? { severities: options.severities } : {}) }
  const file = loadReportFromText(input.path, input.text, read)
  const previous = options.previous ? loadReportFromText(options.previous.path, options.previous.text, read) : undefined
  validateReport(file, previous ? { previous } : {})
  return stateOf(file, options)
}

/**
 * The preview page for report text, as the server would show it, without a
 * server: the state, the panel and the whole page around the report (for
 * the fuzz harness and tests).
 */
export async function previewPage(
  input: TextInput,
  options: PreviewOptions & { previous?: TextInput } = {},
): Promise<{ state: PreviewState; panel: string; page: string }> {
  const { panelHtml, reportShell } = await import('./shell.js')
  const state = await previewText(input, options)
  const lang = options.lang ?? 'zh'
  return { state, panel: panelHtml(state, lang), page: reportShell(state, { id: 'preview/report', version: 1, lang }) }
}

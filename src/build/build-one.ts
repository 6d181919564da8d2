/**
 * One report of a whole-tree build, start to finish: load, validate (with
 * the previous year), and write every output unless it has errors. Runs in
 * a worker thread or in-process; takes and returns plain data only.
 */
import { basename, dirname } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { VFile } from 'vfile'
import { diagnosticsOf, hasErrors } from '../diagnostics/emit.js'
import type { Diagnostic, Lang, Severity } from '../diagnostics/types.js'
import { rowKey } from '../source/cells.js'
import type { Report } from '../source/report.js'
import { internalError } from '../diagnostics/internal-error.js'
import { validatePaths } from '../pipeline.js'
import { fsErrorText, isFsError } from './fs-error.js'
import { buildComparisonOutputs } from '../compare/build-step.js'
import { buildReportOutputs, type BuildTarget, type BuiltFile } from './build-report.js'
import { recordOrProblems } from '../rollup/record.js'
import { exportData } from '../bundle/export-json.js'
import { datasetDigest } from '../dataset/rows.js'

export interface BuildJob {
  path: string
  outDir: string
  targets: BuildTarget[]
  templates?: string
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
  pdfA?: boolean
  /** Also return the report's roll-up record (whole-tree builds: the supervisor pages reuse it). */
  record?: boolean
}

/** The figures the site index shows for a report. */
export interface KeyFigures {
  /** 一、本年新收政府信息公开申请数量, 总计. */
  received: number | null
  /** 三（一）予以公开, 总计. */
  granted: number | null
  /** 三（七）总计, 总计: the requests answered this year. */
  processed: number | null
}

export interface ReportSummary {
  agency: string
  year: number
  format: string
  formatDocument: string
  figures: KeyFigures
  /** SHA-256 of the bundle zip, when one was written (also in `<year>.zip.sha256`). */
  bundleSha256?: string
  /**
   * What the dataset takes from the data.json written (`datasetDigest`): the supervisor pages write
   * a year of the dataset again only when one of its reports' digests changed, not at every edit.
   */
  datasetDigest?: string
}

export interface BuildResult {
  path: string
  /** False when the report has errors and nothing was written. */
  built: boolean
  errors: number
  warnings: number
  diagnostics: Diagnostic[]
  outputs: BuiltFile[]
  summary?: ReportSummary
  /** Message of an unexpected failure (file system, or a bug). */
  failure?: string
  /** `io`: the file system failed (exit code 2); `internal`: a bug outside any file. */
  failureKind?: 'io' | 'internal'
  /** Time spent on this report (validate, render, write). */
  ms: number
  /**
   * The roll-up record (`BuildJob.record`), as `nianbao rollup` reads it: from the validated
   * source, before rendering. As JSON text: the main thread holds a thousand of them until the
   * supervisor pages, and text takes a fraction of the memory of the objects.
   */
  record?: string
}

function totalOf(report: Report, path: string[]): number | null {
  const table = report.stats.get('requests')
  const block = report.format.tables.find((t) => t.key === 'requests')?.blocks[0]
  const column = block?.columns.find((c) => c.total)
  if (!table || !block || !column) return null
  return table.blocks.get(block.id)?.get(rowKey(path))?.get(column.key)?.value ?? null
}

/** Key figures from the report model; rows are found by their YAML keys and the format's own total rule. */
export function keyFigures(report: Report): KeyFigures {
  const totalRule = report.format.rules.find((r) => r.kind === 'row-sum' && r.table === 'requests')
  return {
    received: totalOf(report, ['received']),
    granted: totalOf(report, ['granted']),
    processed: totalRule?.kind === 'row-sum' ? totalOf(report, totalRule.target) : null,
  }
}

function summaryOf(file: VFile): ReportSummary | undefined {
  const report = file.data.report
  if (!report) return undefined
  return {
    agency: report.meta.agency,
    year: report.meta.year,
    format: report.format.id,
    formatDocument: report.format.document,
    figures: keyFigures(report),
  }
}

export async function buildOne(job: BuildJob): Promise<BuildResult> {
  const started = performance.now()
  const result: BuildResult = { path: job.path, built: false, errors: 0, warnings: 0, diagnostics: [], outputs: [], ms: 0 }
  let file: VFile | undefined
  try {
    const options = { ...(job.lang ? { lang: job.lang } : {}), ...(job.severities ? { severities: job.severities } : {}) }
    file = (await validatePaths([job.path], options))[0]
    if (file && job.record) {
      const previous = file.data.previousReport
      result.record = JSON.stringify(recordOrProblems({ id: basename(dirname(job.path)), source: job.path, kind: 'source', file, ...(previous ? { previous } : {}) }))
    }
    if (file && !hasErrors(file)) {
      result.outputs = await buildReportOutputs(file, {
        targets: new Set(job.targets),
        outDir: job.outDir,
        ...(job.templates ? { templates: job.templates } : {}),
        ...(job.pdfA ? { pdfA: true } : {}),
      })
      // Render problems (templates, fonts) are errors too: the outputs are then incomplete.
      result.built = !hasErrors(file) && result.outputs.length > 0
      // The comparison with last year's report, when there is one (src/compare/build-step.ts).
      if (result.built) result.outputs.push(...(await buildComparisonOutputs(file, job)))
    }
  } catch (error) {
    // The disk (read-only, full, no permission) is said plainly; anything else is a bug, reported on the file.
    if (isFsError(error)) {
      result.failure = fsErrorText(error, job.lang ?? 'zh')
      result.failureKind = 'io'
    } else if (file) internalError(file, 'render', error)
    else {
      result.failure = error instanceof Error ? error.message : String(error)
      result.failureKind = 'internal'
    }
  }
  finish(result, file, started)
  const zip = result.outputs.find((o) => o.path.endsWith('.zip'))
  if (zip && result.summary) result.summary.bundleSha256 = zip.sha256
  if (file && result.summary && result.outputs.some((o) => o.path.endsWith('/data.json'))) {
    const data = exportData(file)
    if (data) result.summary.datasetDigest = datasetDigest(data)
  }
  return result
}

function finish(result: BuildResult, file: VFile | undefined, started: number): BuildResult {
  if (file) {
    result.diagnostics = diagnosticsOf(file)
    const summary = summaryOf(file)
    if (summary) result.summary = summary
  }
  result.errors = result.diagnostics.filter((d) => d.severity === 'error').length
  result.warnings = result.diagnostics.filter((d) => d.severity === 'warning').length
  result.ms = performance.now() - started
  return result
}

/** The result of a report that was validated but must not be built (e.g. it clashes with another). */
export function unbuiltResult(file: VFile, started: number): BuildResult {
  return finish({ path: file.path, built: false, errors: 0, warnings: 0, diagnostics: [], outputs: [], ms: 0 }, file, started)
}

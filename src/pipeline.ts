/**
 * Wires the stages: find report files, load them, validate each with its
 * previous year. One failing file never stops the others; a file that is
 * found but not read as a report is said so.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { VFile } from 'vfile'
import { emit } from './diagnostics/emit.js'
import { failedFile, internalError } from './diagnostics/internal-error.js'
import type { Lang, Severity } from './diagnostics/types.js'
import type { LimitValues } from './limits.js'
import { loadReport, type Report } from './source/report.js'
import { validateReport } from './validate/index.js'
import { checkUniqueReports } from './validate/rules/unique-report.js'

declare module 'vfile' {
  interface DataMap {
    /** Last year's report of the same agency, as the cross-year rules read it (for the roll-up record). */
    previousReport: Report
    /**
     * Last year's file as it was loaded for the cross-year rules, not validated; set only when it
     * was not itself among the files validated. Validating it later (the comparison step) need not
     * read and parse it again: `PipelineOptions.loaded`.
     */
    previousFile: VFile
  }
}

export interface PipelineOptions {
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
  /** Limits instead of the defaults of src/limits.ts (see `ReadOptions.limits`). */
  limits?: Partial<LimitValues>
  /** Files already loaded and not yet validated (`data.previousFile`), used instead of reading their paths again. */
  loaded?: readonly VFile[]
  /**
   * Called once for each named report that parsed, before anything else is read or checked: a
   * one-report build starts its PDF there, to overlap the checks (cli/speculative-pdf.ts). Its
   * failures are its own; it must not change the file.
   */
  onLoaded?: (file: VFile) => Promise<void>
}

/** A path the user named that does not exist or cannot be read. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message)
  }
}

const REPORT_NAME = /^\d{4}\.md$/
/** Markdown files that are not `<year>.md`: not read, but never skipped in silence. */
const MARKDOWN_NAME = /\.(md|markdown|mdown|mkdn?|mdwn)$/i
const DOCUMENTATION_NAME = /^(readme|changelog|license|contributing)(\..*)?$/i
const LOAD_BATCH = 32

async function walk(dir: string, out: string[], walked?: Set<string>, ignored?: string[]): Promise<void> {
  walked?.add(resolve(dir))
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'templates') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, out, walked, ignored)
    else if (entry.isFile() && REPORT_NAME.test(entry.name)) out.push(path)
    else if (entry.isFile() && MARKDOWN_NAME.test(entry.name) && !DOCUMENTATION_NAME.test(entry.name)) ignored?.push(path)
  }
}

/**
 * Report files under `paths`: files are taken as given, folders are searched
 * for `<agency>/<year>.md`. Sorted, without duplicates. Markdown files found
 * in folders under another name (`2025年报告.md`, `report.md`) go to `ignored`.
 */
export async function collectReportFiles(paths: string[], walked?: Set<string>, ignored?: string[]): Promise<string[]> {
  const out: string[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch {
      throw new InputError(`路径不存在：${path}`, path)
    }
    if (info.isDirectory()) await walk(path, out, walked, ignored)
    else out.push(path)
  }
  if (ignored) {
    const unique = [...new Set(ignored)].sort()
    ignored.splice(0, ignored.length, ...unique)
  }
  return [...new Set(out)].sort()
}

declare module 'vfile' {
  interface DataMap {
    /** A file found in a report folder that is not read as a report (its name is not `<year>.md`). */
    ignored: boolean
  }
}

/** The notice for a file that was found but not read: what it is, and the name that would be read. */
export function ignoredFileNotice(path: string, options: PipelineOptions = {}): VFile {
  const file = new VFile({ path })
  file.data.lang = options.lang ?? 'zh'
  file.data.severities = options.severities ?? {}
  file.data.ignored = true
  const year = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(basename(path))?.[1]
  emit(file, 'report-file-name', { name: basename(path), suggestion: year ? `${year}.md` : '' }, { start: { line: 1, column: 1 } })
  return file
}

/** The previous year's file beside a report, if it exists. */
export function previousYearPath(path: string, year: number): string {
  return join(dirname(path), `${year - 1}.md`)
}

/** Load one report; a failure to read it (a bug, or a library out of stack) is a diagnostic on it. */
async function loadGuarded(path: string, options: PipelineOptions): Promise<VFile> {
  try {
    return await loadReport(path, options)
  } catch (error) {
    return failedFile(path, error, options)
  }
}

/** Load and validate reports; the same agency's previous year is loaded for cross-year rules. */
export async function validatePaths(paths: string[], options: PipelineOptions = {}): Promise<VFile[]> {
  const walkedDirs = new Set<string>()
  const ignored: string[] = []
  const files = await collectReportFiles(paths, walkedDirs, ignored)
  const loaded = new Map<string, VFile>()
  const given = new Map((options.loaded ?? []).map((f) => [resolve(f.path), f]))
  const load = (path: string) => given.get(resolve(path)) ?? loadGuarded(path, options)
  // Reads overlap; parsing stays in order, so results do not depend on timing.
  for (let i = 0; i < files.length; i += LOAD_BATCH) {
    const batch = files.slice(i, i + LOAD_BATCH)
    const results = await Promise.all(batch.map(load))
    batch.forEach((path, j) => loaded.set(resolve(path), results[j]!))
  }
  if (options.onLoaded) {
    for (const path of files) {
      const file = loaded.get(resolve(path))!
      if (file.data.report) await options.onLoaded(file).catch(() => undefined)
    }
  }
  // The previous year of a report named on the command line may not be among the files: load it too.
  const previousOf = new Map<string, string>()
  for (const path of files) {
    const year = loaded.get(resolve(path))!.data.report?.meta.year
    if (year && REPORT_NAME.test(basename(path))) previousOf.set(resolve(path), resolve(previousYearPath(path, year)))
  }
  const extra = [...new Set(previousOf.values())].filter((p) => !loaded.has(p) && !walkedDirs.has(dirname(p)))
  await Promise.all(
    extra.map(async (p) => {
      const exists = await stat(p).then((i) => i.isFile(), () => false)
      if (exists) loaded.set(p, await load(p))
    }),
  )
  const extras = new Set(extra)
  for (const path of files) {
    const file = loaded.get(resolve(path))!
    const previousPath = previousOf.get(resolve(path)) ?? ''
    const previous = loaded.get(previousPath)
    if (previous?.data.report) file.data.previousReport = previous.data.report
    if (previous && extras.has(previousPath)) file.data.previousFile = previous
    try {
      validateReport(file, previous ? { previous } : {})
    } catch (error) {
      internalError(file, 'validate', error)
    }
  }
  const result = files.map((p) => loaded.get(resolve(p))!)
  checkUniqueReports(result)
  // Files found but not read come in path order among the reports, flagged `data.ignored`.
  const notices = ignored.map((path) => ignoredFileNotice(path, options))
  return [...result, ...notices].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * Wires the stages: find report files, load them, validate each with its
 * previous year. One failing file never stops the others.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { VFile } from 'vfile'
import type { Lang, Severity } from './diagnostics/types.js'
import type { LimitValues } from './limits.js'
import { loadReport } from './source/report.js'
import { validateReport } from './validate/index.js'
import { checkUniqueReports } from './validate/rules/unique-report.js'

export interface PipelineOptions {
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
  /** Limits instead of the defaults of src/limits.ts (see `ReadOptions.limits`). */
  limits?: Partial<LimitValues>
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
const LOAD_BATCH = 32

async function walk(dir: string, out: string[], walked?: Set<string>): Promise<void> {
  walked?.add(resolve(dir))
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'templates') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, out, walked)
    else if (entry.isFile() && REPORT_NAME.test(entry.name)) out.push(path)
  }
}

/**
 * Report files under `paths`: files are taken as given, folders are searched
 * for `<agency>/<year>.md`. Sorted, without duplicates.
 */
export async function collectReportFiles(paths: string[], walked?: Set<string>): Promise<string[]> {
  const out: string[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch {
      throw new InputError(`路径不存在：${path}`, path)
    }
    if (info.isDirectory()) await walk(path, out, walked)
    else out.push(path)
  }
  return [...new Set(out)].sort()
}

/** The previous year's file beside a report, if it exists. */
export function previousYearPath(path: string, year: number): string {
  return join(dirname(path), `${year - 1}.md`)
}

/** Load and validate reports; the same agency's previous year is loaded for cross-year rules. */
export async function validatePaths(paths: string[], options: PipelineOptions = {}): Promise<VFile[]> {
  const walkedDirs = new Set<string>()
  const files = await collectReportFiles(paths, walkedDirs)
  const loaded = new Map<string, VFile>()
  // Reads overlap; parsing stays in order, so results do not depend on timing.
  for (let i = 0; i < files.length; i += LOAD_BATCH) {
    const batch = files.slice(i, i + LOAD_BATCH)
    const results = await Promise.all(batch.map((path) => loadReport(path, options)))
    batch.forEach((path, j) => loaded.set(resolve(path), results[j]!))
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
      if (exists) loaded.set(p, await loadReport(p, options))
    }),
  )
  for (const path of files) {
    const file = loaded.get(resolve(path))!
    const previous = loaded.get(previousOf.get(resolve(path)) ?? '')
    validateReport(file, previous ? { previous } : {})
  }
  const result = files.map((p) => loaded.get(resolve(p))!)
  checkUniqueReports(result)
  return result
}

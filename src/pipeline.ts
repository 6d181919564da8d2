/**
 * Wires the stages: find report files, load them, validate each with its
 * previous year. One failing file never stops the others.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { VFile } from 'vfile'
import type { Lang, Severity } from './diagnostics/types.js'
import { loadReport } from './source/report.js'
import { validateReport } from './validate/index.js'

export interface PipelineOptions {
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
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

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'templates') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, out)
    else if (entry.isFile() && REPORT_NAME.test(entry.name)) out.push(path)
  }
}

/**
 * Report files under `paths`: files are taken as given, folders are searched
 * for `<agency>/<year>.md`. Sorted, without duplicates.
 */
export async function collectReportFiles(paths: string[]): Promise<string[]> {
  const out: string[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch {
      throw new InputError(`路径不存在：${path}`, path)
    }
    if (info.isDirectory()) await walk(path, out)
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
  const files = await collectReportFiles(paths)
  const loaded = new Map<string, VFile>()
  for (const path of files) loaded.set(resolve(path), await loadReport(path, options))
  for (const path of files) {
    const file = loaded.get(resolve(path))!
    const year = file.data.report?.meta.year
    let previous: VFile | undefined
    if (year && REPORT_NAME.test(basename(path))) {
      const prevPath = resolve(previousYearPath(path, year))
      previous = loaded.get(prevPath)
      if (!previous) {
        try {
          await stat(prevPath)
          previous = await loadReport(prevPath, options)
        } catch {
          previous = undefined
        }
      }
    }
    validateReport(file, previous ? { previous } : {})
  }
  return files.map((p) => loaded.get(resolve(p))!)
}

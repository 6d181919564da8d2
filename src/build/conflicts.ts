/**
 * Two reports must never be written to one place. Reports are placed at
 * `out/<agency folder>/<year>/` (and `<year>.zip`); a copy of a report
 * saved under another name in the same folder, or two folders with the same
 * name in different places, would land on the same files and one report's
 * outputs would silently replace the other's. Such files are not built.
 */
import { join, resolve } from 'node:path'
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { duplicateGroups, reportIdentity } from '../validate/rules/unique-report.js'
import { agencyDir } from './report-paths.js'

/** Where a report's outputs go (absolute), from its path and its year. */
export function outputPlace(reportPath: string, year: number, outDir: string): string {
  return resolve(join(outDir, agencyDir(reportPath), String(year)))
}

export interface Placed {
  path: string
  agency?: string
  year?: number
}

/**
 * Paths of reports that share an agency and year, or an output place, with
 * another report; these are validated together and not built.
 */
export function conflictingPaths(reports: readonly Placed[], outDir: string): Set<string> {
  const out = new Set<string>()
  const sameReport = duplicateGroups(reports, (r) => (r.agency !== undefined && r.year ? reportIdentity(r.agency, r.year) : undefined))
  const samePlace = duplicateGroups(reports, (r) => (r.year ? outputPlace(r.path, r.year, outDir) : undefined))
  for (const group of [...sameReport, ...samePlace]) for (const r of group) out.add(r.path)
  return out
}

/**
 * Emit `output-place-unique` on reports that would be written to the same
 * place as a different report (the same agency and year is `report-unique`'s
 * to say); returns every file that must not be built.
 */
export function checkOutputPlaces(files: readonly VFile[], outDir: string): Set<VFile> {
  const blocked = new Set<VFile>()
  const groups = duplicateGroups(files, (f) => {
    const year = f.data.report?.meta.year
    return year ? outputPlace(f.path, year, outDir) : undefined
  })
  for (const group of groups) {
    for (const file of group) {
      blocked.add(file)
      const meta = file.data.report!.meta
      const others = group.filter((f) => f !== file)
      const different = others.filter((f) => reportIdentity(f.data.report!.meta.agency, f.data.report!.meta.year) !== reportIdentity(meta.agency, meta.year))
      if (different.length === 0) continue
      emit(
        file,
        'output-place-unique',
        { place: join(outDir, agencyDir(file.path), String(meta.year)), others: different.map((f) => f.path).join('、') },
        file.data.source!.locate.path(['year']),
      )
    }
  }
  // The same agency and year in two places is an error (report-unique) that --allow-errors must not override.
  for (const file of files) if (file.messages.some((m) => m.ruleId === 'report-unique' && m.fatal)) blocked.add(file)
  return blocked
}

/**
 * One report per agency and year. An unedited copy (saved under another
 * name or in another folder) would otherwise be published twice, or one
 * would silently overwrite the other's outputs. Each file of a duplicate
 * group gets an error naming the others, its cause at the other's `year`.
 */
import { listed } from '../../diagnostics/listed.js'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'

/** Other copies named in each copy's message. */
const OTHERS_SHOWN = 5

/** The identity of a report: agency (spacing and full-width forms ignored) and year. */
export function reportIdentity(agency: string, year: number): string | undefined {
  const name = agency.normalize('NFKC').replace(/\s+/g, '')
  return name && year ? `${name}\u0000${year}` : undefined
}

/** Groups of two or more items that share a key, in input order. */
export function duplicateGroups<T>(items: readonly T[], key: (item: T) => string | undefined): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    if (k === undefined) continue
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return [...groups.values()].filter((g) => g.length > 1)
}

/** A path as the user sees it: relative to the working folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), resolve(path))
  return rel && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? rel : path
}

/** Emit `report-unique` on every file that shares its agency and year with another. */
export function checkUniqueReports(files: readonly VFile[]): void {
  const groups = duplicateGroups(files, (f) => {
    const meta = f.data.report?.meta
    return meta ? reportIdentity(meta.agency, meta.year) : undefined
  })
  for (const group of groups) {
    for (const file of group) {
      const others = group.filter((f) => f !== file)
      const { agency, year } = file.data.report!.meta
      const other = others[0]!
      const names = others.map((f) => shown(f.path))
      emit(
        file,
        'report-unique',
        {
          agency,
          year,
          others: listed(names, OTHERS_SHOWN, (n) => ` 等 ${n} 份`, '、'),
          othersEn: listed(names, OTHERS_SHOWN, (n) => ` and ${n - OTHERS_SHOWN} more`, ', '),
        },
        file.data.source!.locate.path(['year']),
        { cause: { place: other.data.source!.locate.path(['year']), file: other.path, text: file.data.lang === 'en' ? `the other report for ${agency}, ${year}` : `${agency} ${year} 年度的另一份报告` } },
      )
    }
  }
}

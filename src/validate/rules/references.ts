/**
 * References in the narrative (`{收到申请}`) name a known figure or cell
 * (an error with did-you-mean otherwise) and have a value (a warning when a
 * cell is blank: the reference then prints as a blank does in a sentence).
 */
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import { suggestName } from '../../source/reference-names.js'
import { BLANK_TEXT, resolveReferences } from '../../source/references.js'
import type { Report } from '../../source/report.js'

export function checkReferences(file: VFile, report: Report): void {
  const resolved = resolveReferences(file)
  const locate = file.data.source?.locate
  if (!resolved || !locate) return
  for (const o of resolved.occurrences) {
    if (!o.problem) continue
    const place = locate.range(o.start, o.end)
    const params = { raw: o.raw, name: o.name }
    if (o.problem === 'unknown' || o.problem === 'ambiguous' || o.problem === 'absent') {
      const suggestion = o.problem === 'unknown' ? suggestName(report.format, o.name) : undefined
      emit(file, 'reference-name-known', { ...params, reason: o.problem, format: report.format.id, suggestion: suggestion ?? '' }, place)
    } else {
      const name = o.target?.kind === 'derived' ? o.target.def.name : o.name
      emit(file, 'reference-value-known', { ...params, name, reason: o.problem, blank: BLANK_TEXT }, place)
    }
  }
}

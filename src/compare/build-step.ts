/**
 * The comparison as part of a report's build: when the same agency's
 * previous year (`<year-1>.md` beside it) exists and has no errors, the
 * report's folder also gets `compare.html` (and `compare.pdf` with the pdf
 * target). The build cache already keys a report on its previous year's
 * source, so the comparison is rebuilt exactly when either year changes.
 */
import { readFile, stat } from 'node:fs/promises'
import { sha256 } from '../bundle/manifest.js'
import type { VFile } from 'vfile'
import type { BuiltFile, BuildTarget } from '../build/build-report.js'
import { reportOutDir } from '../build/build-report.js'
import { hasErrors } from '../diagnostics/emit.js'
import type { Lang, Severity } from '../diagnostics/types.js'
import { previousYearPath, validatePaths } from '../pipeline.js'
import type { CompareTarget } from './write.js'

export interface ComparisonStep {
  outDir: string
  targets: readonly BuildTarget[]
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
}

export async function buildComparisonOutputs(file: VFile, step: ComparisonStep): Promise<BuiltFile[]> {
  const report = file.data.report
  const dir = reportOutDir(file, step.outDir)
  if (!report || !dir || !step.targets.includes('html') || hasErrors(file)) return []
  const previousPath = previousYearPath(file.path, report.meta.year)
  if (!(await stat(previousPath).then((s) => s.isFile(), () => false))) return []
  const [previous] = await validatePaths([previousPath], {
    ...(step.lang ? { lang: step.lang } : {}),
    ...(step.severities ? { severities: step.severities } : {}),
    // Last year's file as the report's own validation read it a moment ago.
    ...(file.data.previousFile ? { loaded: [file.data.previousFile] } : {}),
  })
  const older = previous?.data.report
  if (!previous || !older || hasErrors(previous) || older.meta.year !== report.meta.year - 1) return []
  const { writeComparison } = await import('./write.js')
  const targets: CompareTarget[] = step.targets.includes('pdf') ? ['html', 'pdf'] : ['html']
  const written = await writeComparison(older, report, dir, targets)
  return Promise.all(
    written.map(async (path) => {
      const bytes = await readFile(path)
      return { target: (path.endsWith('.pdf') ? 'pdf' : 'html') as BuildTarget, path, bytes: bytes.byteLength, sha256: sha256(bytes) }
    }),
  )
}

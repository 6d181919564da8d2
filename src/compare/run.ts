/**
 * `nianbao compare <older> <newer>`: validate both reports (each with its own
 * previous year, as `validate` does), check that they are two years of one
 * agency, and write the comparison. A report with errors is not compared.
 */
import { join } from 'node:path'
import { agencyDir } from '../build/build-report.js'
import { diagnosticsOf, hasErrors } from '../diagnostics/emit.js'
import { exitCodeFor } from '../diagnostics/exit-code.js'
import { reportText } from '../diagnostics/report-text.js'
import type { Lang, Severity } from '../diagnostics/types.js'
import { InputError, validatePaths } from '../pipeline.js'
import { reportIdentity } from '../validate/rules/unique-report.js'
import { writeComparison, type CompareTarget } from './write.js'

export interface RunCompareOptions {
  outDir: string
  targets: CompareTarget[]
  lang: Lang
  severities: Record<string, Severity | 'off'>
}

export interface RunCompareResult {
  written: string[]
  /** Printed diagnostics of both reports, if any. */
  diagnostics?: string
  /** A usage problem (exit code 2). */
  usage?: string
  exitCode: number
}

export async function runCompare(olderPath: string, newerPath: string, options: RunCompareOptions): Promise<RunCompareResult> {
  let files
  try {
    files = await validatePaths([olderPath, newerPath], { lang: options.lang, severities: options.severities })
  } catch (error) {
    if (error instanceof InputError) return { written: [], usage: error.message, exitCode: 2 }
    throw error
  }
  const byPath = (p: string) => files.find((f) => f.path === p) ?? files.find((f) => f.path.endsWith(p))
  const olderFile = byPath(olderPath)
  const newerFile = byPath(newerPath)
  if (!olderFile || !newerFile || olderFile === newerFile) return { written: [], usage: '请给出同一机关两个年度的两份报告文件（<机关>/<年度>.md）', exitCode: 2 }
  const diagnostics = [...diagnosticsOf(olderFile), ...diagnosticsOf(newerFile)]
  const printed = diagnostics.length ? reportText(diagnostics, { lang: options.lang, color: process.stderr.isTTY === true }) : undefined
  const base = printed ? { diagnostics: printed } : {}
  const older = olderFile.data.report
  const newer = newerFile.data.report
  if (hasErrors(olderFile) || hasErrors(newerFile) || !older || !newer) return { written: [], ...base, exitCode: 1 }
  if (reportIdentity(older.meta.agency, older.meta.year)?.split('\u0000')[0] !== reportIdentity(newer.meta.agency, newer.meta.year)?.split('\u0000')[0])
    return { written: [], ...base, usage: `两份报告不是同一机关：${older.meta.agency}、${newer.meta.agency}`, exitCode: 2 }
  if (older.meta.year >= newer.meta.year)
    return { written: [], ...base, usage: `第一份报告的年度（${older.meta.year}）应早于第二份（${newer.meta.year}）`, exitCode: 2 }
  const dir = join(options.outDir, agencyDir(newerFile.path), String(newer.meta.year))
  const written = await writeComparison(older, newer, dir, options.targets)
  return { written, ...base, exitCode: exitCodeFor(diagnostics) }
}

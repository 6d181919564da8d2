/**
 * `nianbao import` without the command line: import each input, choose
 * the output path, refuse to overwrite without `force`, write atomically,
 * validate the result and attach the import report to it.
 */
import { join } from 'node:path'
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { limitParams } from '../limit-messages.js'
import { limitDefinition } from '../limits.js'
import type { Lang } from '../diagnostics/types.js'
import { validatePaths } from '../pipeline.js'
import { VFile as File } from 'vfile'
import { emitImportReport } from './diagnostics.js'
import { importFile, type CheckItem } from './index.js'
import { writeFileAtomic } from '../build/write-atomic.js'
import { exists } from './write-file.js'

export interface RunOptions {
  agencyId?: string
  agency?: string
  year?: number
  format?: string
  out?: string
  /** Content root: output goes to `<outDir>/<agency-id>/<year>.md` (default `content`). */
  outDir?: string
  force?: boolean
  lang?: Lang
}

export type RunStatus = 'imported' | 'to-check' | 'unreadable' | 'not-written'

export interface RunResult {
  input: string
  status: RunStatus
  output?: string
  /** Why nothing was written (`unreadable`, `not-written`). */
  message?: string
  /** The written file with validator and import diagnostics. */
  file?: VFile
  checks: CheckItem[]
  notes: string[]
  format?: string
}

export const AGENCY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

function failure(input: string, status: RunStatus, ruleId: string, params: Record<string, string | number>, lang: Lang): RunResult {
  const file = new File({ path: input })
  file.data.lang = lang
  file.data.severities = {}
  emit(file, ruleId, { file: input, ...params }, undefined)
  return { input, status, message: file.messages[0]?.reason ?? '', file, checks: [], notes: [] }
}

export async function importOne(input: string, options: RunOptions): Promise<RunResult> {
  const lang = options.lang ?? 'zh'
  const outcome = await importFile(input, {
    ...(options.agency ? { agency: options.agency } : {}),
    ...(options.year ? { year: options.year } : {}),
    ...(options.format ? { format: options.format } : {}),
  })
  if ('error' in outcome) {
    // An input over a limit gets that limit's own rule (import-html-depth-limit, …).
    if (outcome.limit) return failure(input, 'unreadable', limitDefinition(outcome.limit.key).ruleId, limitParams(outcome.limit), lang)
    return failure(input, 'unreadable', 'import-input-readable', { reason: outcome.error }, lang)
  }
  const year = outcome.recognized.meta.year
  let output = options.out
  if (!output) {
    if (!options.agencyId) {
      return failure(input, 'not-written', 'import-output-path', {
        reason: '请用 --agency-id 指定机关标识（小写字母、数字和连字符，如 ruzhou-wsjkw），或用 --out 指定输出文件',
        reasonEn: 'name the agency with --agency-id (lower-case letters, digits and hyphens, e.g. ruzhou-wsjkw) or the output file with --out',
      }, lang)
    }
    if (!year) {
      return failure(input, 'not-written', 'import-output-path', {
        reason: '原文中找不到报告年度，请用 --year 指定',
        reasonEn: 'the report year is not in the text; give it with --year',
      }, lang)
    }
    output = join(options.outDir ?? 'content', options.agencyId, `${year}.md`)
  }
  if (!options.force && (await exists(output))) {
    return failure(input, 'not-written', 'import-no-overwrite', { output }, lang)
  }
  await writeFileAtomic(output, outcome.text, { sync: true })
  const [file] = await validatePaths([output], { lang })
  if (file) emitImportReport(file, outcome.checks, outcome.notes)
  const errors = file?.messages.some((m) => m.fatal === true) ?? false
  return {
    input,
    status: outcome.checks.length > 0 || errors ? 'to-check' : 'imported',
    output,
    ...(file ? { file } : {}),
    checks: outcome.checks,
    notes: outcome.notes,
    format: outcome.recognized.format.id,
  }
}

/** Exit code over all inputs: 2 if any input could not be imported, else 1 if any has cells to check, else 0. */
export function exitCodeOf(results: RunResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.status === 'unreadable' || r.status === 'not-written')) return 2
  if (results.some((r) => r.status === 'to-check')) return 1
  return 0
}

export async function runImport(inputs: string[], options: RunOptions): Promise<{ results: RunResult[]; exitCode: 0 | 1 | 2 }> {
  const results: RunResult[] = []
  for (const input of inputs) results.push(await importOne(input, options))
  return { results, exitCode: exitCodeOf(results) }
}

/**
 * `nianbao import` without the command line: import each input, choose
 * the output path, refuse to overwrite without `force`, write atomically,
 * validate the result and attach the import report to it.
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { limitParams } from '../limit-messages.js'
import { limitDefinition } from '../limits.js'
import type { Lang } from '../diagnostics/types.js'
import { validatePaths } from '../pipeline.js'
import { VFile as File } from 'vfile'
import { emitImportReport } from './diagnostics.js'
import { agencyIdFor } from './agency-id.js'
import { importFile, type CheckItem, type Imported } from './index.js'
import { writeFileAtomic } from '../build/write-atomic.js'
import { exists } from './write-file.js'

export interface RunOptions {
  /** One agency id for every input; else `map`, else derived from each report's title (agency-id.ts). */
  agencyId?: string
  /** Agency name or file name → agency id (from `--map`). */
  map?: Map<string, string>
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
  /** Table cells: all, read with certainty, left to check (待核对). */
  cells?: { total: number; read: number; flagged: number }
  /** Validator errors on the written file, its 待核对 marks (import-reviewed) aside. */
  errors?: number
  /** Where the agency id came from. */
  agencyId?: { id: string; how: 'option' | 'map' | 'rule' }
  /** Wall time of the import itself (read, recognise, write, validate), ms. */
  ms?: number
}

export { AGENCY_ID } from '../source/agency-id.js'

function cellCounts(imported: Imported): { total: number; read: number; flagged: number } {
  let total = 0
  let read = 0
  let flagged = 0
  for (const table of imported.recognized.tables) {
    for (const row of table.rows) {
      for (const cell of row.cells.values()) {
        total++
        if (cell.reason) flagged++
        else if (cell.value !== null) read++
      }
    }
  }
  return { total, read, flagged }
}

function failure(input: string, status: RunStatus, ruleId: string, params: Record<string, string | number>, lang: Lang): RunResult {
  const file = new File({ path: input })
  file.data.lang = lang
  file.data.severities = {}
  emit(file, ruleId, { file: input, ...params }, undefined)
  return { input, status, message: file.messages[0]?.reason ?? '', file, checks: [], notes: [] }
}

/**
 * Import one input. Whatever goes wrong inside (a bug of ours, a stack
 * overflow on a pathological input) ends as this input's diagnostic: one
 * bad input never stops the others.
 */
export async function importOne(input: string, options: RunOptions): Promise<RunResult> {
  const start = performance.now()
  try {
    const result = await importOneUnguarded(input, options)
    return { ...result, ms: performance.now() - start }
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)
    return failure(input, 'unreadable', 'import-input-readable', { reason: `导入时出错（${reason}）；请将此文件报告给维护者` }, options.lang ?? 'zh')
  }
}

async function importOneUnguarded(input: string, options: RunOptions): Promise<RunResult> {
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
  let agencyId: RunResult['agencyId']
  if (!output) {
    const agency = outcome.recognized.meta.doubts.has('agency') ? undefined : outcome.recognized.meta.agency
    const found = options.agencyId ? { id: options.agencyId, how: 'option' as const } : await agencyIdFor(agency, input, options.map)
    if (!found) {
      const read = { format: outcome.recognized.format.id, cells: cellCounts(outcome) }
      return { ...read, ...failure(input, 'not-written', 'import-output-path', {
        reason: '原文标题中没有机关名称（或名称不以地名开头），无法得出机关标识；请用 --agency-id 指定（小写字母、数字和连字符，如 ruzhou-wsjkw）、用 --map 给出对照表，或用 --out 指定输出文件',
        reasonEn: 'the title names no agency (or one without a place name) to derive the agency id from; give it with --agency-id (lower-case letters, digits and hyphens, e.g. ruzhou-wsjkw), a --map file, or the output file with --out',
      }, lang) }
    }
    agencyId = found
    if (!year) {
      return failure(input, 'not-written', 'import-output-path', {
        reason: '原文中找不到报告年度，请用 --year 指定',
        reasonEn: 'the report year is not in the text; give it with --year',
      }, lang)
    }
    output = join(options.outDir ?? 'content', found.id, `${year}.md`)
  }
  if (!options.force && (await exists(output))) {
    return failure(input, 'not-written', 'import-no-overwrite', { output }, lang)
  }
  await writeFileAtomic(output, outcome.text, { sync: true })
  const [file] = await validatePaths([output], { lang })
  if (file) emitImportReport(file, outcome.checks, outcome.notes, outcome.infos)
  // The 待核对 marks are errors too (import-reviewed) but counted as cells to check, not here.
  const errors = file?.messages.filter((m) => m.fatal === true && m.ruleId !== 'import-reviewed').length ?? 0
  return {
    input,
    status: outcome.checks.length > 0 || errors > 0 ? 'to-check' : 'imported',
    output,
    ...(file ? { file } : {}),
    checks: outcome.checks,
    notes: outcome.notes,
    format: outcome.recognized.format.id,
    cells: cellCounts(outcome),
    errors,
    ...(agencyId ? { agencyId } : {}),
  }
}

/** Exit code over all inputs: 2 if any input could not be imported, else 1 if any has cells to check, else 0. */
export function exitCodeOf(results: RunResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.status === 'unreadable' || r.status === 'not-written')) return 2
  if (results.some((r) => r.status === 'to-check')) return 1
  return 0
}

/** Files the importer reads, in a folder and its subfolders. */
const IMPORTABLE = /\.(?:txt|text|html?|docx|pdf)$/i

/** Files and folders → the files to import, folders walked in name order; a path that is not there stays (and is reported). */
export async function collectInputs(paths: string[]): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string, depth: number) => {
    if (depth > 16) return
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path, depth + 1)
      else if (entry.isFile() && IMPORTABLE.test(entry.name)) out.push(path)
    }
  }
  for (const path of paths) {
    const kind = await stat(path).catch(() => undefined)
    if (kind?.isDirectory()) await walk(path, 0)
    else out.push(path)
  }
  return out
}

/** Import every input, each on its own: one that fails never stops the others. */
export async function runImport(inputs: string[], options: RunOptions): Promise<{ results: RunResult[]; exitCode: 0 | 1 | 2 }> {
  const results: RunResult[] = []
  for (const input of await collectInputs(inputs)) results.push(await importOne(input, options))
  return { results, exitCode: exitCodeOf(results) }
}

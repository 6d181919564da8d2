/**
 * The roll-up of many agencies: every report (source or bundle) is read,
 * validated and reduced to a record, agency by agency, in worker threads;
 * its cells are added to the sums of its year (and group) and dropped, so
 * memory holds only the records' figures, not the reports. A report with
 * errors, a bundle that fails verification, or two reports of one agency and
 * year are listed and never summed.
 */
import { availableParallelism } from 'node:os'
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { Lang } from '../diagnostics/types.js'
import { derivedFigures } from '../formats/derived.js'
import { formats } from '../formats/index.js'
import { InputError } from '../pipeline.js'
import { WorkerPool, workerModule } from '../build/pool.js'
import { reportIdentity } from '../validate/rules/unique-report.js'
import { CellSums, CountSums } from './accumulate.js'
import { readGroup, type GroupJob } from './read-group.js'
import type { ReportRecord } from './record.js'
import { listed } from '../diagnostics/listed.js'

/** Copies of one agency and year named in each one's problem. */
const SOURCES_SHOWN = 5

export type GroupBy = 'region' | 'level' | 'agency-prefix'
export const groupByValues: readonly GroupBy[] = ['region', 'level', 'agency-prefix']

export interface RollupOptions {
  /** Files or folders holding `<agency>/<year>.md` sources or `<agency>/<year>.zip` bundles. */
  paths: string[]
  by?: GroupBy
  /** The year summed (default: the latest year with a report). */
  year?: number
  /** Worker threads (default: one per core); 1 reads in-process. */
  jobs?: number
  lang?: Lang
  /**
   * Records already made from these very sources, by absolute path (a whole-tree build made
   * them while building: build/build-tree.ts). An agency whose every source is known is not
   * read again; the others are read as usual.
   */
  known?: ReadonlyMap<string, ReportRecord>
}

/** Sums of one year: all agencies, and per group when grouped. */
export interface YearSums {
  all: CellSums
  groups: Map<string, CellSums>
  counts: CountSums
  groupCounts: Map<string, CountSums>
}

export interface RollupData {
  year: number
  by: GroupBy | undefined
  /** Every record read (all years), sorted by agency id and year; cells already summed. */
  records: ReportRecord[]
  /** Sums per year. */
  years: Map<number, YearSums>
  /** Agencies with a report last year but none this year. */
  missing: ReportRecord[]
}

const REPORT_FILE = /^\d{4}\.(md|zip)$/
/** Agencies per worker job: big enough to keep messages few, small enough to spread. */
const BATCH = 16
/** Below this many agencies, worker start-up costs more than it saves. */
const POOL_THRESHOLD = 24

const countKeys = derivedFigures.filter((d) => d.kind !== 'rate').map((d) => d.key)

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'templates') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, out)
    else if (entry.isFile() && REPORT_FILE.test(entry.name)) out.push(path)
  }
}

/** Report sources and bundles under `paths`, grouped by agency folder and kind, in a stable order. */
export async function collectGroups(paths: string[], lang?: Lang): Promise<GroupJob[]> {
  const files: string[] = []
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (!info) throw new InputError(`路径不存在：${path}`, path)
    if (info.isDirectory()) await walk(path, files)
    else files.push(path)
  }
  const groups = new Map<string, GroupJob>()
  for (const file of [...new Set(files)].sort()) {
    const kind = file.endsWith('.zip') ? 'bundle' : 'source'
    const key = `${kind}\u0000${dirname(file)}`
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { kind, paths: [], ...(lang ? { lang } : {}) }))
    group.paths.push(file)
  }
  return [...groups.values()]
}

/** 县级 … from the format definition's own labels of `level`. */
const LEVELS: Record<string, string> = formats[0]!.meta.find((m) => m.key === 'level')?.valueLabels ?? {}

/** The group a record is summed in, for `--by`. */
export function groupOf(record: ReportRecord, by: GroupBy): string {
  if (by === 'region') return record.region ?? '（未填地区）'
  if (by === 'level') return record.level ? (LEVELS[record.level] ?? record.level) : '（未填层级）'
  return record.id.split(/[-_]/)[0] || record.id
}

const included = (r: ReportRecord): boolean => r.status === 'valid' || r.status === 'warnings'

type WorkerAnswer = { records: ReportRecord[] } | { failure: string }

/** Read, validate and sum every report under the paths. */
export async function runRollup(options: RollupOptions): Promise<RollupData> {
  const groups = await collectGroups(options.paths, options.lang)
  const years = new Map<number, YearSums>()
  const yearSums = (year: number): YearSums => {
    let sums = years.get(year)
    if (!sums) years.set(year, (sums = { all: new CellSums(), groups: new Map(), counts: new CountSums(), groupCounts: new Map() }))
    return sums
  }
  const apply = (record: ReportRecord, cells: NonNullable<ReportRecord['cells']>, sign: 1 | -1) => {
    const sums = yearSums(record.year)
    sums.all.add(cells, sign)
    sums.counts.add(record.derived, countKeys, sign)
    if (!options.by) return
    const name = groupOf(record, options.by)
    if (!sums.groups.has(name)) sums.groups.set(name, new CellSums())
    if (!sums.groupCounts.has(name)) sums.groupCounts.set(name, new CountSums())
    sums.groups.get(name)!.add(cells, sign)
    sums.groupCounts.get(name)!.add(record.derived, countKeys, sign)
  }

  const records: ReportRecord[] = []
  const seen = new Map<string, ReportRecord[]>()
  const summed = new Set<ReportRecord>()
  const take = (record: ReportRecord) => {
    const identity = record.agency ? reportIdentity(record.agency, record.year) : undefined
    const same = identity ? seen.get(identity) : undefined
    if (identity && !same) seen.set(identity, [record])
    else same?.push(record)
    if (!same && included(record) && record.cells) {
      apply(record, record.cells, 1)
      summed.add(record)
    }
    delete record.cells
    records.push(record)
  }

  const known = options.known
  const toRead: GroupJob[] = []
  for (const group of groups) {
    const records = known && group.kind === 'source' ? group.paths.map((p) => known.get(resolve(p))) : undefined
    // A copy that names the source as this run found it (take() removes the cells from what it is given).
    if (records?.every((r) => r !== undefined)) records.forEach((r, i) => take({ ...r!, source: group.paths[i]! }))
    else toRead.push(group)
  }

  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), Math.ceil(toRead.length / BATCH)))
  if (jobs > 1 && toRead.length >= POOL_THRESHOLD) {
    const pool = new WorkerPool<GroupJob[], WorkerAnswer>(workerModule('worker', import.meta.url), jobs)
    try {
      const batches: GroupJob[][] = []
      for (let i = 0; i < toRead.length; i += BATCH) batches.push(toRead.slice(i, i + BATCH))
      await Promise.all(
        batches.map(async (batch) => {
          const answer = await pool.run(batch)
          if ('failure' in answer) throw new Error(answer.failure)
          for (const record of answer.records) take(record)
        }),
      )
    } finally {
      await pool.close()
    }
  } else {
    for (const group of toRead) for (const record of await readGroup(group)) take(record)
  }

  // Two reports of one agency and year: neither is summed (the first to arrive was: take it out).
  for (const same of seen.values()) {
    if (same.length < 2) continue
    const sources = same.map((r) => r.source).sort()
    for (const record of same) {
      if (summed.has(record)) {
        const again = (await readGroup({ kind: record.kind, paths: [record.source], ...(options.lang ? { lang: options.lang } : {}) }))[0]
        if (again?.cells) apply(record, again.cells, -1)
      }
      record.status = 'errors'
      record.errors++
      record.problems.unshift(`同一机关同一年度有多份报告：${listed(sources, SOURCES_SHOWN, (n) => ` 等 ${n} 份`, '、')}（report-unique）`)
    }
  }

  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.year - b.year || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)))
  const withYear = records.filter((r) => r.year > 0)
  const year = options.year ?? Math.max(0, ...withYear.filter(included).map((r) => r.year), ...(withYear.some(included) ? [] : withYear.map((r) => r.year)))
  const present = new Set(records.filter((r) => r.year === year).map((r) => r.id))
  const missing = new Map<string, ReportRecord>()
  for (const r of records) if (r.year === year - 1 && !present.has(r.id) && !missing.has(r.id)) missing.set(r.id, r)
  return { year, by: options.by, records, years, missing: [...missing.values()] }
}

/** An agency's id from a report path: its folder name. */
export const agencyIdOf = (path: string): string => basename(dirname(path))

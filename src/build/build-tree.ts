/**
 * The whole-tree build (`nianbao build`, `npm start`): every report under
 * content/ to page, PDF and bundle, plus out/index.html. Parallel across
 * cores (worker threads), incremental (a content-hash cache under out/),
 * atomic (every file via write-atomic), and a report that now has errors
 * keeps its previous outputs, marked stale.
 */
import { availableParallelism } from 'node:os'
import type { Dirent } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { reportText } from '../diagnostics/report-text.js'
import type { Diagnostic, Lang, Severity } from '../diagnostics/types.js'
import { collectReportFiles, ignoredFileNotice, validatePaths } from '../pipeline.js'
import { diagnosticsOf } from '../diagnostics/emit.js'
import { identityOfRead, type IdentityMemo, type ReportIdentity } from '../source/identity.js'
import { SourceReads } from '../source/source-reads.js'
import { reportIdentity } from '../validate/rules/unique-report.js'
import type { BuildJob, BuildResult, ReportSummary } from './build-one.js'
import { checkOutputPlaces, conflictingPaths } from './conflicts.js'
import { fsErrorText, isFsError } from './fs-error.js'
import { isInsideOut } from './output-path.js'
import { agencyDir } from './report-paths.js'
import { buildTargets, type BuildTarget } from './targets.js'
import { InputHasher, yearOfPath } from './inputs-hash.js'
import { WorkerPool, workerModule } from './pool.js'
import { createProgress } from './progress.js'
import { RecordStore } from './record-store.js'
import { renderSiteIndex, type IndexEntry } from './site-index.js'
import { sweepTempFiles, TEMP_PATTERN, writeFileAtomic } from './write-atomic.js'

export const CACHE_NAME = '.nianbao-cache.json'
// 2: entries keep their diagnostics, so a skipped report still prints its warnings.
const CACHE_VERSION = 2

interface CacheEntry {
  key: string
  dir: string
  summary: ReportSummary
  /** Written files, relative to the output folder. */
  outputs: string[]
  warnings: number
  /** The report's diagnostics when it was built (warnings and infos: it had no errors). */
  diagnostics: Diagnostic[]
  /** The source has errors since these outputs were written. */
  stale: boolean
}

interface CacheFile {
  cacheVersion: number
  reports: Record<string, CacheEntry>
  /** Every source's agency and year by its text's SHA-256, under the nianbao code that read them. */
  identities?: { code: string; byHash: Record<string, ReportIdentity | null> }
}

export interface BuildTreeOptions {
  /** Folder searched for `<agency>/<year>.md` (default `content`). */
  root?: string
  outDir?: string
  /** Rebuild every report, ignoring the cache. */
  force?: boolean
  templates?: string
  targets?: BuildTarget[]
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
  /** `--pdf-a`: archival PDF/A-2b for every report. */
  pdfA?: boolean
  /** Worker threads (default: one per core). 1 builds in-process. */
  jobs?: number
  /** Heap (old generation) of each worker thread, in MB; a report that needs more is built in the main thread. */
  workerHeapMb?: number
  /** Progress bar instead of plain lines (default: stderr is a TTY). */
  tty?: boolean
  /** Colour in the diagnostics (default: stderr is a TTY). */
  color?: boolean
  stdout?: (text: string) => void
  stderr?: (text: string) => void
}

export interface TreeSummary {
  total: number
  built: number
  skipped: number
  failed: number
  /** Failed reports whose previous outputs remain. */
  stale: string[]
  /** Markdown files found but not read: not named `<year>.md` (each is a warning). */
  ignored: string[]
  /** Files that could not be written (read-only or full disk…): the build exits with code 2. */
  ioFailed: number
  /** Warnings and errors of every report, those skipped as unchanged included (from the cache). */
  warnings: number
  errors: number
  seconds: number
  /** Reports built (or failed) in this run. */
  results: BuildResult[]
  /** Diagnostics of every report in path order: built now, or skipped with the cached ones. */
  diagnostics: Diagnostic[]
}

/** Below this many reports to build, starting workers costs more than it saves. */
const POOL_THRESHOLD = 4

async function readCache(path: string): Promise<CacheFile> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as CacheFile
    if (data.cacheVersion === CACHE_VERSION && data.reports && typeof data.reports === 'object') return data
  } catch {
    // No cache or a damaged one: build everything.
  }
  return { cacheVersion: CACHE_VERSION, reports: {} }
}

const exists = (path: string) => stat(path).then(() => true, () => false)

/**
 * Young generation of each worker's heap, in MB. V8's default lets it grow to some 48 MB, where
 * rendering a report needs little: measured on the seeds with two workers, 12 MB takes about
 * 20 MB less per worker at no measurable CPU cost (objects of a render live for the whole report
 * or die young, both ways the same work).
 */
const WORKER_YOUNG_MB = 12

/**
 * Old generation of each worker's heap, in MB. Not a ceiling a report comes near (the seeds need
 * well under 100 MB) but a signal: V8 sizes a heap's growth by its maximum, and by default lets a
 * busy worker's heap swell far past what it keeps alive. Measured on 100 generated reports with
 * two workers (all outputs): peak RSS 643–656 MB by default, 402 MB with 768, 380 MB with 200–384,
 * for 8 % more CPU at 768 and 15–25 % below 400. A report that needs more is not lost: it is built
 * again in the main thread, which has no such cap.
 */
const WORKER_OLD_MB = 768

/** A worker stopped at its heap cap (`workerHeapMb`), as opposed to failing on the report. */
const outOfMemory = (error: unknown) => (error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'

/**
 * What every worker gets: the default font files in shared memory when PDFs are made (each worker
 * would read its own copy, some 40 MB; font-bytes.ts).
 */
async function workerData(targets: readonly BuildTarget[]): Promise<{ fontBytes?: Record<string, SharedArrayBuffer> }> {
  if (!targets.includes('pdf') && !targets.includes('bundle')) return {}
  const [{ defaultFontFiles }, { shareFontBytes }] = await Promise.all([import('../render/pdf/fonts.js'), import('../render/pdf/font-bytes.js')])
  return { fontBytes: shareFontBytes(Object.values(defaultFontFiles).flatMap((f) => [f.normal, f.bold])) }
}

function summaryLine(s: TreeSummary, lang: Lang): string {
  if (lang === 'en')
    return `built ${s.built}, skipped ${s.skipped} (unchanged), failed ${s.failed}${s.stale.length ? ` (${s.stale.length} stale: previous outputs kept)` : ''}, warnings ${s.warnings}, ${s.seconds.toFixed(1)} s\n`
  return `已生成 ${s.built} 份，跳过 ${s.skipped} 份（未改动），失败 ${s.failed} 份${s.stale.length ? `（${s.stale.length} 份保留上次的输出，已过期）` : ''}，警告 ${s.warnings} 个，用时 ${s.seconds.toFixed(1)} 秒\n`
}

/**
 * Reports that may clash with another (one report twice, or one output place), found by a
 * quick read of every front matter: validated together, and those that do clash are not built.
 */
async function clashing(paths: string[], outDir: string, options: BuildTreeOptions): Promise<Map<string, BuildResult>> {
  const blocked = new Map<string, BuildResult>()
  if (paths.length === 0) return blocked
  const started = performance.now()
  const files = await validatePaths(paths.sort(), {
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.severities ? { severities: options.severities } : {}),
  })
  const { unbuiltResult } = await import('./build-one.js')
  for (const file of checkOutputPlaces(files, outDir)) blocked.set(file.path, unbuiltResult(file, started))
  return blocked
}

export async function buildTree(options: BuildTreeOptions = {}): Promise<TreeSummary> {
  const started = performance.now()
  const root = options.root ?? 'content'
  const outDir = options.outDir ?? 'out'
  const lang = options.lang ?? 'zh'
  const targets = options.targets ?? [...buildTargets]
  const stdout = options.stdout ?? ((t: string) => void process.stdout.write(t))
  const stderr = options.stderr ?? ((t: string) => void process.stderr.write(t))
  const cachePath = join(outDir, CACHE_NAME)

  await sweepTempFiles(outDir, false)
  const ignored: string[] = []
  const files = await collectReportFiles([root], undefined, ignored)
  const notices = ignored.map((path) => ignoredFileNotice(path, { lang, ...(options.severities ? { severities: options.severities } : {}) }))
  const cache = await readCache(cachePath)
  const hasher = new InputHasher({
    targets,
    lang,
    ...(options.templates ? { templates: resolve(options.templates) } : {}),
    ...(options.severities ? { severities: options.severities } : {}),
    ...(options.pdfA ? { pdfA: true } : {}),
  })
  // Two files that are one report (a copy), or that would be written to one place, are not built.
  // Each file's agency and year are kept by its text's hash, for the same nianbao code.
  const code = await hasher.codeHash()
  const memo: IdentityMemo = { known: cache.identities?.code === code ? cache.identities.byHash : {}, seen: {} }
  const sources = new SourceReads()
  const identities = files.map((path) => identityOfRead(sources.read(path), memo))
  cache.identities = { code, byHash: memo.seen }
  const conflicted = await clashing([...conflictingPaths(files.map((path, i) => ({ path, ...identities[i] })), outDir)], outDir, options)
  const keys = await Promise.all(files.map((f) => hasher.key(f, yearOfPath(f), sources)))
  sources.releaseBytes()

  // Each output folder is listed once, for whether a skipped report's outputs are all there and for
  // the sweep below: a thousand reports' ten outputs each were ten thousand stat calls.
  const listings = new Map<string, Promise<Map<string, Dirent> | undefined>>()
  const listing = (dir: string) => {
    let names = listings.get(dir)
    if (!names) listings.set(dir, (names = readdir(dir, { withFileTypes: true }).then((entries) => new Map(entries.map((e) => [e.name, e])), () => undefined)))
    return names
  }
  const outputThere = async (path: string) => {
    const entry = (await listing(dirname(path)))?.get(basename(path))
    // A link is there if what it leads to is.
    return entry !== undefined && (!entry.isSymbolicLink() || (await exists(path)))
  }
  const fresh = await Promise.all(
    files.map(async (path, i) => {
      const entry = cache.reports[relative(root, path)]
      if (conflicted.has(path)) return true // handled below, never built
      if (options.force || !entry || keys[i] === undefined || entry.key !== keys[i] || entry.stale) return false
      return (await Promise.all(entry.outputs.map((o) => outputThere(join(outDir, o))))).every(Boolean)
    }),
  )
  const todo = files.flatMap((path, i) => (fresh[i] ? [] : [{ path, rel: relative(root, path), key: keys[i] }]))
  const skipped = files.length - todo.length - conflicted.size
  // Leftovers of a killed build, in every folder this build writes (not only those of reports
  // it rebuilds: a report skipped as unchanged may have been mid-rebuild when the build was killed).
  const folders = new Set<string>()
  files.forEach((path, i) => {
    const agency = join(outDir, agencyDir(path))
    folders.add(agency)
    for (const year of [identities[i]?.year, yearOfPath(path)]) if (year) folders.add(join(agency, String(year)))
  })
  for (const entry of Object.values(cache.reports)) for (const output of entry.outputs) folders.add(dirname(join(outDir, output)))
  // Never through a link that leads out of the output folder; resolving links is only worth it in
  // a folder that has leftovers (two thousand real paths were a fifth of a no-op build).
  await Promise.all(
    [...folders].map(async (dir) => {
      const entries = [...((await listing(dir))?.values() ?? [])]
      if (!entries.some((e) => TEMP_PATTERN.test(e.name))) return 0
      return (await isInsideOut(outDir, join(dir, '.sweep'))) ? sweepTempFiles(dir, false, entries) : 0
    }),
  )

  // The supervisor pages reuse each report's roll-up record, made as `nianbao rollup` makes it:
  // with default rule severities only (build/record-store.ts).
  const reuse = !options.severities || Object.keys(options.severities).length === 0
  const records = new RecordStore(outDir)
  const job = (path: string): BuildJob => ({
    path,
    ...(reuse ? { record: true } : {}),
    outDir,
    targets,
    ...(options.templates ? { templates: options.templates } : {}),
    lang,
    ...(options.severities ? { severities: options.severities } : {}),
    ...(options.pdfA ? { pdfA: true } : {}),
  })
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), todo.length))
  const pooled = jobs > 1 && todo.length >= POOL_THRESHOLD
  const pool = pooled
    ? new WorkerPool<BuildJob, BuildResult>(workerModule('build-worker', import.meta.url), jobs, { workerData: await workerData(targets), resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, maxOldGenerationSizeMb: options.workerHeapMb ?? WORKER_OLD_MB } }) : undefined
  const progress = createProgress(todo.length + conflicted.size, { tty: options.tty ?? process.stderr.isTTY === true, lang, write: stdout })
  const results: BuildResult[] = [...conflicted.values()]
  for (const result of results) {
    const previous = cache.reports[relative(root, result.path)]
    if (previous) previous.stale = true
    progress.tick(result.path, lang === 'en' ? 'FAILED' : '失败')
  }
  const failedResult = (path: string, error: unknown): BuildResult => ({
    path,
    built: false,
    errors: 0,
    warnings: 0,
    diagnostics: [],
    outputs: [],
    failure: error instanceof Error ? error.message : String(error),
    ms: 0,
  })
  try {
    // In-process, one report at a time: interleaving PDF renders only adds memory, not speed.
    // The renderers load only when there is something to build (a no-op build stays light).
    let chain: Promise<unknown> = Promise.resolve()
    let buildOne: typeof import('./build-one.js').buildOne | undefined
    const loadBuildOne = async () => {
      if (buildOne) return buildOne
      buildOne = (await import('./build-one.js')).buildOne
      // A long-lived process (library use) must see templates edited since its last build.
      ;(await import('../render/merge.js')).clearTemplateCache()
      return buildOne
    }
    if (!pool && todo.length > 0) await loadBuildOne()
    const runInProcess = (path: string) => {
      const run = chain.then(async () => (await loadBuildOne())(job(path)))
      chain = run.then(() => undefined)
      return run
    }
    const runPooled = (path: string) =>
      pool!.run(job(path)).catch((e: unknown) => (outOfMemory(e) ? runInProcess(path) : failedResult(path, e)))
    await Promise.all(
      todo.map(async ({ path, rel, key }) => {
        const result = pool ? await runPooled(path) : await runInProcess(path)
        if (result.record && key) await records.add(rel, key, result.record)
        delete result.record
        results.push(result)
        const previous = cache.reports[rel]
        if (result.built && result.summary && key) {
          cache.reports[rel] = {
            key,
            dir: agencyDir(path),
            summary: result.summary,
            outputs: result.outputs.map((o) => relative(outDir, o.path)).sort(),
            warnings: result.warnings,
            diagnostics: result.diagnostics,
            stale: false,
          }
        } else if (previous) previous.stale = true
        const status = result.built ? (lang === 'en' ? 'built' : '已生成') : lang === 'en' ? 'FAILED' : '失败'
        progress.tick(path, status)
      }),
    )
  } finally {
    progress.stop()
    await pool?.close()
  }

  // Reports whose source is gone leave the index (their old files stay untouched).
  const present = new Set(files.map((f) => relative(root, f)))
  for (const rel of Object.keys(cache.reports)) if (!present.has(rel)) delete cache.reports[rel]

  const entries: IndexEntry[] = []
  // One line per agency and year, and per output place, whatever an older cache holds.
  const listed = new Set<string>()
  for (const rel of Object.keys(cache.reports).sort()) {
    const e = cache.reports[rel]!
    const keys = [reportIdentity(e.summary.agency, e.summary.year), `${e.dir}/${e.summary.year}`]
    if (keys.some((k) => k !== undefined && listed.has(k))) continue
    for (const k of keys) if (k !== undefined) listed.add(k)
    const find = (suffix: string) => e.outputs.find((o) => o.endsWith(suffix))
    const html = find('/index.html')
    const pdf = find('/report.pdf')
    const docx = find('/report.docx')
    const bundle = find('.zip')
    entries.push({
      dir: e.dir,
      year: e.summary.year,
      agency: e.summary.agency,
      formatDocument: e.summary.formatDocument,
      figures: e.summary.figures,
      links: { ...(html ? { html } : {}), ...(pdf ? { pdf } : {}), ...(docx ? { docx } : {}), ...(bundle ? { bundle } : {}) },
      ...(bundle && e.summary.bundleSha256 ? { bundleSha256: e.summary.bundleSha256 } : {}),
      stale: e.stale,
    })
  }
  // A read-only or full disk is said plainly (exit code 2), never as an internal error.
  let ioFailed = results.filter((r) => r.failureKind === 'io').length
  const write = async (path: string, text: string) => {
    try {
      await writeFileAtomic(path, text)
    } catch (error) {
      if (!isFsError(error)) throw error
      ioFailed++
      stderr(`nianbao: ${fsErrorText(error, lang)}\n`)
    }
  }
  await write(cachePath, JSON.stringify(cache, null, 2) + '\n')
  // The region's dashboard, with the roll-up and the dataset (src/dashboard/build-pages.ts); if
  // that fails (a bug), the plain index still lists every report.
  try {
    const { writeSupervisorPages } = await import('../dashboard/build-pages.js')
    const reports = Object.values(cache.reports)
    await writeSupervisorPages({
      root,
      outDir,
      entries,
      outputs: new Map(reports.map((e) => [`${e.dir}/${e.summary.year}`, e.outputs])),
      keys: reports.map((e) => `${e.key}${e.stale ? ' stale' : ''}`),
      datasetDigests: new Map(reports.flatMap((e) => (e.summary.datasetDigest ? [[`${e.dir}/${e.summary.year}`, e.summary.datasetDigest] as const] : []))),
      shared: await hasher.shared(),
      pdf: targets.includes('pdf'),
      ...(options.jobs ? { jobs: options.jobs } : {}),
      lang,
      ...(reuse ? { records: () => records.known(files.map((path, i) => ({ path, rel: relative(root, path), key: keys[i] }))) } : {}),
    })
  } catch (error) {
    if (isFsError(error)) {
      ioFailed++
      stderr(`nianbao: ${fsErrorText(error, lang)}\n`)
    } else {
      stderr(`nianbao: ${lang === 'en' ? 'the overview pages were not written' : '汇总页未能生成'}：${error instanceof Error ? error.message : String(error)}\n`)
      await write(join(outDir, 'index.html'), renderSiteIndex(entries))
    }
  }

  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  // A skipped report's warnings still stand: print them from the cache, in path order with the rest.
  const builtNow = new Map(results.map((r) => [r.path, r]))
  const diagnostics = [
    ...files.flatMap((path) => builtNow.get(path)?.diagnostics ?? cache.reports[relative(root, path)]?.diagnostics ?? []),
    ...notices.flatMap((f) => diagnosticsOf(f)),
  ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  if (diagnostics.length > 0) stderr(reportText(diagnostics, { lang, color: options.color ?? process.stderr.isTTY === true }))
  for (const r of results) if (r.failure) stderr(`nianbao: ${r.path}: ${r.failure}\n`)

  const failed = results.filter((r) => !r.built)
  const summary: TreeSummary = {
    total: files.length,
    built: results.length - failed.length,
    skipped,
    failed: failed.length,
    stale: failed.filter((r) => cache.reports[relative(root, r.path)]?.stale).map((r) => r.path),
    ignored,
    ioFailed,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    seconds: (performance.now() - started) / 1000,
    results,
    diagnostics,
  }
  for (const path of summary.stale) stdout(lang === 'en' ? `stale: ${path} (previous outputs kept)\n` : `已过期：${path}（有错误，保留上次的输出）\n`)
  stdout(summaryLine(summary, lang))
  return summary
}

/**
 * `npm run bench`: 1,000 varied valid reports generated from the format
 * definitions (in a temporary folder), then validate, HTML and PDF in one
 * process, and whole-tree builds (cold, no-op, one change) in a child
 * process as `npm start` runs them. Prints each figure beside its target
 * and writes out/bench.json. Nothing here is asserted.
 *
 *   npm run bench [-- N]
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { writeFileAtomic } from '../src/build/write-atomic.js'
import { createBundle } from '../src/bundle/zip.js'
import { hasErrors } from '../src/diagnostics/emit.js'
import { validatePaths } from '../src/pipeline.js'
import { loadReport } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'
import type { VFile } from 'vfile'
import { renderHtml } from '../src/render/html.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { generateReports } from './generate.js'
import { benchLoop, loopRows } from './loop.js'
import { benchNarrative } from './narrative.js'

const count = Number(process.argv[2] ?? process.env.BENCH_REPORTS ?? 1000)
const repo = join(import.meta.dirname, '..')
const log = (text: string) => process.stdout.write(text)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : 0
}

interface ChildBuild {
  seconds: number
  rssMb: number
  /** CPU time of the whole process, worker threads included. */
  cpuSeconds: number
  built: number
  skipped: number
  failed: number
  reportSeconds: number
}

/**
 * One whole-tree build in a fresh plain-Node process running the compiled code, as `npm start`
 * does. It reports its peak RSS (worker threads included) and the time spent inside the reports it
 * built; `seconds` is the whole wall time, process start included, as a user waits for it.
 */
const childScript = (snapshot: string) => `
import { buildTree } from ${JSON.stringify(pathToFileURL(join(snapshot, 'dist', 'build', 'build-tree.js')).href)}
const summary = await buildTree({ root: 'content', outDir: 'out', stdout: () => {}, stderr: () => {}, tty: false })
process.stdout.write(JSON.stringify({
  rssMb: process.resourceUsage().maxRSS / 1024,
  cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6,
  built: summary.built, skipped: summary.skipped, failed: summary.failed,
  reportSeconds: summary.results.reduce((n, r) => n + r.ms, 0) / 1000,
}) + '\\n')
`

function childBuild(project: string): ChildBuild {
  const started = performance.now()
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', childScript(join(project, 'nianbao'))], { cwd: project, encoding: 'utf8', maxBuffer: 1 << 24 })
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as ChildBuild
  return { ...result, seconds: (performance.now() - started) / 1000 }
}

const project = await mkdtemp(join(tmpdir(), 'nianbao-bench-'))
try {
  log(`bench: generating ${count} reports in ${project}\n`)
  await generateReports(join(project, 'content'), count)
  // The builds run a snapshot of the compiled code: a rebuild of dist/ in the working tree
  // meanwhile (its hash is part of every cache key) must not turn the no-op build into a full one.
  const snapshot = join(project, 'nianbao')
  await cp(join(repo, 'dist'), join(snapshot, 'dist'), { recursive: true })
  await cp(join(repo, 'templates'), join(snapshot, 'templates'), { recursive: true })
  await cp(join(repo, 'package.json'), join(snapshot, 'package.json'))
  await symlink(join(repo, 'node_modules'), join(snapshot, 'node_modules'), 'dir')

  let start = performance.now()
  let files: VFile[] | undefined = await validatePaths([join(project, 'content')])
  const validateMs = (performance.now() - start) / files.length
  const invalid = files.filter((f) => hasErrors(f)).length
  const paths = files.map((f) => f.path)
  log(`validate: ${validateMs.toFixed(2)} ms per report (${invalid} with errors)\n`)
  // The render batch holds one report at a time, as a build does, so its RSS is the renderer's own.
  files = undefined

  // HTML and PDF in one process (templates compiled once, fonts parsed once); the first
  // PDF (font loading) is timed apart, not amortised away.
  let htmlTotal = 0
  let pdfTotal = 0
  let bundleMs = 0
  let firstPdfMs = 0
  let renderRss = 0
  const sizes: number[] = []
  for (const [i, path] of paths.entries()) {
    const file = await loadReport(path)
    validateReport(file)
    let t = performance.now()
    const html = await renderHtml(file)
    htmlTotal += performance.now() - t
    if (!html) continue
    t = performance.now()
    const pdf = await renderPdf(html, file)
    if (i === 0) firstPdfMs = performance.now() - t
    else pdfTotal += performance.now() - t
    if (!pdf) continue
    sizes.push(pdf.length)
    if (i % 10 === 0) {
      t = performance.now()
      createBundle({ file, source: await readFile(path), html, pdf })
      bundleMs += performance.now() - t
    }
    if (i % 20 === 0) renderRss = Math.max(renderRss, process.memoryUsage().rss / 1048576)
  }
  const ownHtmlMs = htmlTotal / paths.length
  let pdfMs = pdfTotal / Math.max(1, paths.length - 1)
  const ownPdfMs = pdfMs
  // The HTML and PDF benches, when they are there, measure their own batches.
  let htmlMs = ownHtmlMs
  if (existsSync(join(repo, 'bench', 'html.ts'))) {
    const { benchHtml } = (await import('./html.js')) as { benchHtml: (n: number) => Promise<{ msPerReport: number }> }
    htmlMs = (await benchHtml(count)).msPerReport
  }
  if (existsSync(join(repo, 'bench', 'pdf.ts'))) {
    const { benchPdf } = (await import('./pdf.js' as string)) as { benchPdf?: (n: number) => Promise<{ msPerReport?: unknown }> }
    const measured = benchPdf ? (await benchPdf(count)).msPerReport : undefined
    if (typeof measured === 'number') pdfMs = measured
  }
  // Import (its own bench: per-document import_ms, the CLI on one file, hostile inputs).
  if (existsSync(join(repo, 'bench', 'import.ts'))) {
    const { benchImport } = (await import('./import.js')) as { benchImport: (rounds: number, log: (line: string) => void) => Promise<unknown> }
    await benchImport(3, log)
  }
  const pdfKb = median(sizes) / 1024
  const bundleMsPer = bundleMs / Math.max(1, Math.ceil(paths.length / 10))
  log(`html: ${htmlMs.toFixed(2)} ms per report (these reports: ${ownHtmlMs.toFixed(2)} ms)\n`)
  log(
    `pdf: ${pdfMs.toFixed(1)} ms per report (these reports: ${ownPdfMs.toFixed(1)} ms; first ${firstPdfMs.toFixed(0)} ms with font loading), median ${pdfKb.toFixed(0)} KB; ` +
      `bundle (zip + data) ${bundleMsPer.toFixed(1)} ms per report; render RSS ${renderRss.toFixed(0)} MB\n`,
  )

  const changed = paths[Math.floor(paths.length / 2)]!

  log('build: cold (all outputs, all reports) …\n')
  const cold = childBuild(project)
  log(`build: cold ${cold.seconds.toFixed(1)} s (${cold.built} built, ${cold.failed} failed), peak RSS ${cold.rssMb.toFixed(0)} MB\n`)
  const noop = childBuild(project)
  log(`build: no-op ${noop.seconds.toFixed(2)} s (${noop.skipped} skipped)\n`)
  await writeFile(changed, (await readFile(changed, 'utf8')) + '\n本年度另有补充说明。\n')
  const one = childBuild(project)
  // The changed report and the next year's (its cross-year checks read this one) are rebuilt.
  log(`build: one change ${one.seconds.toFixed(2)} s (${one.built} built, ${one.skipped} skipped; ${one.reportSeconds.toFixed(2)} s inside those reports)\n`)
  // The edit loop: one-report validate and the README's npm start, whole processes (bench/loop.ts).
  const loop = await benchLoop(9, log)

  // The language server: didChange → publishDiagnostics on a real report (bench/lsp.ts).
  const lsp = await (await import('./lsp.js')).benchLsp()
  log(`lsp: ${lsp.medianMs.toFixed(1)} ms median, p90 ${lsp.p90Ms.toFixed(1)} ms, server CPU ${lsp.serverCpuMsPerEdit?.toFixed(1) ?? '?'} ms per edit\n`)

  const result = {
    lsp_diagnostics_ms: Number(lsp.medianMs.toFixed(1)),
    validate_ms_per_report: Number(validateMs.toFixed(3)),
    html_ms_per_report: Number(htmlMs.toFixed(3)),
    pdf_ms_per_report: Number(pdfMs.toFixed(2)),
    pdf_kb_median: Number(pdfKb.toFixed(1)),
    cold_build_s: Number(cold.seconds.toFixed(2)),
    cold_build_cpu_ms_per_report: Math.round((cold.cpuSeconds * 1000) / Math.max(1, cold.built)),
    noop_rebuild_s: Number(noop.seconds.toFixed(3)),
    one_change_rebuild_s: Number(one.seconds.toFixed(3)),
    // The target is the build's, all cores busy; one thread rendering every report in turn is its own row.
    peak_rss_mb: Math.round(cold.rssMb),
    render_rss_mb: Math.round(renderRss),
    reports: paths.length,
    ...loop,
    // Outputs (issue 13): cold CLI, Word, long runs — bench/outputs.ts.
    ...(await import('./outputs.js').then((m) => m.benchOutputs())),
    // The narrative checker on its labelled corpus (bench/narrative.ts).
    ...benchNarrative(false, log),
  }
  const rows: [string, string, string][] = [
    ['validate_ms_per_report', `${result.validate_ms_per_report}`, '< 5 (5 s per 1,000)'],
    ['html_ms_per_report', `${result.html_ms_per_report}`, '< 5'],
    ['pdf_ms_per_report', `${result.pdf_ms_per_report}`, '≤ 30 (in a batch)'],
    ['pdf_kb_median', `${result.pdf_kb_median}`, '< 200'],
    ['cold_build_s', `${result.cold_build_s} (CPU ${result.cold_build_cpu_ms_per_report} ms a report)`, '≤ 30 (1,000 reports, every output)'],
    ['noop_rebuild_s', `${result.noop_rebuild_s}`, '< 2'],
    ['one_change_rebuild_s', `${result.one_change_rebuild_s}`, `< 1 + render (render here: ${one.reportSeconds.toFixed(2)} s for ${one.built} report(s) in a fresh process)`],
    ['peak_rss_mb', `${result.peak_rss_mb} (the cold build, worker threads included)`, '≤ 400 (all cores busy)'],
    ['render_rss_mb', `${result.render_rss_mb} (one thread rendering every report in turn, in this process)`, '— (moves with when V8 collects)'],
    ...(await import('./outputs.js').then((m) => m.outputRows(result))),
    ['reports', `${result.reports}`, '1000'],
    ...loopRows(loop),
    ['narrative_precision', `${result.narrative_precision}`, '≥ 0.98'],
    ['narrative_recall', `${result.narrative_recall}`, '≥ 0.95'],
    ['narrative_agree_recall', `${result.narrative_agree_recall} (${result.narrative_sentences} sentences)`, 'share of agreeing sentences `bind` can rewrite'],
    ['lsp_diagnostics_ms', `${result.lsp_diagnostics_ms} (p90 ${lsp.p90Ms.toFixed(1)}, server CPU ${lsp.serverCpuMsPerEdit?.toFixed(1) ?? '?'} per edit)`, '≤ 100'],
  ]
  // preview_update_ms: save → page updated in Chromium (bench/preview.ts).
  const { benchPreview } = await import('./preview.js')
  const preview = await benchPreview()
  if (preview) {
    Object.assign(result, { preview_update_ms: preview.updateMs })
    rows.push(['preview_update_ms', `${preview.updateMs} (median of ${preview.saves}; server ${preview.serverMs} ms)`, '≤ 300'])
  }
  // The supervisor's roll-up, bundles and comparison charts (bench/supervisor.ts).
  const { benchSupervisor } = await import('./supervisor.js')
  const supervisor = await benchSupervisor(log)
  Object.assign(result, supervisor.result)
  rows.push(...supervisor.rows)
  const width = Math.max(...rows.map((r) => r[0].length))
  const valueWidth = Math.max(...rows.map((r) => r[1].length))
  log('\n' + rows.map(([k, v, t]) => `${k.padEnd(width)}  ${v.padEnd(valueWidth)}  target ${t}`).join('\n') + '\n')
  await writeFileAtomic(join(repo, 'out', 'bench.json'), JSON.stringify(result, null, 2) + '\n')
  log('wrote out/bench.json\n')
  // The input limits: hostile inputs and the costliest files within the limits (bench/limits.ts).
  execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'bench', 'limits.ts')], { stdio: 'inherit' })
} finally {
  await rm(project, { recursive: true, force: true })
}

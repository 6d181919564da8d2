/**
 * The supervisor's figures (called from bench/run.ts, or alone:
 * `node --import tsx bench/supervisor.ts`):
 *   rollup_10k_s        roll-up of 10,000 generated reports from sources (target ≤ 15 s)
 *   rollup_bundles_1k_s roll-up of 1,000 bundles, each verified first
 *   peak RSS at 1k and 10k (each roll-up in a fresh process: memory stays flat)
 *   compare_ms          chart rendering per comparison page (target ≤ 50 ms)
 * Wall time and CPU time (user + system, all threads) are printed, with the
 * load average, since the machine is shared.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createBundle } from '../src/bundle/zip.js'
import { changeChart, outcomesChart } from '../src/charts/charts.js'
import { validatePaths } from '../src/pipeline.js'
import { generateReports } from './generate.js'

const repo = join(import.meta.dirname, '..')

export interface SupervisorBench {
  rows: [string, string, string][]
  result: Record<string, number>
}

interface ChildRollup {
  seconds: number
  cpuSeconds: number
  rssMb: number
  reports: number
}

/** One roll-up in a fresh process running the compiled code, as `nianbao rollup` does (HTML and CSV; no PDF). */
function childRollup(path: string): ChildRollup {
  const script = `
import { runRollup } from ${JSON.stringify(pathToFileURL(join(repo, 'dist', 'rollup', 'run.js')).href)}
import { summarize } from ${JSON.stringify(pathToFileURL(join(repo, 'dist', 'rollup', 'summary.js')).href)}
import { writeRollup } from ${JSON.stringify(pathToFileURL(join(repo, 'dist', 'rollup', 'write.js')).href)}
const started = performance.now()
const data = await runRollup({ paths: [${JSON.stringify(path)}] })
await writeRollup(data, summarize(data), { outDir: ${JSON.stringify(join(path, '..', 'rollup-out'))}, targets: ['html', 'csv'] })
const usage = process.resourceUsage()
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rssMb: usage.maxRSS / 1024, reports: data.records.length }) + '\\n')
`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 24 })
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildRollup
}

async function writeReports(dir: string, count: number): Promise<void> {
  for (const r of await generateReports(dir, count)) {
    await mkdir(dirname(r.path), { recursive: true })
    await writeFile(r.path, r.text)
  }
}

/** Bundles of `count` generated reports (a small stand-in PDF: the PDF's own cost is in pdf_ms). */
async function writeBundles(sources: string, bundles: string, count: number): Promise<void> {
  await writeReports(sources, count)
  const pdf = new Uint8Array(120 * 1024).fill(32)
  pdf.set(new TextEncoder().encode('%PDF-1.7\n'))
  for (const file of await validatePaths([sources])) {
    const bundle = createBundle({ file, source: await readFile(file.path), html: '<!DOCTYPE html><p>报告</p>', pdf })
    if (!bundle) continue
    const target = join(bundles, file.path.slice(sources.length + 1).replace(/\.md$/, '.zip'))
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, bundle.zip)
  }
}

function chartMs(): { wallMs: number; cpuMs: number } {
  const years = [
    { year: 2023, counts: { granted: 12, partially_granted: 3, refused: 2, unable: 5, not_processed: 1, other_handling: 2 } },
    { year: 2024, counts: { granted: 15, partially_granted: 2, refused: 1, unable: 7, not_processed: 0, other_handling: 4 } },
  ]
  const pair = { older: 2023, newer: 2024, before: { received: 25, handled: 25, disclosed: 15 }, after: { received: 29, handled: 29, disclosed: 17 } }
  // Warm-up: module loading and the first layout are not per page.
  outcomesChart(years, 'w')
  changeChart(pair, 'w')
  const n = 40
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < n; i++) {
    outcomesChart(years, `o${i}`)
    changeChart(pair, `c${i}`)
  }
  const used = process.cpuUsage(cpu)
  return { wallMs: (performance.now() - started) / n, cpuMs: (used.user + used.system) / 1000 / n }
}

export async function benchSupervisor(log: (t: string) => void = (t) => void process.stdout.write(t)): Promise<SupervisorBench> {
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-bench-supervisor-'))
  try {
    const load = loadavg().map((l) => l.toFixed(1)).join(' ')
    log(`supervisor: generating 1,000 and 10,000 reports, 1,000 bundles (load average ${load})\n`)
    await writeReports(join(dir, 'k1', 'content'), 1000)
    await writeReports(join(dir, 'k10', 'content'), 10_000)
    await writeBundles(join(dir, 'b1', 'content'), join(dir, 'b1', 'out'), 1000)
    const k1 = childRollup(join(dir, 'k1', 'content'))
    log(`rollup 1k: ${k1.seconds.toFixed(1)} s (CPU ${k1.cpuSeconds.toFixed(1)} s), peak RSS ${k1.rssMb.toFixed(0)} MB\n`)
    const k10 = childRollup(join(dir, 'k10', 'content'))
    log(`rollup 10k: ${k10.seconds.toFixed(1)} s (CPU ${k10.cpuSeconds.toFixed(1)} s), peak RSS ${k10.rssMb.toFixed(0)} MB\n`)
    const b1 = childRollup(join(dir, 'b1', 'out'))
    log(`rollup bundles 1k: ${b1.seconds.toFixed(1)} s (CPU ${b1.cpuSeconds.toFixed(1)} s), peak RSS ${b1.rssMb.toFixed(0)} MB\n`)
    const charts = chartMs()
    const after = loadavg().map((l) => l.toFixed(1)).join(' ')
    const result = {
      rollup_10k_s: Number(k10.seconds.toFixed(2)),
      rollup_10k_cpu_s: Number(k10.cpuSeconds.toFixed(2)),
      rollup_bundles_1k_s: Number(b1.seconds.toFixed(2)),
      rollup_bundles_1k_cpu_s: Number(b1.cpuSeconds.toFixed(2)),
      rollup_rss_1k_mb: Math.round(k1.rssMb),
      rollup_rss_10k_mb: Math.round(k10.rssMb),
      compare_ms: Number(charts.wallMs.toFixed(1)),
      compare_cpu_ms: Number(charts.cpuMs.toFixed(1)),
    }
    const rows: [string, string, string][] = [
      ['rollup_10k_s', `${result.rollup_10k_s} (CPU ${result.rollup_10k_cpu_s} s, ${k10.reports} reports; load ${load} → ${after})`, '≤ 15'],
      ['rollup_bundles_1k_s', `${result.rollup_bundles_1k_s} (CPU ${result.rollup_bundles_1k_cpu_s} s)`, '—'],
      ['rollup_rss_mb', `1k ${result.rollup_rss_1k_mb}, 10k ${result.rollup_rss_10k_mb}`, 'flat'],
      ['compare_ms', `${result.compare_ms} (CPU ${result.compare_cpu_ms} ms, two charts)`, '≤ 50'],
    ]
    return { rows, result }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await benchSupervisor()
  for (const [k, v, t] of rows) process.stdout.write(`${k}  ${v}  target ${t}\n`)
}

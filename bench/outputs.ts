/**
 * Figures of the outputs (issue 13): one report to PDF from a cold process
 * (`nianbao build one.md --to pdf`, whole process), the Word file per
 * report, and long runs (issues 14.9, 15.6). Wall time and, where
 * /usr/bin/time exists, CPU time (steadier on a shared machine).
 *
 *   node --import tsx bench/outputs.ts
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validatePaths } from '../src/pipeline.js'
import { unzipSync } from 'fflate'
import { renderDocx } from '../src/render/docx/index.js'
import { renderHtml } from '../src/render/html.js'
import { comparisonHtml, comparisonTitle } from '../src/compare/compare-html.js'
import { compareReports } from '../src/compare/compare-model.js'
import { renderPagePdf } from '../src/compare/page-pdf.js'
import { benchLongRuns } from './long-runs.js'

const repo = join(import.meta.dirname, '..')

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0

/** `nianbao build <seed> --to pdf` in a fresh process, `runs` times: median wall and CPU ms. */
export function benchCliPdfCold(runs = 5): { wallMs: number; cpuMs: number | undefined } {
  const out = mkdtempSync(join(tmpdir(), 'nianbao-cold-'))
  const timeTool = existsSync('/usr/bin/time')
  const walls: number[] = []
  const cpus: number[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const args = [join(repo, 'bin', 'nianbao.js'), 'build', join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), '--to', 'pdf', '--out', out]
      const start = performance.now()
      const run = timeTool
        ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, ...args], { encoding: 'utf8' })
        : spawnSync(process.execPath, args, { encoding: 'utf8' })
      walls.push(performance.now() - start)
      if (run.status !== 0) throw new Error(`nianbao build failed: ${run.stderr}`)
      const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(run.stderr)
      if (cpu) cpus.push((Number(cpu[1]) + Number(cpu[2])) * 1000)
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
  return { wallMs: median(walls), cpuMs: cpus.length ? median(cpus) : undefined }
}

/**
 * Script files (.js, .cjs, .mjs) one cold `nianbao build one.md --to pdf` opens, both threads,
 * counted with strace where it is installed (`undefined` elsewhere).
 */
export function benchCliPdfColdFiles(): number | undefined {
  if (spawnSync('strace', ['-V']).status !== 0) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-cold-files-'))
  try {
    const trace = join(dir, 'trace')
    const args = [join(repo, 'bin', 'nianbao.js'), 'build', join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), '--to', 'pdf', '--out', join(dir, 'out')]
    const run = spawnSync('strace', ['-f', '-e', 'trace=openat', '-o', trace, process.execPath, ...args], { encoding: 'utf8' })
    if (run.status !== 0) return undefined
    const opened = new Set<string>()
    for (const line of readFileSync(trace, 'utf8').split('\n')) {
      const m = /openat\([^"]*"([^"]+\.(?:c|m)?js)"[^)]*\) = \d+/.exec(line)
      if (m) opened.add(m[1]!)
    }
    return opened.size
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The bundled reports' comparison (ruzhou 2023 → 2024) to PDF, `rounds` times after a warm-up: ms each and its pages. */
export async function benchComparePdf(rounds = 10): Promise<{ msPerPdf: number; pages: number }> {
  const [older, newer] = await validatePaths([join(repo, 'content', 'ruzhou-wsjkw', '2023.md'), join(repo, 'content', 'ruzhou-wsjkw', '2024.md')])
  const comparison = compareReports(older!.data.report!, newer!.data.report!)
  const html = comparisonHtml(comparison)
  const meta = { title: comparisonTitle(comparison), author: 'bench', subject: 'bench', date: new Date(Date.UTC(2025, 0, 1)) }
  const { pdf } = await renderPagePdf(html, meta)
  const start = performance.now()
  for (let i = 0; i < rounds; i++) await renderPagePdf(html, meta)
  const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length
  return { msPerPdf: (performance.now() - start) / rounds, pages }
}

/**
 * Font bytes one report's PDF reads in a fresh process (sparse-font.ts), beside the size of the
 * files it uses: the fonts are read glyph by glyph, not whole.
 */
export function benchColdFontBytes(): { readKb: number; filesKb: number } {
  const script = `
    import { statSync } from 'node:fs'
    import { validatePaths } from ${JSON.stringify(join(repo, 'src/pipeline.ts'))}
    import { renderHtml } from ${JSON.stringify(join(repo, 'src/render/html.ts'))}
    import { renderPdf } from ${JSON.stringify(join(repo, 'src/render/pdf/index.ts'))}
    import { sparseFontStats } from ${JSON.stringify(join(repo, 'src/render/pdf/sparse-font.ts'))}
    import { defaultFontFiles } from ${JSON.stringify(join(repo, 'src/render/pdf/fonts.ts'))}
    const [file] = await validatePaths([${JSON.stringify(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'))}])
    await renderPdf(await renderHtml(file), file)
    // The three files the default styles set (the sans bold only for bold in a heading).
    const used = [defaultFontFiles.serif.normal, defaultFontFiles.serif.bold, defaultFontFiles.sans.normal]
    console.log(JSON.stringify({ read: sparseFontStats.bytesRead, files: used.reduce((n, p) => n + statSync(p).size, 0) }))
  `
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`font bench failed: ${run.stderr}`)
  const { read, files } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { read: number; files: number }
  return { readKb: Math.round(read / 1024), filesKb: Math.round(files / 1024) }
}

/** The seeds to .docx, `rounds` times after one warm-up round: ms per report (wall and CPU), and the median document.xml. */
export async function benchDocx(rounds = 10): Promise<{ msPerReport: number; cpuMsPerReport: number; documentXmlKb: number }> {
  const inputs = []
  for (const file of await validatePaths([join(repo, 'content')])) inputs.push({ file, html: (await renderHtml(file))! })
  const sizes: number[] = []
  for (const { file, html } of inputs) sizes.push(unzipSync((await renderDocx(html, file))!, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!.length)
  sizes.sort((a, b) => a - b)
  const cpu = process.cpuUsage()
  const start = performance.now()
  for (let r = 0; r < rounds; r++) for (const { file, html } of inputs) await renderDocx(html, file)
  const used = process.cpuUsage(cpu)
  const n = rounds * inputs.length
  return { msPerReport: (performance.now() - start) / n, cpuMsPerReport: (used.user + used.system) / 1000 / n, documentXmlKb: Math.round(sizes[sizes.length >> 1]! / 1024) }
}

export interface OutputsBench {
  cli_pdf_cold_ms: number
  cli_pdf_cold_cpu_ms: number | undefined
  cli_pdf_cold_files: number | undefined
  compare_pdf_ms: number
  compare_pdf_pages: number
  cold_pdf_font_read_kb: number
  cold_pdf_font_files_kb: number
  docx_ms_per_report: number
  docx_cpu_ms_per_report: number
  docx_document_xml_kb: number
  pdf_long_run_ms: Record<string, number>
  pdf_long_run_cpu_ms: Record<string, number>
}

export async function benchOutputs(): Promise<OutputsBench> {
  const cold = benchCliPdfCold()
  const docx = await benchDocx()
  const fonts = benchColdFontBytes()
  const files = benchCliPdfColdFiles()
  const compare = await benchComparePdf()
  const long = await benchLongRuns()
  return {
    cli_pdf_cold_ms: Math.round(cold.wallMs),
    cli_pdf_cold_cpu_ms: cold.cpuMs === undefined ? undefined : Math.round(cold.cpuMs),
    cli_pdf_cold_files: files,
    compare_pdf_ms: Number(compare.msPerPdf.toFixed(1)),
    compare_pdf_pages: compare.pages,
    cold_pdf_font_read_kb: fonts.readKb,
    cold_pdf_font_files_kb: fonts.filesKb,
    docx_ms_per_report: Number(docx.msPerReport.toFixed(1)),
    docx_cpu_ms_per_report: Number(docx.cpuMsPerReport.toFixed(1)),
    docx_document_xml_kb: docx.documentXmlKb,
    pdf_long_run_ms: Object.fromEntries(Object.entries(long).map(([k, v]) => [k, Math.round(v.wallMs)])),
    pdf_long_run_cpu_ms: Object.fromEntries(Object.entries(long).map(([k, v]) => [k, Math.round(v.cpuMs)])),
  }
}

/** Rows for run.ts's table: name, value, target. */
export function outputRows(b: OutputsBench): [string, string, string][] {
  const long = Object.entries(b.pdf_long_run_ms)
    .map(([k, v]) => `${k} ${v}${b.pdf_long_run_cpu_ms[k] !== undefined ? `/${b.pdf_long_run_cpu_ms[k]}` : ''}`)
    .join(', ')
  return [
    ['cli_pdf_cold_ms', `${b.cli_pdf_cold_ms} (CPU ${b.cli_pdf_cold_cpu_ms ?? '?'})`, '≤ 1000 (nianbao build one.md --to pdf, whole process)'],
    ['cli_pdf_cold_files', `${b.cli_pdf_cold_files ?? '? (no strace)'}`, '— (script files the cold one-report PDF build opens, both threads)'],
    ['compare_pdf_pages', `${b.compare_pdf_pages} (${b.compare_pdf_ms} ms a PDF in a batch)`, '— (the bundled ruzhou 2023 → 2024 comparison)'],
    ['cold_pdf_font_read_kb', `${b.cold_pdf_font_read_kb} (of ${b.cold_pdf_font_files_kb} KB in the three files a report sets)`, '— (fonts read for one report\'s PDF, fresh process)'],
    ['docx_ms_per_report', `${b.docx_ms_per_report} (CPU ${b.docx_cpu_ms_per_report}; document.xml ${b.docx_document_xml_kb} KB, median)`, '— (Word file, seeds in a batch)'],
    ['pdf_long_run_ms', long, 'linear in n (wall/CPU ms; 5k/10k/20k/50k characters)'],
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchOutputs()
  for (const [k, v, t] of outputRows(result)) console.log(`${k.padEnd(20)} ${v}  target ${t}`)
}

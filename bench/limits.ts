/**
 * What the limits buy: every hostile input of issue 14.7/14.8 (time to its
 * limit diagnostic, peak memory) and the costliest files still within every
 * limit (validate, HTML and PDF time, peak memory), each in a fresh child
 * process so that its peak RSS is its own. Prints each figure beside its
 * target; nothing is asserted. CPU time, not wall time: the machine may be
 * shared.
 *
 *   node --import tsx bench/limits.ts [--hostile|--at-limit] [--pdf] [--filter TEXT]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { atLimitCases, hostileCases, type LimitCase } from '../test/util/limit-cases.js'

interface Figures {
  name: string
  rules: string[]
  validateMs: number
  htmlMs?: number
  pdfMs?: number
  rssMb: number
}

const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** Child: one case, from file to diagnostics (and, within the limits, to HTML and PDF). */
async function runCase(name: string, pdf: boolean): Promise<void> {
  const all = [...hostileCases, ...atLimitCases]
  const found = all.find((c) => c.name === name)!
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-limits-'))
  mkdirSync(join(dir, 'agency'))
  const path = join(dir, 'agency', '2024.md')
  writeFileSync(path, found.make())
  const { validatePaths } = await import('../src/pipeline.js')
  const { diagnosticsOf } = await import('../src/diagnostics/emit.js')
  let start = process.cpuUsage()
  const [file] = await validatePaths([path])
  const figures: Figures = { name, rules: [], validateMs: cpuMs(start), rssMb: 0 }
  figures.rules = [...new Set(diagnosticsOf(file!).filter((d) => d.severity === 'error').map((d) => d.ruleId))]
  if (file!.data.report && found.rules.length === 0) {
    const { renderHtml } = await import('../src/render/html.js')
    start = process.cpuUsage()
    const html = await renderHtml(file!)
    figures.htmlMs = cpuMs(start)
    if (pdf && html) {
      const { renderPdf } = await import('../src/render/pdf/index.js')
      start = process.cpuUsage()
      await renderPdf(html, file!)
      figures.pdfMs = cpuMs(start)
    }
  }
  figures.rssMb = process.resourceUsage().maxRSS / 1024
  rmSync(dir, { recursive: true, force: true })
  process.stdout.write(JSON.stringify(figures) + '\n')
}

function measure(c: LimitCase, pdf: boolean): Figures | string {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--stack-size=984', import.meta.filename, '--case', c.name, ...(pdf ? ['--pdf'] : [])], {
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 1 << 20,
    })
    return JSON.parse(out.trim().split('\n').at(-1)!) as Figures
  } catch (error) {
    return (error as Error).message.split('\n')[0]!
  }
}

const fixed = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(0))

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const caseAt = args.indexOf('--case')
  if (caseAt >= 0) return runCase(args[caseAt + 1]!, args.includes('--pdf'))
  const filterAt = args.indexOf('--filter')
  const filter = filterAt >= 0 ? args[filterAt + 1]! : ''
  const pdf = args.includes('--pdf')
  const groups: [string, LimitCase[], string][] = [
    ['hostile inputs (issue 14.7/14.8): time to the limit diagnostic', hostileCases, 'target < 1,000 ms CPU, < 300 MB'],
    ['the costliest files within every limit', atLimitCases, 'target validate < 3,000 ms CPU, < 500 MB'],
  ]
  for (const [title, cases, target] of groups) {
    if ((args.includes('--hostile') && cases !== hostileCases) || (args.includes('--at-limit') && cases !== atLimitCases)) continue
    process.stdout.write(`\n${title} (${target})\n`)
    process.stdout.write(`${'case'.padEnd(66)} ${'validate'.padStart(9)} ${'html'.padStart(7)} ${'pdf'.padStart(8)} ${'RSS MB'.padStart(7)}  rules\n`)
    for (const c of cases) {
      if (!c.name.includes(filter)) continue
      const f = measure(c, pdf)
      if (typeof f === 'string') process.stdout.write(`${c.name.padEnd(66)} FAILED ${f}\n`)
      else
        process.stdout.write(
          `${c.name.padEnd(66)} ${fixed(f.validateMs).padStart(9)} ${fixed(f.htmlMs).padStart(7)} ${fixed(f.pdfMs).padStart(8)} ${fixed(f.rssMb).padStart(7)}  ${f.rules.join(', ') || '(none)'}\n`,
        )
    }
  }
}

await main()

/**
 * `lsp_diagnostics_ms`: a real report open in `nianbao lsp` (spawned, as an
 * editor runs it), then N single-character edits of a table value; each is
 * timed from sending didChange to receiving the publishDiagnostics for that
 * version (the debounce included). Median and 90th percentile, and the
 * server's CPU time per edit (from /proc, steadier than wall time on a
 * loaded machine). Target: median ≤ 100 ms.
 *
 *   npm run build && node --import tsx bench/lsp.ts [N]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { LspClient } from '../test/util/lsp-client.js'

export interface LspBenchResult {
  edits: number
  medianMs: number
  p90Ms: number
  /** Server CPU (user + system) per edit, or `undefined` where /proc is not there. */
  serverCpuMsPerEdit: number | undefined
}

function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
    // utime and stime are fields 14 and 15 of the whole line (12 and 13 after the command name), in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return undefined
  }
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0

export async function benchLsp(edits = 50): Promise<LspBenchResult> {
  const path = join(import.meta.dirname, '..', 'content', 'ruzhou-wsjkw', '2024.md')
  const text = readFileSync(path, 'utf8')
  const uri = pathToFileURL(path).href
  const lines = text.split('\n')
  const line = lines.findIndex((l) => l.startsWith('  licensing:'))
  const character = lines[line]!.indexOf(':') + 2
  const client = await LspClient.start()
  try {
    await client.open(uri, text)
    // Warm-up edits (first use of each code path), not timed.
    for (let i = 0; i < 5; i++) await client.change(uri, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(i % 10) }])
    const cpuBefore = cpuMs(client.child.pid)
    const times: number[] = []
    for (let i = 0; i < edits; i++) {
      const started = performance.now()
      await client.change(uri, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String((i + 1) % 10) }])
      times.push(performance.now() - started)
    }
    const cpuAfter = cpuMs(client.child.pid)
    return {
      edits,
      medianMs: quantile(times, 0.5),
      p90Ms: quantile(times, 0.9),
      serverCpuMsPerEdit: cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / edits : undefined,
    }
  } finally {
    await client.stop()
  }
}

if (import.meta.filename === process.argv[1]) {
  const result = await benchLsp(Number(process.argv[2] ?? 50))
  process.stdout.write(
    `lsp_diagnostics_ms ${result.medianMs.toFixed(1)} (p90 ${result.p90Ms.toFixed(1)}, server CPU ${result.serverCpuMsPerEdit?.toFixed(1) ?? '?'} ms per edit, ${result.edits} edits)  target ≤ 100\n`,
  )
}

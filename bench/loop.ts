/**
 * The edit loop as a user waits for it, whole processes included:
 *
 * - cli_validate_cold_ms: `nianbao validate` of one report in a fresh
 *   process (median of N runs; target ≤ 300 ms),
 * - npm_start_noop_s: the README's `npm start` when nothing changed
 *   (median of 3 runs after one warm-up; target ≤ 2 s).
 *
 * Wall time is what the user sees; on a shared machine it swings with the
 * load, so CPU time (user + system, children included, from /usr/bin/time)
 * is printed beside it when available. Called from run.ts; also runs alone:
 *
 *   node --import tsx bench/loop.ts [N]
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const repo = join(import.meta.dirname, '..')
const TIME = '/usr/bin/time'

export interface Timing {
  wallMs: number
  /** User + system CPU of the process and its children, when /usr/bin/time is there. */
  cpuMs?: number
}

export interface LoopFigures {
  cli_validate_cold_ms: number
  cli_validate_cold_cpu_ms?: number
  npm_start_noop_s: number
  npm_start_noop_cpu_s?: number
  load_average: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!

/** Run a command to completion, timing it; fails loudly if it fails. */
export function timed(command: string, args: string[]): Timing {
  const useTime = existsSync(TIME)
  const started = performance.now()
  const run = useTime
    ? spawnSync(TIME, ['-f', 'NIANBAO_CPU %U %S', command, ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(command, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 })
  const wallMs = performance.now() - started
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status}):\n${run.stderr}`)
  const cpu = /NIANBAO_CPU ([\d.]+) ([\d.]+)/.exec(run.stderr ?? '')
  return cpu ? { wallMs, cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : { wallMs }
}

export async function benchLoop(runs = 9, log: (text: string) => void = (t) => void process.stdout.write(t)): Promise<LoopFigures> {
  const cli = join(repo, 'bin', 'nianbao.js')
  const report = join('content', 'ruzhou-wsjkw', '2024.md')
  timed(process.execPath, [cli, 'validate', report])
  const validate = Array.from({ length: runs }, () => timed(process.execPath, [cli, 'validate', report]))

  // One warm-up `npm start` brings dist/ and out/ up to date; the next ones change nothing.
  log('loop: npm start (warm-up) …\n')
  timed('npm', ['start', '--silent'])
  const start = Array.from({ length: 3 }, () => timed('npm', ['start', '--silent']))

  const cpu = (timings: Timing[]) => (timings.every((t) => t.cpuMs !== undefined) ? median(timings.map((t) => t.cpuMs!)) : undefined)
  const figures: LoopFigures = {
    cli_validate_cold_ms: Math.round(median(validate.map((t) => t.wallMs))),
    npm_start_noop_s: Number((median(start.map((t) => t.wallMs)) / 1000).toFixed(2)),
    load_average: Number(loadavg()[0]!.toFixed(1)),
  }
  const validateCpu = cpu(validate)
  const startCpu = cpu(start)
  if (validateCpu !== undefined) figures.cli_validate_cold_cpu_ms = Math.round(validateCpu)
  if (startCpu !== undefined) figures.npm_start_noop_cpu_s = Number((startCpu / 1000).toFixed(2))
  log(
    `loop: validate one report ${figures.cli_validate_cold_ms} ms wall${validateCpu !== undefined ? `, ${figures.cli_validate_cold_cpu_ms} ms CPU` : ''} (median of ${runs}); ` +
      `npm start, nothing changed ${figures.npm_start_noop_s} s wall${startCpu !== undefined ? `, ${figures.npm_start_noop_cpu_s} s CPU` : ''}; load average ${figures.load_average}\n`,
  )
  return figures
}

/** Rows for run.ts's table: name, value, target. */
export function loopRows(f: LoopFigures): [string, string, string][] {
  const cpu = (value: number | undefined, unit: string) => (value !== undefined ? ` (CPU ${value} ${unit}; load ${f.load_average})` : '')
  return [
    ['cli_validate_cold_ms', `${f.cli_validate_cold_ms}${cpu(f.cli_validate_cold_cpu_ms, 'ms')}`, '≤ 300 (one report, whole process, median)'],
    ['npm_start_noop_s', `${f.npm_start_noop_s}${cpu(f.npm_start_noop_cpu_s, 's')}`, '≤ 2 (README start command, nothing changed)'],
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchLoop(Number(process.argv[2] ?? 9))
  const rows = loopRows(figures)
  const width = Math.max(...rows.map((r) => r[0].length))
  process.stdout.write('\n' + rows.map(([k, v, t]) => `${k.padEnd(width)}  ${v}  target ${t}`).join('\n') + '\n')
}

/**
 * Run one fuzz input through one target in a child process with a time
 * and a memory ceiling (V8's heap limit, and the process's resident memory
 * watched while it runs), and say what happened: `ok`, `crash` (an
 * internal error, a signal, a stack trace, an exit code the CLI never
 * uses), `hang` (the time ceiling) or `memory` (the memory ceiling). Peak
 * memory is the child's maxRSS (GNU time when installed, else sampled).
 *
 * The time ceiling is CPU time (all threads), so that a busy shared machine
 * does not turn slow-but-fine inputs into hangs; a wall-clock ceiling of
 * several times that still catches a child that waits forever.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { constants, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { FuzzTarget, RunOutput } from './targets/target.js'

export interface Ceilings {
  /** CPU time per input, as a multiple of the target's own ceiling. */
  timeScale: number
  /** Wall time per input, as a multiple of its CPU ceiling. */
  wallFactor: number
  /** V8 heap limit (`--max-old-space-size`), MB. */
  heapMb: number
  /** Resident memory at which the child is stopped, MB. */
  rssMb: number
}

export const defaultCeilings: Ceilings = { timeScale: 1, wallFactor: 6, heapMb: 1024, rssMb: 1536 }

export type Outcome = 'ok' | 'crash' | 'hang' | 'memory'

export interface CaseResult {
  outcome: Outcome
  /** Why it is not `ok`. */
  reason?: string
  code: number | null
  signal: string | null
  /** Wall time. */
  ms: number
  /** CPU time of the child (user + system, all threads). */
  cpuMs: number
  /** Peak resident memory of the child, MB. */
  rssMb: number
  /** The end of stderr, for the report. */
  stderrTail: string
}

const TIME = '/usr/bin/time'
const MARK = 'NIANBAO_FUZZ_MAXRSS_KB='
const CPU_MARK = 'CPU_S='
const CAP = 1 << 20

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 on Linux). */
const TICKS = 100

/** Resident and peak memory (kB) and CPU time (ms) of a process, from /proc; `undefined` once it is gone. */
function usageOf(pid: number): { rss: number; hwm: number; cpuMs: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    // Fields 14 and 15 (utime, stime) follow the command name, which is in parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return {
      rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
      hwm: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0),
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS,
    }
  } catch {
    return undefined
  }
}

/** The node process: the child itself, or the one GNU time started. */
function nodePid(pid: number, viaTime: boolean): number | undefined {
  if (!viaTime) return pid
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]) || undefined
  } catch {
    return undefined
  }
}

const signalName = (n: number) =>
  (Object.entries(constants.signals).find(([, v]) => v === n)?.[0] ?? `signal ${n}`) as NodeJS.Signals

const STACK = /^\s+at .+:\d+:\d+\)?$/m
const FATAL = /FATAL ERROR|JavaScript heap out of memory|Maximum call stack size exceeded|Segmentation fault|core dumped/

/** Why an output is a crash, or `undefined`. */
export function crashReason(target: FuzzTarget, output: RunOutput): string | undefined {
  if (output.signal) return `signal ${output.signal}`
  if (/内部错误|internal error/i.test(output.stderr)) return `internal error: ${/(?:内部错误|internal error)[:：]?\s*(.*)/i.exec(output.stderr)?.[1]?.slice(0, 200) ?? ''}`
  // With --format json the diagnostics, an internal error among them, are on stdout.
  if (/"ruleId":\s*"internal-error"/.test(output.stdout)) {
    return `internal error: ${/"ruleId":\s*"internal-error"[\s\S]{0,400}?"message":\s*"([^"]{0,200})/.exec(output.stdout)?.[1] ?? ''}`
  }
  const fatal = FATAL.exec(output.stderr)
  if (fatal) return fatal[0]
  if (STACK.test(output.stderr)) return 'stack trace on stderr'
  if (output.code !== null && ![0, 1, 2].includes(output.code)) return `exit code ${output.code}`
  return target.crashed?.(output)
}

/** Run `target` on `bytes` (written where the target expects it) in a fresh folder. */
export async function runCase(target: FuzzTarget, bytes: Uint8Array, extension: string, ceilings: Ceilings = defaultCeilings): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-fuzz-${target.name}-`))
  try {
    const input = join(dir, target.inputPath(extension))
    mkdirSync(dirname(input), { recursive: true })
    writeFileSync(input, bytes)
    return await execute(target, input, dir, ceilings)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function execute(target: FuzzTarget, input: string, dir: string, ceilings: Ceilings): Promise<CaseResult> {
  const viaTime = existsSync(TIME)
  const node = [`--max-old-space-size=${ceilings.heapMb}`, ...target.argv(input, dir)]
  const [command, args] = viaTime ? [TIME, ['-f', `${MARK}%M ${CPU_MARK}%U %S`, process.execPath, ...node]] : [process.execPath, node]
  const started = performance.now()
  const child = spawn(command, args, {
    cwd: dir,
    detached: true,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-CAP)))
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-CAP)))
  let stoppedBy: 'hang' | 'memory' | undefined
  let sampledKb = 0
  let sampledCpu = 0
  const cpuCeiling = target.timeMs * ceilings.timeScale
  const stop = (why: 'hang' | 'memory') => {
    stoppedBy ??= why
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  const timer = setTimeout(() => stop('hang'), cpuCeiling * ceilings.wallFactor)
  const sampler = setInterval(() => {
    const pid = nodePid(child.pid!, viaTime)
    const usage = pid && usageOf(pid)
    if (!usage) return
    sampledKb = Math.max(sampledKb, usage.hwm)
    sampledCpu = Math.max(sampledCpu, usage.cpuMs)
    if (usage.rss > ceilings.rssMb * 1024) stop('memory')
    if (usage.cpuMs > cpuCeiling) stop('hang')
  }, 200)
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      clearInterval(sampler)
      const ms = performance.now() - started
      // GNU time's own lines: the peak, and how the command ended.
      const maxKb = Number(new RegExp(`${MARK}(\\d+)`).exec(stderr)?.[1] ?? 0)
      const cpu = new RegExp(`${CPU_MARK}([\\d.]+) ([\\d.]+)`).exec(stderr)
      const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : sampledCpu
      const killed = /Command terminated by signal (\d+)/.exec(stderr)
      const exited = /Command exited with non-zero status (\d+)/.exec(stderr)
      stderr = stderr.replace(new RegExp(`^(${MARK}\\d+ ${CPU_MARK}[\\d.]+ [\\d.]+|Command (terminated by signal|exited with non-zero status) \\d+)\\n?`, 'gm'), '')
      const output: RunOutput = {
        code: viaTime ? (killed ? null : exited ? Number(exited[1]) : code === 0 ? 0 : code) : code,
        signal: viaTime && killed ? signalName(Number(killed[1])) : signal,
        stdout,
        stderr,
      }
      const rssMb = Math.max(maxKb, sampledKb) / 1024
      const base = { code: output.code, signal: output.signal, ms, cpuMs, rssMb, stderrTail: stderr.slice(-2000) }
      if (stoppedBy === 'hang')
        return resolve({ ...base, outcome: 'hang', reason: `no result after ${(cpuMs / 1000).toFixed(0)} s of CPU (${(ms / 1000).toFixed(0)} s)` })
      if (stoppedBy === 'memory') return resolve({ ...base, outcome: 'memory', reason: `over ${ceilings.rssMb} MB resident` })
      const reason = crashReason(target, output)
      resolve(reason ? { ...base, outcome: 'crash', reason } : { ...base, outcome: 'ok' })
    })
  })
}

/**
 * The fuzz loop: for each target, `count` inputs made from its seeds by
 * deterministic mutation (`seed` → every case reproducible alone), run
 * `jobs` at a time; a crash's, hang's or memory blow-up's input is saved
 * under test/fixtures/fuzz/<target>/ as a regression fixture, which
 * test/fuzz.test.ts then runs on every `npm test`.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { loadCorpus, type Seed, type SeedKind } from './corpus.js'
import { defaultCeilings, runCase, type CaseResult, type Ceilings } from './exec.js'
import { mutate } from './mutate.js'
import { caseSeed, createRng } from './prng.js'
import { targets as allTargets, type FuzzTarget } from './targets/index.js'
import { repo } from './targets/target.js'

export interface FuzzOptions {
  targets: string[]
  /** Inputs per target. */
  count: number
  /** Only these case numbers (to reproduce one). */
  cases?: number[]
  seed: number
  jobs: number
  ceilings?: Ceilings
  /** Save the input of every crash, hang or memory blow-up as a regression fixture. */
  save?: boolean
  /** Where the fixtures go (default test/fixtures/fuzz). */
  fixtures?: string
  log?: (line: string) => void
}

export interface Failure {
  index: number
  seed: string
  ops: string[]
  result: CaseResult
  saved?: string
}

export interface TargetSummary {
  target: string
  cases: number
  crashes: number
  hangs: number
  memory: number
  peakRssMb: number
  medianRssMb: number
  /** How the inputs ended: exit code (or signal) → count. */
  exits: Record<string, number>
  /** The slowest input, CPU ms. */
  slowestMs: number
  wallMs: number
  failures: Failure[]
}

export const fixturesRoot = join(repo, 'test', 'fixtures', 'fuzz')

const extensionOf = (seed: Seed) => (seed.kind === 'bundle' ? '.zip' : seed.kind === 'report' ? '.md' : extname(seed.name.split(' ')[0]!) || '.txt')

/** Save an input as `<target>/<hash>.<ext>` (gzipped over 256 KB), with a note of how it was made. */
function saveFixture(root: string, target: string, bytes: Uint8Array, extension: string, note: object): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16)
  const dir = join(root, target)
  mkdirSync(dir, { recursive: true })
  const big = bytes.length > 256 * 1024
  const path = join(dir, `${hash}${extension}${big ? '.gz' : ''}`)
  if (!existsSync(path)) writeFileSync(path, big ? gzipSync(bytes, { level: 9 }) : bytes)
  writeFileSync(join(dir, `${hash}.json`), JSON.stringify(note, null, 2) + '\n')
  return path
}

async function pool<T>(items: T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.max(1, jobs) }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0

export function selectTargets(names: string[]): FuzzTarget[] {
  if (names.length === 0) return allTargets
  return names.map((name) => {
    const target = allTargets.find((t) => t.name === name)
    if (!target) throw new Error(`unknown target ${name} (targets: ${allTargets.map((t) => t.name).join(', ')})`)
    return target
  })
}

/** Case `index` of a run with `seed`: which seed it starts from and the mutated input. */
export function caseInput(target: FuzzTarget, seeds: Seed[], seed: number, index: number) {
  const rng = createRng(caseSeed(seed, target.name, index))
  const from = rng.pick(seeds)
  const { bytes, ops } = mutate(from, seeds, rng)
  return { from, bytes, ops, extension: extensionOf(from) }
}

/** The seeds of the chosen targets (bundles and a .docx are built once into a temporary folder). */
export async function corpusFor(chosen: FuzzTarget[]): Promise<Seed[]> {
  const work = join(tmpdir(), 'nianbao-fuzz-seeds')
  mkdirSync(work, { recursive: true })
  return loadCorpus(work, new Set<SeedKind>(chosen.flatMap((t) => t.kinds)))
}

export async function fuzz(options: FuzzOptions): Promise<TargetSummary[]> {
  const log = options.log ?? (() => {})
  const ceilings = options.ceilings ?? defaultCeilings
  const chosen = selectTargets(options.targets)
  const corpus = await corpusFor(chosen)
  const summaries: TargetSummary[] = []
  for (const target of chosen) {
    const seeds = corpus.filter((s) => target.kinds.includes(s.kind))
    if (seeds.length === 0) throw new Error(`no seeds for target ${target.name}`)
    const started = performance.now()
    const results: CaseResult[] = []
    const failures: Failure[] = []
    let done = 0
    await pool(
      options.cases ?? Array.from({ length: options.count }, (_, i) => i),
      options.jobs,
      async (index) => {
        const { from: seed, bytes, ops, extension } = caseInput(target, seeds, options.seed, index)
        const result = await runCase(target, bytes, extension, ceilings)
        results.push(result)
        done++
        if (result.outcome !== 'ok') {
          const failure: Failure = { index, seed: seed.name, ops, result }
          if (options.save !== false) {
            failure.saved = saveFixture(options.fixtures ?? fixturesRoot, target.name, bytes, extension, {
              target: target.name,
              outcome: result.outcome,
              reason: result.reason,
              seed: options.seed,
              case: index,
              from: seed.name,
              mutations: ops,
              stderr: result.stderrTail.slice(-1000),
            })
          }
          failures.push(failure)
          log(`  ${target.name} #${index} ${result.outcome.toUpperCase()}: ${result.reason} (${seed.name}; ${ops.join(' + ')})${failure.saved ? ` → ${failure.saved}` : ''}\n`)
        }
        if (done % 50 === 0) log(`  ${target.name}: ${done}/${options.count}\n`)
      },
    )
    const rss = results.map((r) => r.rssMb)
    summaries.push({
      target: target.name,
      cases: results.length,
      crashes: results.filter((r) => r.outcome === 'crash').length,
      hangs: results.filter((r) => r.outcome === 'hang').length,
      memory: results.filter((r) => r.outcome === 'memory').length,
      peakRssMb: Math.max(0, ...rss),
      medianRssMb: median(rss),
      exits: results.reduce<Record<string, number>>((n, r) => {
        const key = r.outcome === 'ok' ? String(r.code) : r.outcome
        n[key] = (n[key] ?? 0) + 1
        return n
      }, {}),
      slowestMs: Math.max(0, ...results.map((r) => r.cpuMs)),
      wallMs: performance.now() - started,
      failures: failures.sort((a, b) => a.index - b.index),
    })
  }
  return summaries
}

/** The summary as a table, one line per target. */
export function summaryTable(summaries: TargetSummary[]): string {
  const head = ['target', 'cases', 'crashes', 'hangs', 'memory', 'peak RSS MB', 'median RSS MB', 'slowest CPU s', 'wall s', 'exit 0/1/2']
  const rows = summaries.map((s) => [
    s.target,
    String(s.cases),
    String(s.crashes),
    String(s.hangs),
    String(s.memory),
    s.peakRssMb.toFixed(0),
    s.medianRssMb.toFixed(0),
    (s.slowestMs / 1000).toFixed(1),
    (s.wallMs / 1000).toFixed(0),
    `${s.exits['0'] ?? 0}/${s.exits['1'] ?? 0}/${s.exits['2'] ?? 0}`,
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  return [head, ...rows].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n') + '\n'
}

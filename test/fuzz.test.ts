/**
 * The fuzz harness (fuzz/, `npm run fuzz`): every input it ever saved as a
 * crash or hang runs clean now; a short fixed-seed slice of it finds
 * nothing; and the harness itself tells a crash, a hang and a memory
 * blow-up from a clean run, reproducibly.
 */
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { runCase, defaultCeilings } from '../fuzz/exec.js'
import { caseInput, corpusFor, fixturesRoot, fuzz } from '../fuzz/fuzz.js'
import { targets } from '../fuzz/targets/index.js'
import type { FuzzTarget } from '../fuzz/targets/target.js'

/** Saved regression inputs: `<target>/<hash>.<ext>[.gz]` (the `.json` beside each says how it was made). */
function regressions(): { target: FuzzTarget; path: string; extension: string }[] {
  if (!existsSync(fixturesRoot)) return []
  return readdirSync(fixturesRoot).flatMap((name) => {
    const target = targets.find((t) => t.name === name)
    assert.ok(target, `test/fixtures/fuzz/${name} names no fuzz target`)
    return readdirSync(join(fixturesRoot, name))
      .filter((file) => !file.endsWith('.json'))
      .map((file) => ({ target, path: join(fixturesRoot, name, file), extension: /(\.[^.]+)(?:\.gz)?$/.exec(file)![1]! }))
  })
}

for (const { target, path, extension } of regressions()) {
  test(`fuzz regression ${target.name} ${path.split('/').at(-1)}: no crash, no hang`, { timeout: 600_000 }, async () => {
    const raw = readFileSync(path)
    const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw
    const result = await runCase(target, bytes, extension)
    assert.equal(result.outcome, 'ok', `${result.reason}\n${result.stderrTail}`)
  })
}

test('a fixed-seed slice of the fuzz harness: no crash, no hang, no memory blow-up', { timeout: 900_000 }, async () => {
  const counts: Record<string, number> = { validate: 8, build: 3, import: 6, verify: 8 }
  for (const target of targets) {
    const [summary] = await fuzz({ targets: [target.name], count: counts[target.name] ?? 4, seed: 20_261_129, jobs: 2, save: false })
    assert.equal(summary!.cases, counts[target.name] ?? 4)
    const failures = summary!.failures.map((f) => `#${f.index} ${f.result.outcome}: ${f.result.reason} (${f.seed}; ${f.ops.join(' + ')})`)
    assert.deepEqual(failures, [], `${target.name}:\n${failures.join('\n')}`)
  }
})

test('the same seed makes the same inputs', async () => {
  const target = targets.find((t) => t.name === 'validate')!
  const seeds = (await corpusFor([target])).filter((s) => target.kinds.includes(s.kind))
  for (const index of [0, 1, 17]) {
    const a = caseInput(target, seeds, 7, index)
    const b = caseInput(target, seeds, 7, index)
    assert.deepEqual([a.from.name, a.ops, Buffer.from(a.bytes).toString('base64')], [b.from.name, b.ops, Buffer.from(b.bytes).toString('base64')])
  }
  assert.notDeepEqual(caseInput(target, seeds, 7, 0).bytes, caseInput(target, seeds, 8, 0).bytes)
})

/** A target that runs a bit of JavaScript instead of nianbao. */
const script = (code: string, timeMs = 5000): FuzzTarget => ({
  name: 'script',
  kinds: ['report'],
  inputPath: () => 'input.txt',
  argv: () => ['-e', code],
  timeMs,
})

test('the harness tells crashes, hangs and memory blow-ups from clean runs', async () => {
  const run = (target: FuzzTarget, ceilings = defaultCeilings) => runCase(target, new Uint8Array(0), '.txt', ceilings)
  const clean = await run(script('process.stdout.write("1 个错误\\n"); process.exitCode = 1'))
  assert.equal(clean.outcome, 'ok')
  assert.ok(clean.rssMb > 10 && clean.rssMb < 500, `peak RSS ${clean.rssMb}`)

  const internal = await run(script('process.stderr.write("nianbao 内部错误：x is undefined\\n"); process.exit(2)'))
  assert.deepEqual([internal.outcome, internal.reason], ['crash', 'internal error: x is undefined'])
  const json = await run(script('process.stdout.write(JSON.stringify([{ ruleId: "internal-error", source: "cli", message: "内部错误（RangeError）" }], null, 2)); process.exit(1)'))
  assert.deepEqual([json.outcome, json.reason], ['crash', 'internal error: 内部错误（RangeError）'])
  const thrown = await run(script('function f() { f() } f()'))
  assert.equal(thrown.outcome, 'crash')
  assert.match(thrown.reason!, /Maximum call stack size exceeded/)
  const aborted = await run(script('process.abort()'))
  assert.deepEqual([aborted.outcome, aborted.reason], ['crash', 'signal SIGABRT'])

  const busy = await run(script('for (;;) {}', 1000))
  assert.equal(busy.outcome, 'hang')
  assert.ok(busy.cpuMs >= 1000, `stopped after ${busy.cpuMs} ms of CPU`)

  const heap = await run(script('const a = []; for (;;) a.push(new Array(1e5).fill(1.5))', 60_000), { ...defaultCeilings, heapMb: 64 })
  assert.equal(heap.outcome, 'crash')
  const resident = await run(script('const b = []; for (;;) b.push(Buffer.alloc(32 << 20, 1))', 60_000), { ...defaultCeilings, rssMb: 300 })
  assert.equal(resident.outcome, 'memory')
})

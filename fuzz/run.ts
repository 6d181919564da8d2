/**
 * `npm run fuzz`: mutate the seeds and fixtures and run each input through
 * the real `nianbao` commands (validate, build, import, verify) in child
 * processes with time and memory ceilings; print cases, crashes, hangs and
 * peak memory per target, and save every failing input as a regression
 * fixture (test/fixtures/fuzz/<target>/). Not part of `npm test` (a short
 * fixed-seed slice is: test/fuzz.test.ts). It is CPU-heavy: run it with
 * `nice`, and few jobs on a shared machine.
 *
 *   npm run fuzz -- [--target validate,build,import,verify] [--count N] [--seed S] [--jobs J]
 *                   [--time-scale X] [--heap-mb M] [--rss-mb M] [--no-save]
 *   npm run fuzz -- --target T --seed S --case N [--dump FILE]   (one case again, or its input)
 */
import { parseArgs } from 'node:util'
import { defaultCeilings } from './exec.js'
import { writeFileSync } from 'node:fs'
import { caseInput, corpusFor, fuzz, selectTargets, summaryTable } from './fuzz.js'
import { targets } from './targets/index.js'

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: '' },
    count: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string', default: '1' },
    'time-scale': { type: 'string', default: String(defaultCeilings.timeScale) },
    'heap-mb': { type: 'string', default: String(defaultCeilings.heapMb) },
    'rss-mb': { type: 'string', default: String(defaultCeilings.rssMb) },
    'no-save': { type: 'boolean', default: false },
    case: { type: 'string', default: '' },
    dump: { type: 'string', default: '' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  process.stdout.write(
    `npm run fuzz -- [--target ${targets.map((t) => t.name).join(',')}] [--count N] [--seed S] [--jobs J] [--time-scale X] [--heap-mb M] [--rss-mb M] [--no-save]\n`,
  )
  process.exit(0)
}

const cases = values.case ? values.case.split(',').map(Number) : undefined
// --case N --dump FILE: write the input of case N (of the one --target) to FILE, and run nothing.
if (values.dump) {
  const [target] = selectTargets([values.target])
  const seeds = (await corpusFor([target!])).filter((s) => target!.kinds.includes(s.kind))
  const made = caseInput(target!, seeds, Number(values.seed), cases?.[0] ?? 0)
  writeFileSync(values.dump, made.bytes)
  process.stdout.write(`${values.dump}: ${made.bytes.length} bytes from ${made.from.name}; ${made.ops.join(' + ')}\n`)
  process.exit(0)
}

const options = {
  ...(cases ? { cases } : {}),
  targets: values.target ? values.target.split(',').map((t) => t.trim()) : [],
  count: Number(values.count),
  seed: Number(values.seed),
  jobs: Number(values.jobs),
  ceilings: { timeScale: Number(values['time-scale']), wallFactor: defaultCeilings.wallFactor, heapMb: Number(values['heap-mb']), rssMb: Number(values['rss-mb']) },
  save: !values['no-save'],
  log: (line: string) => process.stdout.write(line),
}

const started = performance.now()
process.stdout.write(
  `fuzz: seed ${options.seed}, ${options.count} inputs per target, ${options.jobs} job(s); ceilings: CPU time ×${options.ceilings.timeScale} ` +
    `(${targets.map((t) => `${t.name} ${t.timeMs / 1000} s`).join(', ')}; wall ×${options.ceilings.wallFactor}), heap ${options.ceilings.heapMb} MB, resident ${options.ceilings.rssMb} MB\n`,
)
const summaries = await fuzz(options)
process.stdout.write('\n' + summaryTable(summaries))
process.stdout.write(`total wall time ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
const failed = summaries.reduce((n, s) => n + s.crashes + s.hangs + s.memory, 0)
if (failed > 0) {
  process.stdout.write(`\n${failed} failing input(s) saved under test/fixtures/fuzz/; test/fuzz.test.ts runs them. Reproduce one: npm run fuzz -- --target T --seed ${options.seed} (case numbers above)\n`)
  process.exitCode = 1
}

/**
 * Import speed: every seed and import fixture read, recognised and written
 * as a report file, repeated; prints the median per document. Not asserted.
 *
 *   node --import tsx bench/import.ts [rounds]
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { importBytes } from '../src/import/index.js'

const rounds = Number(process.argv[2] ?? 20)
const root = join(import.meta.dirname, '..')
const inputs: { name: string; bytes: Uint8Array }[] = []
for (const f of readdirSync(join(root, 'test/fixtures/seeds'))) {
  inputs.push({ name: f, bytes: readFileSync(join(root, 'test/fixtures/seeds', f)) })
}
const fixtures = join(root, 'test/fixtures/import')
for (const dir of readdirSync(fixtures)) {
  for (const f of readdirSync(join(fixtures, dir))) {
    if (/\.(txt|html)$/.test(f)) inputs.push({ name: `${dir}/${f}`, bytes: readFileSync(join(fixtures, dir, f)) })
  }
}
const times: number[] = []
for (let r = 0; r < rounds; r++) {
  for (const input of inputs) {
    const start = performance.now()
    await importBytes(input.bytes, input.name)
    times.push(performance.now() - start)
  }
}
times.sort((a, b) => a - b)
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1)
process.stdout.write(`import: ${inputs.length} documents × ${rounds} rounds; median ${at(0.5)} ms, p95 ${at(0.95)} ms per document (target < 100 ms)\n`)

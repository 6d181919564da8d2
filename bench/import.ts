/**
 * Import speed, not asserted (targets beside the figures):
 * - `import_ms` per document: every seed and import fixture read,
 *   recognised and written as a report file, in one process (median of the rounds);
 * - one file through the CLI (`nianbao import seed --out …`), wall and CPU of the
 *   whole process (target < 1 s wall);
 * - hostile inputs (issue 15.3): time to the clear error, and the growth of RSS
 *   (targets: a second or two, bounded memory).
 *
 *   node --import tsx bench/import.ts [rounds]      (npm run build first: the CLI runs from dist/)
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { importBytes } from '../src/import/index.js'
import { docxBomb, pdfBadXref, pdfBrokenFlate, pdfFlateBomb, pdfLoopingPageTree } from '../test/util/hostile-inputs.js'

const root = join(import.meta.dirname, '..')

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

function inputs(): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = []
  for (const f of readdirSync(join(root, 'test/fixtures/seeds'))) out.push({ name: `seeds/${f}`, bytes: readFileSync(join(root, 'test/fixtures/seeds', f)) })
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`)
      else if (/\.(txt|html|pdf)$/.test(entry.name) && !/^(?:expected|flagged)/.test(entry.name)) out.push({ name: `${prefix}${entry.name}`, bytes: readFileSync(join(dir, entry.name)) })
    }
  }
  walk(join(root, 'test/fixtures/import'), '')
  return out
}

export async function benchImport(rounds = 5, log: (line: string) => void = (l) => process.stdout.write(l)): Promise<{ medianMs: number }> {
  const docs = inputs()
  const times = new Map<string, number[]>(docs.map((d) => [d.name, []]))
  for (let r = 0; r < rounds; r++) {
    for (const doc of docs) {
      const start = performance.now()
      await importBytes(doc.bytes, doc.name)
      times.get(doc.name)!.push(performance.now() - start)
    }
  }
  for (const [name, ms] of times) log(`import_ms ${median(ms).toFixed(1).padStart(7)}  ${name}\n`)
  const all = median([...times.values()].map(median))
  log(`import: ${docs.length} documents × ${rounds} rounds; median ${all.toFixed(1)} ms per document in one process (target < 100 ms)\n`)

  // One file through the CLI, the whole process.
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-import-'))
  try {
    const seed = join(root, 'test/fixtures/seeds', readdirSync(join(root, 'test/fixtures/seeds'))[0]!)
    const wall: number[] = []
    const cpu: number[] = []
    for (let i = 0; i < 3; i++) {
      const start = performance.now()
      const run = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, join(root, 'bin/nianbao.js'), 'import', seed, '--out', join(dir, `${i}.md`)], { encoding: 'utf8' })
      wall.push(performance.now() - start)
      const [user, sys] = (run.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number)
      if (Number.isFinite(user) && Number.isFinite(sys)) cpu.push((user! + sys!) * 1000)
    }
    log(`import (CLI, one seed text file): ${median(wall).toFixed(0)} ms wall, ${cpu.length ? median(cpu).toFixed(0) : '?'} ms CPU (target < 1000 ms wall)\n`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }

  // Hostile inputs: time to the error and RSS growth.
  const hostile: [string, () => Uint8Array][] = [
    ['loop.pdf (page tree refers to itself)', pdfLoopingPageTree],
    ['flate.pdf (broken flate stream)', pdfBrokenFlate],
    ['xref.pdf (bad xref entries)', pdfBadXref],
    ['bomb.pdf (stream inflating to 1 GB)', () => pdfFlateBomb()],
    ['bomb.docx (document.xml inflating to 1 GB)', () => docxBomb()],
    ['lying.docx (the same, headers claim 4 KB)', () => docxBomb(1024 ** 3, true)],
  ]
  for (const [name, make] of hostile) {
    const bytes = make()
    const rss = process.memoryUsage.rss()
    const start = performance.now()
    const result = await importBytes(bytes, name.split(' ')[0]!)
    const ms = performance.now() - start
    const grown = (process.memoryUsage.rss() - rss) / 1048576
    log(`import hostile ${name}: ${ms.toFixed(0)} ms to ${'error' in result ? 'a clear error' : 'NO ERROR'}, RSS +${grown.toFixed(0)} MB (target < 2000 ms, bounded)\n`)
  }
  return { medianMs: all }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchImport(Number(process.argv[2] ?? 5))

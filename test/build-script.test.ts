/**
 * `npm start` and `npm test` rebuild dist/ only when something it is built
 * from changed (scripts/build.mjs --if-stale); `npm install` always builds.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { BUILD_INPUTS, isStale, STAMP } from '../scripts/stale.mjs'

const root = join(import.meta.dirname, '..')

/** A package root with every build input, all dated `at` (seconds). */
function fakeRoot(at: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-stale-'))
  for (const input of BUILD_INPUTS) {
    const path = join(dir, input)
    if (input === 'src') {
      mkdirSync(join(path, 'cli'), { recursive: true })
      writeFileSync(join(path, 'cli', 'main.ts'), '')
      for (const p of [join(path, 'cli', 'main.ts'), join(path, 'cli'), path]) utimesSync(p, at, at)
    } else {
      mkdirSync(join(path, '..'), { recursive: true })
      writeFileSync(path, '')
      utimesSync(path, at, at)
    }
  }
  return dir
}

function stamp(dir: string, at: number): void {
  mkdirSync(join(dir, 'dist'), { recursive: true })
  writeFileSync(join(dir, STAMP), '')
  utimesSync(join(dir, STAMP), at, at)
}

test('stale when never built, when a source, a folder (a file deleted) or a config is newer than the last build', () => {
  const dir = fakeRoot(1_000_000)
  assert.equal(isStale(dir), true, 'no stamp: never built')
  stamp(dir, 2_000_000)
  assert.equal(isStale(dir), false)
  utimesSync(join(dir, 'src', 'cli', 'main.ts'), 3_000_000, 3_000_000)
  assert.equal(isStale(dir), true, 'a source edited')
  stamp(dir, 4_000_000)
  rmSync(join(dir, 'src', 'cli', 'main.ts'))
  utimesSync(join(dir, 'src', 'cli'), 5_000_000, 5_000_000)
  assert.equal(isStale(dir), true, 'a source deleted (its folder changed)')
  stamp(dir, 6_000_000)
  utimesSync(join(dir, 'node_modules', '.package-lock.json'), 7_000_000, 7_000_000)
  assert.equal(isStale(dir), true, 'dependencies installed')
})

test('this checkout is built and up to date, and --if-stale then leaves dist/ alone', () => {
  assert.equal(isStale(root), false, 'run npm run build')
  const before = statSync(join(root, STAMP)).mtimeMs
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  assert.equal(run.stdout + run.stderr, '')
  assert.equal(statSync(join(root, STAMP)).mtimeMs, before)
})

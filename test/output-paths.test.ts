/**
 * Nothing a build writes lands outside `--out`: the agency folder comes
 * from the resolved report path (`a/x/../2024.md` is in `a`), odd folder
 * names are just names, and a link planted in the output folder is refused
 * with a diagnostic rather than followed.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { test } from 'node:test'
import { buildTree } from '../src/build/build-tree.js'

const repo = join(import.meta.dirname, '..')
const cli = join(repo, 'bin', 'nianbao.js')
const seed = readFileSync(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
const withAgency = (name: string) => seed.replace(/^agency: .*$/m, `agency: ${JSON.stringify(`${name}卫生健康委员会`)}`)

function files(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else out.push(relative(dir, p))
    }
  }
  walk(dir)
  return out.sort()
}

const nianbao = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' })

test('build some/a/x/../2024.md --out some/a/out writes only inside some/a/out, under the agency "a"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-paths-'))
  mkdirSync(join(dir, 'some', 'a', 'x'), { recursive: true })
  writeFileSync(join(dir, 'some', 'a', '2024.md'), seed)
  const run = nianbao(dir, 'build', 'some/a/x/../2024.md', '--out', 'some/a/out', '--to', 'html,pdf,bundle')
  assert.equal(run.status, 0, run.stderr)
  const written = files(dir).filter((p) => p !== join('some', 'a', '2024.md'))
  assert.ok(written.length >= 6, written.join(' '))
  for (const path of written) assert.ok(path.startsWith(join('some', 'a', 'out', 'a') + '/'), path)
})

test('build ./2024.md from inside the agency folder: the agency is the folder, not "."', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-paths-'))
  mkdirSync(join(dir, 'content', 'ruzhou'), { recursive: true })
  writeFileSync(join(dir, 'content', 'ruzhou', '2024.md'), seed)
  const run = nianbao(join(dir, 'content', 'ruzhou'), 'build', './2024.md', '--out', '../../out')
  assert.equal(run.status, 0, run.stderr)
  assert.deepEqual(files(join(dir, 'out')), [join('ruzhou', '2024', 'index.html')])
})

test('odd folder names (-rf, %2e%2e, spaces, Chinese, 255 characters) are plain names inside out/', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-paths-'))
  const names = ['-rf', '%2e%2e', 'a b', '汝州市卫健委', 'x'.repeat(255), '..x', '.']
  const real = names.filter((n) => n !== '.')
  real.forEach((name, i) => {
    mkdirSync(join(dir, 'content', name), { recursive: true })
    writeFileSync(join(dir, 'content', name, '2024.md'), withAgency(`第${i}`))
  })
  for (const name of real) {
    const run = nianbao(dir, 'build', join(dir, 'content', name, '2024.md'), '--out', 'out')
    assert.equal(run.status, 0, `${name}: ${run.stderr}`)
    assert.ok(existsSync(join(dir, 'out', name, '2024', 'index.html')), name)
  }
  const tree = await buildTree({ root: join(dir, 'content'), outDir: join(dir, 'tree'), jobs: 1, tty: false, targets: ['html'], stdout: () => undefined, stderr: () => undefined })
  // Hidden folders (`..x`) are not searched by a whole-tree build, as .git is not.
  assert.equal(tree.built, real.filter((n) => !n.startsWith('.')).length)
  for (const path of files(join(dir, 'tree'))) assert.ok(!path.startsWith('..'), path)
  const index = readFileSync(join(dir, 'tree', 'index.html'), 'utf8')
  assert.ok(index.includes('href="%252e%252e/2024/index.html"'), 'a literal % is escaped in links')
  assert.ok(index.includes('href="-rf/2024/index.html"'))
})

test('a link in the output folder that leads elsewhere is refused (output-inside-out), nothing written through it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-paths-'))
  const elsewhere = mkdtempSync(join(tmpdir(), 'nianbao-elsewhere-'))
  mkdirSync(join(dir, 'content', 'ruzhou'), { recursive: true })
  writeFileSync(join(dir, 'content', 'ruzhou', '2024.md'), seed)
  mkdirSync(join(dir, 'out'))
  symlinkSync(elsewhere, join(dir, 'out', 'ruzhou'))
  const run = nianbao(dir, 'build', 'content/ruzhou/2024.md', '--to', 'html')
  assert.equal(run.status, 1, run.stdout + run.stderr)
  assert.match(run.stderr, /output-inside-out/)
  assert.deepEqual(readdirSync(elsewhere), [])
  // A linked content folder is fine: its outputs go under its own name, inside out/.
  symlinkSync(join(dir, 'content', 'ruzhou'), join(dir, 'content', 'alias'))
  const linked = nianbao(dir, 'build', 'content/alias/2024.md', '--to', 'html', '--out', 'out2')
  assert.equal(linked.status, 0, linked.stderr)
  assert.ok(statSync(join(dir, 'out2', 'alias', '2024', 'index.html')).isFile())
})

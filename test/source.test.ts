/**
 * Bad input: every malformed file gets positioned diagnostics through the
 * real CLI, exit code 1 or 2, and never a stack trace.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import type { Diagnostic } from '../src/diagnostics/types.js'
import { validatePaths } from '../src/pipeline.js'
import { limits } from '../src/limits.js'
import { loadReport } from '../src/source/report.js'
import { assertExpected, formatDiagnostics } from './util/fixtures.js'

const root = join(import.meta.dirname, 'fixtures', 'source')
const repo = join(import.meta.dirname, '..')
const bin = join(import.meta.dirname, '..', 'bin', 'nianbao.js')

function cli(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
}

/** The first diagnostic each case must produce: rule id, line, column. */
const expected: Record<string, [string, number, number] | null> = {
  'broken-yaml': ['yaml-syntax', 3, 9],
  'no-front-matter': ['front-matter-present', 1, 1],
  'unclosed-front-matter': ['front-matter-closed', 1, 1],
  'empty-file': ['front-matter-present', 1, 1],
  'binary-file': ['text-encoding', 1, 1],
  'utf8-bom': ['utf8-without-bom', 1, 1],
  'crlf-line-ends': ['count-non-negative-integer', 10, 14],
  'wrong-types': ['number-not-text', 4, 7],
  'negative-and-decimal-counts': ['count-non-negative-integer', 10, 14],
  'fullwidth-digits': ['fullwidth-digit', 15, 14],
  'unknown-keys': ['known-key', 12, 3],
  'missing-sections': ['section-required', 59, 1],
  'list-wrong-length': ['list-length', 46, 19],
  'not-a-mapping': ['value-type', 2, 1],
  'gbk-encoded': ['text-encoding', 1, 1],
  valid: null,
}

async function diagnosticsFor(path: string): Promise<Diagnostic[]> {
  return (await validatePaths([path])).flatMap((f) => diagnosticsOf(f))
}

for (const name of readdirSync(root)) {
  test(`bad input: ${name}`, async () => {
    const input = join(root, name, 'input.md')
    const diagnostics = await diagnosticsFor(input)
    const want = expected[name]
    if (want === undefined) assert.fail(`no expectation for fixture ${name}`)
    if (want === null) assert.deepEqual(diagnostics, [])
    else {
      const hit = diagnostics.find((d) => d.ruleId === want[0])
      assert.ok(hit, `${name}: expected ${want[0]}, got ${diagnostics.map((d) => d.ruleId).join(', ')}`)
      assert.deepEqual([hit.ruleId, hit.line, hit.column], want)
    }
    assertExpected(join(root, name, 'messages.txt'), formatDiagnostics(diagnostics, join(root, name)))

    const run = cli(['validate', input])
    assert.ok(run.status === 0 || run.status === 1 || run.status === 2, `exit ${run.status}`)
    assert.equal(run.status, want === null ? 0 : diagnostics.some((d) => d.severity === 'error') ? 1 : 0)
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'stack trace printed')
  })
}

test('CRLF line ends give the same positions as LF', async () => {
  const crlf = await diagnosticsFor(join(root, 'crlf-line-ends', 'input.md'))
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-'))
  const lf = join(dir, 'input.md')
  writeFileSync(lf, readFileSync(join(root, 'crlf-line-ends', 'input.md'), 'utf8').replace(/\r\n/g, '\n'))
  const plain = await diagnosticsFor(lf)
  const strip = (list: Diagnostic[]) => list.map(({ file: _file, ...rest }) => rest)
  assert.deepEqual(strip(crlf), strip(plain))
})

test('a report just under the size limit validates and reports the long overview; a 5 MB one gets the limit, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-'))
  const base = readFileSync(join(root, 'valid', 'input.md'), 'utf8')
  const sentence = '政务公开工作稳步推进，信息发布及时准确。'
  const fill = (bytes: number) => sentence.repeat(Math.floor(bytes / Buffer.byteLength(sentence)))
  const big = join(dir, 'big.md')
  writeFileSync(big, base.replace('## 二、', `${fill(limits.fileBytes - 20_000)}\n\n## 二、`))
  assert.ok(readFileSync(big).length > limits.fileBytes - 20_000 && readFileSync(big).length <= limits.fileBytes)
  assert.deepEqual((await diagnosticsFor(big)).map((d) => d.ruleId), ['overview-length'])
  assert.equal(cli(['validate', big]).status, 0)

  const huge = join(dir, 'huge.md')
  writeFileSync(huge, base.replace('## 二、', `${fill(5_000_000)}\n\n## 二、`))
  assert.deepEqual((await diagnosticsFor(huge)).map((d) => d.ruleId), ['file-size-limit'])
  const run = cli(['validate', huge])
  assert.equal(run.status, 1)
  assert.match(run.stdout, /文件大小为 4\.\d MB，超过上限 512 KB/)
})

test('a missing path is an I/O error: exit 2, no stack trace', () => {
  const run = cli(['validate', join(root, 'does-not-exist.md')])
  assert.equal(run.status, 2)
  assert.match(run.stderr, /路径不存在/)
})

test('an unknown option is a usage error: exit 2', () => {
  const run = cli(['validate', '--no-such-option'])
  assert.equal(run.status, 2)
})

test('a path that is not a readable file is a positioned file-readable error, not a crash', async () => {
  const file = await loadReport(root)
  assert.deepEqual(
    diagnosticsOf(file).map((d) => [d.ruleId, d.severity, d.line, d.column]),
    [['file-readable', 'error', 1, 1]],
  )
  assert.match(diagnosticsOf(file)[0]!.message, /这是文件夹，不是文件/)
  const gone = await loadReport(join(root, 'no-such-report.md'))
  assert.match(diagnosticsOf(gone)[0]!.message, /文件不存在/)
  assert.match(diagnosticsOf(await loadReport(join(root, 'no-such-report.md'), { lang: 'en' }))[0]!.message, /Cannot read the file: no such file$/)
})

test('a named pipe called 2023.md: validate says it is no regular file, a whole-tree build does not wait on it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-fifo-'))
  mkdirSync(join(dir, 'content', 'a'), { recursive: true })
  cpSync(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), join(dir, 'content', 'a', '2024.md'))
  const fifo = join(dir, 'content', 'a', '2023.md')
  if (spawnSync('mkfifo', [fifo]).status !== 0) return // no mkfifo here
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'validate', fifo], { encoding: 'utf8', timeout: 20_000 })
  assert.equal(run.status, 2, run.stdout + run.stderr)
  assert.match(run.stdout, /无法读取文件：不是普通文件（管道、设备或套接字）/)
  // The build reads 2023.md for 2024's cache key: opened without waiting for a writer.
  const build = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'build', '--to', 'html'], { cwd: dir, encoding: 'utf8', timeout: 30_000 })
  assert.equal(build.error, undefined, 'the build finished')
  assert.equal(build.status, 0, build.stdout + build.stderr)
  assert.ok(existsSync(join(dir, 'out', 'a', '2024', 'index.html')))
})

/**
 * Issue 14.7 / 14.8: the hostile structures that overflowed the stack or
 * ran for minutes now get their limit's diagnostic (and only that), through
 * `validate`, `build` and the importer. Inputs are generated here, never
 * committed. How fast is measured by `bench/limits.ts`, not asserted; the
 * timeout only turns a regression into a failure instead of a hang.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { validatePaths } from '../src/pipeline.js'
import { hostileCases, validReport as report, withBody, withYaml } from './util/limit-cases.js'

const root = join(import.meta.dirname, '..')
const bin = join(root, 'bin', 'nianbao.js')
const dir = mkdtempSync(join(tmpdir(), 'nianbao-hostile-'))

for (const { name, make, rules } of hostileCases) {
  test(`14.7/14.8 ${name}: ${rules.join(', ')}`, { timeout: 60_000 }, async () => {
    const agency = join(dir, name.replace(/[^a-z0-9]+/gi, '-').toLowerCase())
    mkdirSync(agency, { recursive: true })
    const path = join(agency, '2024.md')
    writeFileSync(path, make())
    const [file] = await validatePaths([path])
    const diagnostics = diagnosticsOf(file!)
    assert.deepEqual([...new Set(diagnostics.map((d) => d.ruleId))].sort(), [...rules].sort(), diagnostics.map((d) => d.message).join('\n'))
    for (const d of diagnostics) assert.match(d.message, /超过上限/)
  })
}

function cli(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir })
}

test('validate: a hostile file among good ones gets its limit, the good ones their results (exit 1, no stack trace)', { timeout: 60_000 }, () => {
  const tree = join(dir, 'batch')
  for (const [agency, text] of [
    ['a-good', report],
    ['b-deep', withBody(`${'>'.repeat(10_000)} 引用`)],
    ['c-yaml', withYaml(`x: ${'['.repeat(10_000)}${']'.repeat(10_000)}`)],
    ['d-good', report.replace('示例市卫生健康委员会', '示例市教育局')],
  ] as const) {
    mkdirSync(join(tree, agency), { recursive: true })
    writeFileSync(join(tree, agency, '2024.md'), text)
  }
  const run = cli(['validate', tree, '--format', 'json'])
  assert.equal(run.status, 1, run.stderr)
  assert.equal(run.stderr, '')
  const diagnostics = JSON.parse(run.stdout) as { file: string; ruleId: string }[]
  assert.deepEqual(
    diagnostics.map((d) => `${d.file.split('/').at(-2)} ${d.ruleId}`),
    ['b-deep markdown-depth-limit', 'c-yaml yaml-depth-limit'],
  )
})

test('build: a hostile file is not built and says why; the good one is built', { timeout: 120_000 }, () => {
  const tree = join(dir, 'build')
  mkdirSync(join(tree, 'good'), { recursive: true })
  mkdirSync(join(tree, 'hostile'), { recursive: true })
  writeFileSync(join(tree, 'good', '2024.md'), report)
  writeFileSync(join(tree, 'hostile', '2024.md'), withBody('[a]('.repeat(50_000)))
  const out = join(dir, 'build-out')
  const run = cli(['build', join(tree, 'good', '2024.md'), join(tree, 'hostile', '2024.md'), '--to', 'html', '--out', out])
  assert.equal(run.status, 1, run.stderr)
  assert.doesNotMatch(run.stderr, /内部错误|at .*\.js:\d+/)
  assert.match(run.stdout + run.stderr, /markdown-brackets-limit/)
  assert.ok(readFileSync(join(out, 'good', '2024', 'index.html'), 'utf8').includes('示例市卫生健康委员会'))
})

test('import: pages nested thousands deep (divs, misnested formatting) get import-html-depth-limit, no stack overflow', { timeout: 60_000 }, () => {
  const deep = join(dir, 'deep.html')
  writeFileSync(deep, `<html><body>${'<div>'.repeat(5000)}2024年政府信息公开工作年度报告${'</div>'.repeat(5000)}</body></html>`)
  const misnested = join(dir, 'misnested.html')
  writeFileSync(misnested, '<b><i>政府信息公开</b>'.repeat(20_000))
  const run = cli(['import', deep, misnested, '--agency-id', 'x', '--out-dir', join(dir, 'imported')])
  assert.equal(run.status, 2)
  assert.doesNotMatch(run.stderr, /内部错误|Maximum call stack/)
  assert.match(run.stdout, /网页元素的嵌套层数为 5,002 层，超过上限 256 层.*import-html-depth-limit/)
  assert.match(run.stdout, /网页元素的嵌套层数为 20,003 层，超过上限 256 层.*import-html-depth-limit/)
})

test('build: an agency template that nests itself thousands deep gets template-html-depth-limit once, no stack overflow; 200 levels still render', { timeout: 120_000 }, () => {
  const nested = (levels: number) => `${'<div>'.repeat(levels)}示例市卫生健康委员会${'</div>'.repeat(levels)}`
  for (const [name, levels] of [
    ['template-deep', 5000],
    ['template-200', 200],
  ] as const) {
    mkdirSync(join(dir, name, 'a', 'templates'), { recursive: true })
    writeFileSync(join(dir, name, 'a', '2024.md'), report)
    writeFileSync(join(dir, name, 'a', 'templates', 'letterhead.hbs'), nested(levels))
  }
  const deep = cli(['build', join(dir, 'template-deep'), '--to', 'pdf,docx', '--out', join(dir, 'template-deep-out'), '--format', 'json'])
  assert.equal(deep.status, 1, deep.stderr)
  assert.doesNotMatch(deep.stdout + deep.stderr, /internal-error|Maximum call stack/)
  const said = (JSON.parse(deep.stdout) as { diagnostics: { ruleId: string; message: string }[] }).diagnostics
  assert.deepEqual(
    said.map((d) => d.ruleId),
    ['template-html-depth-limit'],
  )
  assert.match(said[0]!.message, /模板生成的网页的元素嵌套层数为 5,00\d 层，超过上限 256 层/)
  const under = cli(['build', join(dir, 'template-200'), '--to', 'pdf,docx', '--out', join(dir, 'template-200-out')])
  assert.equal(under.status, 0, under.stdout + under.stderr)
  assert.ok(readFileSync(join(dir, 'template-200-out', 'a', '2024', 'report.pdf')).byteLength > 10_000)
})

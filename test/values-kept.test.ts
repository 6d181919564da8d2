/**
 * A value the author wrote is never lost: numbers the YAML parser cannot
 * keep as written are errors at their place, their cells are invalid (not
 * Infinity, not 0), and the build refuses to publish them.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { getCell } from '../src/source/cells.js'
import { literalProblem } from '../src/source/number-literals.js'
import { loadReportFromText } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'

const repo = join(import.meta.dirname, '..')
const base = readFileSync(join(import.meta.dirname, 'fixtures', 'rules', 'meta-value', 'ok.md'), 'utf8')

function validate(text: string) {
  const file = loadReportFromText('agency/2024.md', text)
  validateReport(file)
  return { file, diagnostics: diagnosticsOf(file) }
}

test('state_secret: [1e400, …] is an error at the value, and the cell is invalid, not Infinity', () => {
  const { file, diagnostics } = validate(base.replace('state_secret: [0, 0, 0, 0, 0, 0, 0]', 'state_secret: [1e400, 0, 0, 0, 0, 0, 0]'))
  const errors = diagnostics.filter((d) => d.severity === 'error')
  assert.deepEqual(
    errors.map((d) => [d.ruleId, d.line, d.column, d.endColumn]),
    [['number-representable', 20, 20, 25]],
  )
  const cell = getCell(file.data.report!.stats, 'requests', 'requests', ['refused', 'state_secret'], 'natural')
  assert.deepEqual([cell.value, cell.origin], [null, 'invalid'])
})

test('1e-400 is not read as 0, and a whole number beyond 2^53 is not rounded', () => {
  const { file, diagnostics } = validate(base.replace('  fees: 0\n', '  fees: 1e-400\n').replace('  licensing: 12\n', '  licensing: 9007199254740993\n'))
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error').map((d) => [d.ruleId, d.line]),
    [
      ['number-representable', 10],
      ['number-representable', 13],
    ],
  )
  const stats = file.data.report!.stats
  assert.equal(getCell(stats, 'active', 'article-20-8', ['fees'], 'amount').origin, 'invalid')
  assert.equal(getCell(stats, 'active', 'article-20-5', ['licensing'], 'decisions').origin, 'invalid')
})

test('every kind of unkeepable literal has a reason; ordinary numbers have none', () => {
  assert.ok(literalProblem('1e400', Infinity))
  assert.ok(literalProblem('-1e400', -Infinity))
  assert.ok(literalProblem('.inf', Infinity))
  assert.ok(literalProblem('.nan', NaN))
  assert.ok(literalProblem('1e-400', 0))
  assert.ok(literalProblem('0.000…', 0) === undefined)
  assert.ok(literalProblem('12345678901234567890', 12345678901234567000))
  assert.ok(literalProblem('0.12345678901234567', 0.12345678901234567))
  for (const ok of ['0', '0.0', '000', '71.8526', '1e3', '9007199254740991', '123456.123456', '0x1F', '1.50000000000000000'])
    assert.equal(literalProblem(ok, Number(ok)), undefined, ok)
})

test('the build refuses a report whose number cannot be kept: nothing is written, exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-values-'))
  mkdirSync(join(dir, 'agency'))
  writeFileSync(join(dir, 'agency', '2024.md'), base.replace('state_secret: [0, 0, 0, 0, 0, 0, 0]', 'state_secret: [1e400, 0, 0, 0, 0, 0, 0]'))
  const out = join(dir, 'out')
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'build', join(dir, 'agency', '2024.md'), '--to', 'html,bundle', '--out', out], {
    encoding: 'utf8',
  })
  assert.equal(run.status, 1, run.stdout + run.stderr)
  assert.match(run.stderr, /number-representable/)
  assert.ok(!existsSync(out), 'no output')
})

test('safety net: a cell read as invalid without any schema error still gets an error at its place', () => {
  const file = loadReportFromText('agency/2024.md', base)
  // A reading gap no schema rule covers (simulated): the cell is invalid, the YAML value looks fine.
  getCell(file.data.report!.stats, 'requests', 'requests', ['granted'], 'research').origin = 'invalid'
  validateReport(file)
  const errors = diagnosticsOf(file).filter((d) => d.severity === 'error')
  assert.deepEqual(
    errors.map((d) => [d.ruleId, d.line, d.column]),
    [['value-type', 17, 19]],
  )
})

/**
 * The front-matter validators compiled ahead of time (Ajv standalone code in
 * dist/validate/generated/, written by the build) are used when they match
 * the format, and find exactly what Ajv compiling the schema finds.
 */
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { formats } from '../src/formats/index.js'
import { loadReport } from '../src/source/report.js'
import { schemaValidator } from '../src/validate/validators.js'

const fixtures = join(import.meta.dirname, 'fixtures')

test('the build’s generated validators are the ones used', () => {
  for (const format of formats) assert.equal(schemaValidator(format).origin, 'generated', `${format.id}: run npm run build`)
})

test('a format that differs from what was generated is compiled instead, never validated by stale code', () => {
  const changed = { ...formats[0]!, meta: formats[0]!.meta.map((m) => (m.key === 'region' ? { ...m, label: '地区（改）' } : m)) }
  assert.equal(schemaValidator(changed).origin, 'compiled')
  assert.equal(schemaValidator(formats[0]!).origin, 'generated')
})

test('generated and compiled validators report the same errors on every fixture and seed', async () => {
  const paths = [
    ...readdirSync(join(fixtures, 'rules')).flatMap((rule) =>
      readdirSync(join(fixtures, 'rules', rule)).filter((n) => n.endsWith('.md')).map((n) => join(fixtures, 'rules', rule, n)),
    ),
    ...readdirSync(join(import.meta.dirname, '..', 'content')).flatMap((agency) =>
      readdirSync(join(import.meta.dirname, '..', 'content', agency)).filter((n) => n.endsWith('.md')).map((n) => join(import.meta.dirname, '..', 'content', agency, n)),
    ),
  ]
  let withErrors = 0
  for (const path of paths) {
    const file = await loadReport(path)
    const report = file.data.report
    const data = file.data.source?.data
    if (!report || data === undefined) continue
    const generated = schemaValidator(report.format)
    const compiled = schemaValidator(report.format, { compile: true })
    assert.equal(compiled.origin, 'compiled')
    const a = generated.validate(data)
    const errorsA = structuredClone(generated.validate.errors ?? [])
    const b = compiled.validate(data)
    const errorsB = structuredClone(compiled.validate.errors ?? [])
    assert.equal(a, b, path)
    assert.deepEqual(errorsA, errorsB, path)
    if (!a) withErrors++
  }
  assert.ok(withErrors >= 10, `only ${withErrors} fixtures with schema errors`)
})

import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { rulesDoc } from '../src/diagnostics/rules-doc.js'
import { derivedDoc } from '../src/formats/derived-doc.js'
import { flagsDoc } from '../src/rollup/flags-doc.js'
import { referencesDoc } from '../src/formats/references-doc.js'
import { validatePaths } from '../src/pipeline.js'

const root = join(import.meta.dirname, '..')

test('docs/rules.md is up to date with the catalogue and fixtures (npm run docs)', () => {
  const generated = rulesDoc(join(root, 'test', 'fixtures', 'rules'))
  assert.equal(readFileSync(join(root, 'docs', 'rules.md'), 'utf8'), generated)
})

test('docs/derived.md is up to date with the derived-figure definitions (npm run docs)', () => {
  assert.equal(readFileSync(join(root, 'docs', 'derived.md'), 'utf8'), derivedDoc())
})

test('docs/flags.md is up to date with the roll-up flag rules (npm run docs)', () => {
  assert.equal(readFileSync(join(root, 'docs', 'flags.md'), 'utf8'), flagsDoc())
})

test('docs/references.md is up to date with the format definitions (npm run docs)', () => {
  assert.equal(readFileSync(join(root, 'docs', 'references.md'), 'utf8'), referencesDoc())
})

test('the README’s complete report example validates without a single diagnostic', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const start = readme.indexOf('```markdown\n', readme.indexOf('## The report file')) + '```markdown\n'.length
  const example = readme.slice(start, readme.indexOf('\n```\n', start) + 1)
  const dir = join(mkdtempSync(join(tmpdir(), 'nianbao-readme-')), 'agency')
  mkdirSync(dir)
  writeFileSync(join(dir, '2024.md'), example)
  const files = await validatePaths([dir])
  assert.equal(files.length, 1)
  assert.deepEqual(diagnosticsOf(files[0]!), [])
})

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { rulesDoc } from '../src/diagnostics/rules-doc.js'

const root = join(import.meta.dirname, '..')

test('docs/rules.md is up to date with the catalogue and fixtures (npm run docs)', () => {
  const generated = rulesDoc(join(root, 'test', 'fixtures', 'rules'))
  assert.equal(readFileSync(join(root, 'docs', 'rules.md'), 'utf8'), generated)
})

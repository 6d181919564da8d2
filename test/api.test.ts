/**
 * The library exposes exactly the API the README documents.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

test('should expose the documented public api', async () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## API'), readme.indexOf('## Diagnostics'))
  const documented = [...section.matchAll(/^\| (`.+?`) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`(\w+)`/g)].map((n) => n[1]!))
  assert.deepEqual(Object.keys(await import('../src/index.js')).sort(), documented.sort())
})

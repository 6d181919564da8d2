/**
 * Every rule in the catalogue has an ok and a not-ok fixture: the ok case
 * raises nothing of that rule, the not-ok case raises it, and the full
 * message list of the not-ok case is pinned.
 */
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { catalog } from '../src/diagnostics/catalog.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import type { LimitValues } from '../src/limits.js'
import { validatePaths } from '../src/pipeline.js'
import { assertExpected, formatDiagnostics } from './util/fixtures.js'

const root = join(import.meta.dirname, 'fixtures', 'rules')

function casePath(rule: string, name: 'ok' | 'not-ok'): string {
  const file = join(root, rule, `${name}.md`)
  return existsSync(file) ? file : join(root, rule, name)
}

/** A limit rule's fixture may lower the limit (`limits.json`) rather than commit megabytes. */
function fixtureLimits(rule: string): Partial<LimitValues> {
  const file = join(root, rule, 'limits.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LimitValues>) : {}
}

async function run(path: string, limits: Partial<LimitValues> = {}) {
  const files = await validatePaths([path], { limits })
  return files.flatMap((f) => diagnosticsOf(f))
}

for (const entry of catalog.values()) {
  if (!entry.fixtures) continue
  test(`rule ${entry.ruleId}`, async () => {
    const ok = casePath(entry.ruleId, 'ok')
    const notOk = casePath(entry.ruleId, 'not-ok')
    assert.ok(existsSync(ok), `missing fixture ${ok}`)
    assert.ok(existsSync(notOk), `missing fixture ${notOk}`)

    const limits = fixtureLimits(entry.ruleId)
    const okMessages = (await run(ok, limits)).filter((d) => d.ruleId === entry.ruleId)
    assert.deepEqual(okMessages, [], `ok fixture of ${entry.ruleId} raised it`)

    const messages = await run(notOk, limits)
    const hits = messages.filter((d) => d.ruleId === entry.ruleId)
    assert.ok(hits.length > 0, `not-ok fixture of ${entry.ruleId} did not raise it`)
    for (const hit of hits) {
      assert.equal(hit.severity, entry.severity)
      assert.equal(hit.source, entry.source)
      assert.ok(hit.line >= 1 && hit.column >= 1)
    }
    assertExpected(join(root, entry.ruleId, 'not-ok.messages.txt'), formatDiagnostics(messages, join(root, entry.ruleId)))
  })
}

test('every fixture folder names a catalogue rule', () => {
  for (const name of readdirSync(root)) assert.ok(catalog.has(name), `fixtures/rules/${name} has no catalogue entry`)
})

/**
 * `nianbao verify` catches a single changed byte anywhere in a bundle, also
 * in the last byte of a deflate stream, where a flip can leave the inflated
 * bytes unchanged (the padding bits after the end-of-block code): the
 * archive is zipped again exactly as the build does and compared byte for
 * byte. The build also writes `<year>.zip.sha256`, which verify checks.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { VFile } from 'vfile'
import { archiveHashText } from '../src/bundle/manifest.js'
import { verifyBundle, verifyBundleBytes } from '../src/bundle/verify.js'
import { readDirectory } from '../src/bundle/zip-read.js'
import { createBundle } from '../src/bundle/zip.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { loadReport } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'

const fixture = join(import.meta.dirname, 'fixtures', 'bundle', 'omitted-totals', 'agency', '2024.md')

async function bundle(nianbaoVersion?: string) {
  const file = await loadReport(fixture)
  validateReport(file)
  const made = createBundle({ file, source: readFileSync(fixture), html: '<p>页</p>', pdf: new Uint8Array([37, 80, 68, 70]), ...(nianbaoVersion ? { nianbaoVersion } : {}) })
  assert.ok(made)
  return made.zip
}

function diagnostics(bytes: Uint8Array) {
  const file = new VFile({ path: 'bundle.zip' })
  verifyBundleBytes(file, bytes)
  return diagnosticsOf(file)
}

test('every bit of the last two bytes of every deflated member: each flip is an error naming the member', async () => {
  const zip = await bundle()
  assert.deepEqual(diagnostics(zip), [])
  let flips = 0
  for (const entry of readDirectory(zip)) {
    if (entry.method !== 8) continue
    for (let at = entry.compressedSize - 2; at < entry.compressedSize; at++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = zip.slice()
        bad[entry.dataOffset + at]! ^= 1 << bit
        const errors = diagnostics(bad).filter((d) => d.severity === 'error')
        assert.ok(errors.length > 0, `${entry.name}: byte ${at}, bit ${bit} not caught`)
        assert.ok(errors.some((d) => d.message.includes(entry.name)), `${entry.name}: ${errors.map((d) => d.message).join(' | ')}`)
        flips++
      }
    }
  }
  assert.ok(flips >= 64, `${flips} flips`)
})

test('a dense sample: every ninth byte of the archive changed (one bit, rotating), each change is an error', async () => {
  const zip = await bundle()
  const missed: number[] = []
  for (let i = 0; i < zip.length; i += 9) {
    const bad = zip.slice()
    bad[i]! ^= 1 << (i % 8)
    if (!diagnostics(bad).some((d) => d.severity === 'error')) missed.push(i)
  }
  assert.deepEqual(missed, [])
})

test('the build writes <year>.zip.sha256; verify checks the archive against it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-verify-'))
  const zip = await bundle()
  const path = join(dir, '2024.zip')
  writeFileSync(path, zip)
  writeFileSync(`${path}.sha256`, archiveHashText(zip, '2024.zip'))
  assert.deepEqual(diagnosticsOf(await verifyBundle(path)), [])
  writeFileSync(`${path}.sha256`, archiveHashText(new Uint8Array([1]), '2024.zip'))
  assert.deepEqual(diagnosticsOf(await verifyBundle(path)).map((d) => d.ruleId), ['bundle-archive-hash'])
})

test('a bundle made by another nianbao version: members checked, an info says the compressed bytes were not compared', async () => {
  const zip = await bundle('0.0.1')
  assert.deepEqual(diagnostics(zip).map((d) => [d.ruleId, d.severity]), [['bundle-compression-checked', 'info']])
})

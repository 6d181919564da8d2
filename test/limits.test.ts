/**
 * The limits as data (src/limits.ts): one rule per limit in the catalogue,
 * the README's table generated from them, values that a caller may lower,
 * the bundle limits in `verify`, and inputs right at a limit still parsed.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { zipSync } from 'fflate'
import { VFile } from 'vfile'
import { verifyBundle, verifyBundleBytes } from '../src/bundle/verify.js'
import { zipMembers } from '../src/bundle/zip.js'
import { catalog } from '../src/diagnostics/catalog.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { limitMessage, limitsTable, withLimitsTable } from '../src/limit-messages.js'
import { limitDefinitions, limits, resolveLimits } from '../src/limits.js'
import { loadReportFromText } from '../src/source/report.js'
import { frontMatterSpan, sourceLimitHits } from '../src/source/limit-scan.js'
import { readYaml } from '../src/source/yaml-limits.js'
import { atLimitCases, withBody } from './util/limit-cases.js'
import { validateReport } from '../src/validate/index.js'

const root = join(import.meta.dirname, '..')
const report = readFileSync(join(import.meta.dirname, 'fixtures', 'rules', 'text-encoding', 'ok.md'), 'utf8')

test('every limit is its own error rule in the catalogue, with the limit and the figure in both languages', () => {
  const ids = limitDefinitions.map((d) => d.ruleId)
  assert.equal(new Set(ids).size, ids.length)
  for (const d of limitDefinitions) {
    const entry = catalog.get(d.ruleId)
    assert.ok(entry, d.ruleId)
    assert.equal(entry.severity, 'error')
    assert.equal(entry.source, d.stage)
    assert.equal(entry.fixtures, d.stage === 'source')
    assert.ok(d.value > 0)
  }
  assert.equal(
    limitMessage({ key: 'yamlDepth', actual: 10_001 }),
    'YAML 的嵌套层数为 10,001 层，超过上限 32 层；报告的前置数据最多嵌套 3 层：请检查缩进、行首的 - 和括号 [ ] { } 是否多写或没有闭合',
  )
  assert.equal(
    limitMessage({ key: 'fileBytes', actual: 5 * 1024 * 1024 }, 'en'),
    'The file size is 5 MB, over the limit of 512 KB; reports are usually under 100 KB: check that this is the right file, or remove large pasted content',
  )
})

test('the README’s table of limits is generated from src/limits.ts (npm run docs)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  assert.equal(withLimitsTable(readme), readme)
  assert.ok(readme.includes(limitsTable()))
  for (const d of limitDefinitions) assert.ok(readme.includes(`\`${d.ruleId}\``), d.ruleId)
})

test('a caller may lower a limit; unknown keys and nonsense values keep the defaults', () => {
  const values = resolveLimits({ fileBytes: 1000, markdownDepth: Number.NaN, ...({ nonsense: 1 } as object) })
  assert.equal(values.fileBytes, 1000)
  assert.equal(values.markdownDepth, limits.markdownDepth)
  assert.ok(!('nonsense' in values))
  const file = loadReportFromText('content/a/2024.md', report, { limits: { fileBytes: 1000 } })
  assert.deepEqual(diagnosticsOf(file).map((d) => d.ruleId), ['file-size-limit'])
  assert.match(diagnosticsOf(file)[0]!.message, /超过上限 1,000 字节/)
})

test('at the limits everything is still parsed: YAML 32 levels, Markdown 16 levels', () => {
  const front = report.indexOf('\n---\n') + 1
  const deepYaml = `notes: ${'['.repeat(limits.yamlDepth - 1)}${']'.repeat(limits.yamlDepth - 1)}\n`
  const deepBody = `\n${'>'.repeat(limits.markdownDepth)} 引用\n`
  const file = loadReportFromText('content/a/2024.md', report.slice(0, front) + deepYaml + report.slice(front) + deepBody)
  validateReport(file)
  const ids = diagnosticsOf(file).map((d) => d.ruleId)
  assert.ok(!ids.some((id) => id.endsWith('-limit')), ids.join())
  assert.ok(file.data.report, 'parsed into a report')
  assert.ok(ids.includes('known-key'), 'the extra key is reported by the schema, so the YAML was read')
})

test('the bench’s costliest files (bench/limits.ts) are within every limit', () => {
  for (const c of atLimitCases) {
    const text = c.make()
    assert.deepEqual(sourceLimitHits(text, limits), [], c.name)
    const span = frontMatterSpan(text)!
    assert.ok('doc' in readYaml(text.slice(span.yamlStart, span.yamlEnd), limits), c.name)
  }
})

test('alias expansion is counted as the data a walk would visit', () => {
  const parsed = readYaml('z: &z [0, 0, 0, 0, 0, 0, 0]\na: *z\nb: *z\nc: [*z, *z]\n', limits)
  assert.ok('doc' in parsed)
  // Four aliases of a list of 7: each adds the list and its values (8) minus itself.
  const tight = readYaml('z: &z [0, 0, 0, 0, 0, 0, 0]\na: *z\nb: *z\nc: [*z, *z]\n', { ...limits, yamlAliasNodes: 27 })
  assert.ok('hits' in tight)
  assert.deepEqual(tight.hits, [{ key: 'yamlAliasNodes', actual: 28, offset: 48 }])
  const exact = readYaml('z: &z [0, 0, 0, 0, 0, 0, 0]\na: *z\nb: *z\nc: [*z, *z]\n', { ...limits, yamlAliasNodes: 28 })
  assert.ok('doc' in exact)
  // Nested: b holds two copies of a (2 × 3 values + the list), c three copies of b.
  const nested = readYaml('a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n', { ...limits, yamlAliasNodes: 0 })
  assert.ok('hits' in nested)
  assert.equal(nested.hits[0]!.actual, 2 * 2 + 3 * (1 + 2 * 3 - 1))
})

function verifyBytes(bytes: Uint8Array) {
  const file = new VFile({ path: 'bundle.zip' })
  verifyBundleBytes(file, bytes)
  return diagnosticsOf(file)
}

test('verify: more members than bundleEntries is refused before anything is inflated', () => {
  const files = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}.txt`, new Uint8Array([i])]))
  const diagnostics = verifyBytes(zipSync(files))
  assert.deepEqual(diagnostics.map((d) => d.ruleId), ['bundle-entries-limit'])
  assert.match(diagnostics[0]!.message, /^发布包中的文件个数为 65 个，超过上限 64 个/)
})

test('verify: a JSON member over bundleJsonBytes is not parsed', () => {
  // Digits that do not compress away (a 64 KB block is beyond deflate's window): the ratio limit
  // does not apply, the JSON limit does.
  let seed = 1
  const block = new Uint8Array(64 * 1024).map(() => 48 + ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 10)
  const digits = new Uint8Array(limits.bundleJsonBytes + 10)
  for (let at = 0; at < digits.length; at += block.length) digits.set(block.subarray(0, digits.length - at), at)
  const diagnostics = verifyBytes(zipMembers(new Map([['manifest.json', digits]])))
  assert.deepEqual(diagnostics.map((d) => d.ruleId), ['bundle-json-size-limit'])
  assert.match(diagnostics[0]!.message, /^manifest\.json：发布包中 JSON 文件（manifest\.json、data\.json）的大小为 8 MB（8,388,618 字节），超过上限 8 MB/)
})

test('verify: a file over bundleBytes is refused by its size, without being read', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'nianbao-limits-')), 'huge.zip')
  // Sparse: 65 MB on paper, nothing on disk.
  writeFileSync(path, '')
  truncateSync(path, limits.bundleBytes + 1024 * 1024)
  const diagnostics = diagnosticsOf(await verifyBundle(path))
  assert.deepEqual(diagnostics.map((d) => d.ruleId), ['bundle-size-limit'])
  assert.match(diagnostics[0]!.message, /为 65 MB，超过上限 64 MB/)
})

test('old Mac line endings (a lone CR) are lines to the pre-scan as they are to the parsers (found by the fuzzer)', () => {
  const nested = withBody(Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i % 40)}- 项`).join('\n'))
  for (const text of [nested, nested.replace(/\n/g, '\r'), nested.replace(/\n/g, '\r\n')]) {
    const hits = sourceLimitHits(text, limits).map((h) => h.key)
    assert.ok(hits.includes('markdownListItems'), JSON.stringify(hits))
  }
  // A CR is one character as an LF is: the hit is at the same offset of the text as written.
  const at = (text: string) => sourceLimitHits(text, limits).find((h) => h.key === 'markdownListItems')?.offset
  assert.equal(at(nested.replace(/\n/g, '\r')), at(nested))
  assert.equal(nested.replace(/\n/g, '\r').charAt(at(nested)! - 1), '\r', 'the offset starts a line')
})

/**
 * Portal bundle: contents and manifest, data.json/data.csv, determinism
 * across time zones, and `nianbao verify` catching every changed byte and
 * refusing unsafe archives (traversal, absolute paths, links, bombs).
 */
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { Ajv } from 'ajv'
import { unzipSync, zipSync, type ZipOptions } from 'fflate'
import { VFile } from 'vfile'
import { dataSchemaText, generateDataSchema } from '../src/bundle/data-schema.js'
import { csvField, CSV_HEADER } from '../src/bundle/export-csv.js'
import type { DataJson } from '../src/bundle/export-json.js'
import { sha256, type Manifest } from '../src/bundle/manifest.js'
import { verifyBundleBytes } from '../src/bundle/verify.js'
import { readDirectory } from '../src/bundle/zip-read.js'
import { createBundle, zipMembers } from '../src/bundle/zip.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { loadReport } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'

const root = join(import.meta.dirname, '..')
const fixture = join(import.meta.dirname, 'fixtures', 'bundle', 'omitted-totals', 'agency', '2024.md')
const html = '<!DOCTYPE html><html lang="zh-CN"><title>占位</title></html>\n'
const pdf = new TextEncoder().encode('%PDF-1.7\n% placeholder until the PDF renderer lands\n%%EOF\n')
const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

async function bundleOf(path: string) {
  const file = await loadReport(path)
  validateReport(file)
  const bundle = createBundle({ file, source: readFileSync(path), html, pdf })
  assert.ok(bundle)
  return { file, ...bundle }
}

function verifyBytes(bytes: Uint8Array) {
  const file = new VFile({ path: 'bundle.zip' })
  verifyBundleBytes(file, bytes)
  return diagnosticsOf(file)
}

test('a bundle holds the page, PDF, source, data and a manifest hashing each', async () => {
  const { zip, manifest, file } = await bundleOf(fixture)
  const members = unzipSync(zip)
  assert.deepEqual(Object.keys(members), ['data.csv', 'data.json', 'index.html', 'manifest.json', 'report.pdf', 'source.md'])
  assert.deepEqual(members['source.md'], new Uint8Array(readFileSync(fixture)), 'source.md is the author file byte for byte')
  assert.equal(decode(members['index.html']!), html)
  assert.deepEqual(members['report.pdf'], pdf)
  const written = JSON.parse(decode(members['manifest.json']!)) as Manifest
  assert.deepEqual(written, manifest)
  assert.equal(written.nianbao, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version)
  assert.equal(written.format, 'gb-2021')
  assert.equal(written.source.sha256, sha256(readFileSync(fixture)))
  assert.deepEqual(written.files.map((f) => f.name), ['data.csv', 'data.json', 'index.html', 'report.pdf', 'source.md'])
  for (const entry of written.files) {
    assert.equal(entry.size, members[entry.name]!.length, entry.name)
    assert.equal(entry.sha256, sha256(members[entry.name]!), entry.name)
  }
  assert.equal(file.data.report!.meta.agency, written.agency)
  // The PDF is already compressed: stored, not deflated again.
  const pdfEntry = readDirectory(zip).find((e) => e.name === 'report.pdf')!
  assert.equal(pdfEntry.method, 0)
})

test('data.json carries every cell of every table, labelled from the format definition', async () => {
  const { zip, file } = await bundleOf(fixture)
  const data = JSON.parse(decode(unzipSync(zip)['data.json']!)) as DataJson
  const format = file.data.report!.format
  const expected = format.tables.reduce((n, t) => n + t.blocks.reduce((m, b) => m + b.rows.length * b.columns.length, 0), 0)
  assert.equal(data.cells.length, expected)
  assert.equal(data.format.document, '国办公开办函〔2021〕30号')
  assert.equal(data.meta.agency, '汝州市卫生健康委员会')

  const cell = (rowCode: string, column: string) => data.cells.find((c) => c.table === 'requests' && c.rowCode === rowCode && c.column === column)!
  // The omitted row （七）总计 is computed and marked so.
  const total = cell('三（七）', 'natural')
  assert.deepEqual([total.rowLabel, total.value, total.origin], ['（七）总计', 3, 'computed'])
  const refused = cell('三（三）1', 'natural')
  assert.deepEqual(refused.rowGroups, ['三、本年度办理结果', '（三）不予公开'])
  assert.equal(refused.rowLabel, '1.属于国家秘密')
  assert.equal(refused.columnLabel, '自然人')
  assert.equal(cell('一', 'total').origin, 'given')
  // The omitted 总计 of row 二 is computed and marked so.
  assert.deepEqual([cell('二', 'total').value, cell('二', 'total').origin], [0, 'computed'])
  const fees = data.cells.find((c) => c.table === 'active' && c.column === 'amount')!
  assert.deepEqual([fees.unit, fees.valueType], ['万元', 'amount'])
  // A blank stays blank (null), never 0.
  const pending = data.cells.find((c) => c.table === 'appeals' && c.rowCode === '行政复议' && c.column === 'pending')!
  assert.deepEqual([pending.value, pending.origin], [null, 'blank'])

  // The validation summary is the validator's own diagnostics, pointing into source.md.
  assert.equal(data.validation.warnings, 2)
  assert.equal(data.validation.errors, 0)
  assert.deepEqual(data.validation.diagnostics.map((d) => [d.file, d.line, d.ruleId]), [
    ['source.md', 44, 'blank-cell'],
    ['source.md', 44, 'rule-checkable'],
  ])
  const validate = new Ajv({ strict: false }).compile(generateDataSchema())
  assert.ok(validate(data), JSON.stringify(validate.errors))
})

test('the data.json schema rejects a row the format does not have', async () => {
  const { zip } = await bundleOf(fixture)
  const data = JSON.parse(decode(unzipSync(zip)['data.json']!)) as DataJson
  data.cells[40]!.rowCode = '三（九）'
  assert.equal(new Ajv({ strict: false }).compile(generateDataSchema())(data), false)
})

test('schema/data.schema.json is the generated schema (nianbao schema --data > schema/data.schema.json)', () => {
  assert.equal(readFileSync(join(root, 'schema', 'data.schema.json'), 'utf8'), dataSchemaText())
})

test('data.csv: BOM, header, one CRLF line per cell, RFC 4180 quoting', async () => {
  const { zip } = await bundleOf(fixture)
  const members = unzipSync(zip)
  const csv = decode(members['data.csv']!)
  const data = JSON.parse(decode(members['data.json']!)) as DataJson
  assert.ok(csv.startsWith('\ufeff机关,年度,表格,行号,行名称,列代码,列名称,单位,数值\r\n'), 'BOM and header row')
  const lines = csv.slice(1).split('\r\n')
  assert.equal(lines.pop(), '')
  assert.equal(lines.length, data.cells.length + 1)
  assert.equal(lines[0], CSV_HEADER.join(','))
  const lead = `${data.meta.agency},${data.meta.year},`
  assert.ok(lines.includes(`${lead}表三,三（七）,（七）总计,natural,自然人,,3`), 'row 三（七）, with agency and year')
  assert.ok(lines.includes(`${lead}表二,第二十条第（八）项·行政事业性收费,行政事业性收费,amount,本年收费金额,万元,0`), 'fees in 万元')
  assert.ok(lines.includes(`${lead}表四,行政复议,行政复议,pending,尚未审结,,`), 'a blank cell is an empty field, not 0')
  assert.equal(csvField('a,b'), '"a,b"')
  assert.equal(csvField('说"明"'), '"说""明"""')
  assert.equal(csvField('两\n行'), '"两\n行"')
  assert.equal(csvField('普通'), '普通')
})

test('the same report gives a byte-identical bundle in any time zone', () => {
  const run = (tz: string) =>
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'util', 'bundle-sha.ts'), fixture], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    }).trim()
  const utc = run('UTC')
  assert.match(utc, /^[0-9a-f]{64}$/)
  assert.equal(run('Asia/Shanghai'), utc)
  assert.equal(run('America/New_York'), utc)
})

test('verify passes a sound bundle', async () => {
  const { zip } = await bundleOf(fixture)
  assert.deepEqual(verifyBytes(zip), [])
})

test('verify reports a flipped byte in every member, naming it', async () => {
  const { zip } = await bundleOf(fixture)
  for (const entry of readDirectory(zip)) {
    for (const at of [0, Math.floor(entry.compressedSize / 2), entry.compressedSize - 1]) {
      const bad = zip.slice()
      bad[entry.dataOffset + at]! ^= 0x01
      const errors = verifyBytes(bad).filter((d) => d.severity === 'error')
      assert.ok(errors.length > 0, `flip in ${entry.name} at ${at} not caught`)
      assert.ok(errors.some((d) => d.message.includes(entry.name)), `${entry.name}: ${errors.map((d) => d.message).join(' | ')}`)
    }
  }
})

test('verify reports a changed byte in any zip header', async () => {
  const { zip } = await bundleOf(fixture)
  const entries = readDirectory(zip)
  const data = new Set<number>()
  for (const e of entries) for (let i = e.dataOffset; i < e.dataOffset + e.compressedSize; i++) data.add(i)
  let checked = 0
  for (let i = 0; i < zip.length; i++) {
    if (data.has(i)) continue
    const bad = zip.slice()
    bad[i]! ^= 0x20
    assert.ok(verifyBytes(bad).some((d) => d.severity === 'error'), `header byte ${i} changed without an error`)
    checked++
  }
  assert.ok(checked > 300)
})

test('verify catches a member replaced inside a well-formed zip (hash, not CRC)', async () => {
  const { zip } = await bundleOf(fixture)
  const members = new Map(Object.entries(unzipSync(zip)))
  const data = decode(members.get('data.json')!).replace('"value":3,', '"value":4,')
  members.set('data.json', new TextEncoder().encode(data))
  members.set('extra.txt', new TextEncoder().encode('not in the manifest'))
  members.delete('data.csv')
  const messages = verifyBytes(zipMembers(members)).map((d) => `${d.ruleId} ${d.message}`)
  assert.ok(messages.some((m) => m.startsWith('bundle-hash-matches') && m.includes('data.json')), messages.join('\n'))
  assert.ok(messages.some((m) => m.startsWith('bundle-file-listed') && m.includes('extra.txt')), messages.join('\n'))
  assert.ok(messages.some((m) => m.startsWith('bundle-file-present') && m.includes('data.csv')), messages.join('\n'))
})

const regular: ZipOptions = { os: 3, attrs: (0o100644 << 16) >>> 0, mtime: new Date(1980, 0, 1) }
const text = (s: string) => new TextEncoder().encode(s)

function refusal(bytes: Uint8Array) {
  const diagnostics = verifyBytes(bytes)
  assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join('\n'))
  return diagnostics[0]!
}

test('verify refuses path traversal, absolute paths and links before reading anything', () => {
  const cases: [string, Uint8Array, string][] = [
    ['traversal', zipSync({ 'index.html': [text('x'), regular], '../../etc/cron.d/evil': [text('x'), regular] }), 'bundle-entry-safe'],
    ['nested traversal', zipSync({ 'a/../../evil': [text('x'), regular] }), 'bundle-entry-safe'],
    ['absolute', zipSync({ '/etc/passwd': [text('x'), regular] }), 'bundle-entry-safe'],
    ['drive letter', zipSync({ 'C:/Windows/evil.dll': [text('x'), regular] }), 'bundle-entry-safe'],
    ['backslash', zipSync({ '..\\evil': [text('x'), regular] }), 'bundle-entry-safe'],
    ['symlink', zipSync({ 'index.html': [text('/etc/passwd'), { ...regular, attrs: (0o120777 << 16) >>> 0 }] }), 'bundle-entry-safe'],
  ]
  for (const [name, bytes, rule] of cases) {
    const d = refusal(bytes)
    assert.equal(d.ruleId, rule, name)
    assert.equal(d.severity, 'error', name)
    assert.match(d.message, /拒绝/, name)
  }
})

/** Set the declared uncompressed size of every entry (local and central headers). */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice()
  const view = new DataView(out.buffer)
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true)
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true)
    if (sig === 0x02014b50) view.setUint32(i + 24, size, true)
  }
  return out
}

test('verify refuses zip bombs: huge declared size, extreme ratio, an entry outgrowing its header', () => {
  const small = zipSync({ 'data.json': [text('{}'.repeat(100)), regular] })
  const declared = refusal(declareSize(small, 0xfffffff0))
  assert.equal(declared.ruleId, 'bundle-size-limit')

  const zeros = zipSync({ 'data.json': [new Uint8Array(20 * 1024 * 1024), { ...regular, level: 9 }] })
  const ratio = refusal(zeros)
  assert.equal(ratio.ruleId, 'bundle-ratio-limit')
  assert.match(ratio.message, /data\.json：发布包中大于 1 MB 的成员的压缩比为 \d[\d,]*:1，超过上限 200:1/)

  // Declares 1 KB, inflates to 2 MB: stopped while streaming, not after.
  const liar = declareSize(zipSync({ 'data.json': [new Uint8Array(2 * 1024 * 1024), { ...regular, level: 9 }] }), 1024)
  const lying = refusal(liar)
  assert.equal(lying.ruleId, 'bundle-entry-intact')
  assert.match(lying.message, /data\.json/)
})

test('nianbao verify: exit 0 sound, 1 damaged or refused, 2 unreadable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-verify-'))
  const { zip } = await bundleOf(fixture)
  const good = join(dir, '2024.zip')
  writeFileSync(good, zip)
  const bad = join(dir, 'bad.zip')
  const flipped = zip.slice()
  const entry = readDirectory(zip).find((e) => e.name === 'report.pdf')!
  flipped[entry.dataOffset + 3]! ^= 1
  writeFileSync(bad, flipped)
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'nianbao.js'), 'verify', ...args], { encoding: 'utf8' })
  const ok = cli(good)
  assert.equal(ok.status, 0, ok.stdout + ok.stderr)
  const damaged = cli(bad)
  assert.equal(damaged.status, 1)
  assert.match(damaged.stdout, /report\.pdf/)
  assert.match(damaged.stdout, /bundle-entry-intact/)
  const missing = cli(join(dir, 'nope.zip'))
  assert.equal(missing.status, 2)
  assert.match(missing.stdout, /文件不存在/)
})

test('verify names the rule for an unreadable file, a non-zip, a broken manifest and data.json off its schema', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-verify-'))
  const cli = (path: string) => spawnSync(process.execPath, [join(root, 'bin', 'nianbao.js'), 'verify', path], { encoding: 'utf8' })
  const missing = cli(join(dir, 'nope.zip'))
  assert.equal(missing.status, 2)
  assert.match(missing.stdout, /bundle-readable/)

  const ids = (bytes: Uint8Array) => verifyBytes(bytes).map((d) => d.ruleId)
  assert.deepEqual(ids(text('这不是 zip 文件，只是文本。'.repeat(20))), ['bundle-zip-valid'])

  const { zip } = await bundleOf(fixture)
  const members = new Map(Object.entries(unzipSync(zip)))
  const brokenManifest = new Map(members)
  brokenManifest.set('manifest.json', text('{"files": ['))
  assert.ok(ids(zipMembers(brokenManifest)).includes('bundle-manifest-valid'))

  // data.json that hashes correctly but breaks its schema: a cell without its value.
  const data = JSON.parse(decode(members.get('data.json')!)) as DataJson
  delete (data.cells[0] as Partial<DataJson['cells'][number]>).value
  const dataBytes = text(JSON.stringify(data, null, 2) + '\n')
  const manifest = JSON.parse(decode(members.get('manifest.json')!)) as Manifest
  const entry = manifest.files.find((f) => f.name === 'data.json')!
  entry.size = dataBytes.length
  entry.sha256 = sha256(dataBytes)
  const offSchema = new Map(members)
  offSchema.set('data.json', dataBytes)
  offSchema.set('manifest.json', text(JSON.stringify(manifest, null, 2) + '\n'))
  assert.deepEqual(ids(zipMembers(offSchema)), ['bundle-data-schema'])
})

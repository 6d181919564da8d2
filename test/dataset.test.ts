/**
 * The dataset: every cell of every report in one tidy table, as CSV (BOM)
 * and as Parquet partitioned by year, read back with hyparquet and, where
 * the DuckDB package loads, queried with DuckDB as the README shows.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { parquetReadObjects } from 'hyparquet'
import { dataJsonReports, datasetReports, READ_AHEAD } from '../src/dataset/read.js'
import { DATASET_COLUMNS, writeDataset } from '../src/dataset/write.js'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'bin', 'nianbao.js')

async function build(out: string) {
  return writeDataset(datasetReports([join(root, 'content')]), out)
}

test('content/ as CSV and Parquet: one row per cell, partitioned by year, same bytes twice', async () => {
  const out = mkdtempSync(join(tmpdir(), 'nianbao-dataset-'))
  const result = await build(out)
  assert.equal(result.reports, 6)
  assert.deepEqual(result.years, [2019, 2023, 2024])
  const csv = readFileSync(join(out, 'cells.csv'), 'utf8')
  assert.ok(csv.startsWith('\ufeff' + DATASET_COLUMNS.join(',') + '\r\n'))
  assert.equal(csv.split('\r\n').length - 2, result.rows)
  assert.ok(csv.includes('汝州市卫生健康委员会,ruzhou-wsjkw,2024,gb-2021,requests,表三,一,一、本年新收政府信息公开申请数量,total,总计,,count,3,given\r\n'))
  assert.deepEqual(readdirSync(out).sort(), ['cells.csv', 'year=2019', 'year=2023', 'year=2024'])

  const bytes = readFileSync(join(out, 'year=2024', 'part-0.parquet'))
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[]
  assert.equal(rows.length, csv.split('\r\n').filter((l) => /,2024,/.test(l)).length)
  assert.deepEqual(Object.keys(rows[0]!), DATASET_COLUMNS.filter((c) => c !== 'year'), 'year is the partition, not a column')
  const received = rows.find((r) => r.agency_id === 'ruzhou-wsjkw' && r.table === 'requests' && r.row_code === '一' && r.column === 'total')
  assert.equal(received?.value, 3)
  const blank = rows.find((r) => r.origin === 'blank')
  assert.ok(blank === undefined || blank.value === null, 'a blank cell is null, not 0')

  const again = mkdtempSync(join(tmpdir(), 'nianbao-dataset-'))
  await build(again)
  for (const path of ['cells.csv', 'year=2019/part-0.parquet', 'year=2024/part-0.parquet'])
    assert.deepEqual(readFileSync(join(again, path)), readFileSync(join(out, path)), path)
})

test('DuckDB reads the folder as one table (hive partitioning), as the README shows', async (t) => {
  let duckdb: typeof import('@duckdb/node-api')
  try {
    duckdb = await import('@duckdb/node-api')
  } catch (error) {
    t.skip(`@duckdb/node-api does not load here: ${error instanceof Error ? error.message : String(error)}`)
    return
  }
  const out = mkdtempSync(join(tmpdir(), 'nianbao-dataset-'))
  const result = await build(out)
  const db = await duckdb.DuckDBInstance.create(':memory:')
  const connection = await db.connect()
  const glob = join(out, '*', '*.parquet').replace(/'/g, "''")
  const received = await connection.runAndReadAll(
    `SELECT year, sum(value) AS received FROM read_parquet('${glob}', hive_partitioning = true)
     WHERE "table" = 'requests' AND row_code = '一' AND "column" = 'total' GROUP BY year ORDER BY year`,
  )
  assert.deepEqual(received.getRowObjects().map((r) => [Number(r.year), r.received]), [[2019, 2], [2023, 5], [2024, 4]])
  const csv = await connection.runAndReadAll(`SELECT count(*) AS n FROM read_csv('${join(out, 'cells.csv').replace(/'/g, "''")}')`)
  assert.equal(Number(csv.getRowObjects()[0]!.n), result.rows, 'the CSV loads as is, header detected')
  connection.closeSync()
})

test('nianbao dataset skips a report with errors and says so (exit 1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-dataset-cli-'))
  cpSync(join(root, 'content', 'ruzhou-wsjkw'), join(dir, 'content', 'ruzhou-wsjkw'), { recursive: true })
  const broken = readFileSync(join(root, 'content', 'yanzhou-wsjkj', '2024.md'), 'utf8').replace(/received: \[/, 'received: [-5, ')
  mkdirSync(join(dir, 'content', 'broken'), { recursive: true })
  writeFileSync(join(dir, 'content', 'broken', '2024.md'), broken)
  const run = spawnSync(process.execPath, [cli, 'dataset', join(dir, 'content'), '--out', join(dir, 'ds')], { encoding: 'utf8' })
  assert.equal(run.status, 1, run.stderr)
  assert.match(run.stdout, /已导出 2 份报告.*1 份未导出/)
  assert.match(run.stderr, /未导出：.*broken[\\/]2024\.md/)
  assert.doesNotMatch(readFileSync(join(dir, 'ds', 'cells.csv'), 'utf8'), /兖州/)
})

test('cells.csv lists the rows year by year, as the partitions hold them', async () => {
  const out = mkdtempSync(join(tmpdir(), 'nianbao-dataset-'))
  await build(out)
  const years = readFileSync(join(out, 'cells.csv'), 'utf8').split('\r\n').slice(1, -1).map((line) => Number(line.split(',')[2]))
  assert.deepEqual(years, [...years].sort((a, b) => a - b))
  assert.deepEqual([...new Set(years)], [2019, 2023, 2024])
})

test('a build writes a year of the dataset again only when its figures change, byte for byte as read afresh, and keeps an unchanged roll-up PDF', async () => {
  const { buildTree } = await import('../src/build/build-tree.js')
  const { DATASET_CACHE } = await import('../src/dashboard/build-pages.js')
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-dataset-build-'))
  const content = join(dir, 'content')
  const out = join(dir, 'out')
  cpSync(join(root, 'content'), content, { recursive: true })
  const options = { root: content, outDir: out, jobs: 1, targets: ['html', 'pdf', 'bundle'] as const, stdout: () => {}, stderr: () => {}, tty: false }
  const files = ['cells.csv', 'year=2019/part-0.parquet', 'year=2023/part-0.parquet', 'year=2024/part-0.parquet']
  const sameAsAfresh = async () => {
    const afresh = mkdtempSync(join(tmpdir(), 'nianbao-dataset-'))
    await writeDataset(datasetReports([content]), afresh)
    for (const path of files) assert.deepEqual(readFileSync(join(out, 'dataset', path)), readFileSync(join(afresh, path)), path)
  }
  await buildTree({ ...options, targets: [...options.targets] })
  await sameAsAfresh()
  const chunk = (year: number) => join(out, DATASET_CACHE, `year=${year}.csv`)
  const before = [2019, 2023, 2024].map((y) => statSync(chunk(y)).mtimeMs)
  const cells = join(out, 'dataset', 'cells.csv')
  const cellsBefore = statSync(cells).mtimeMs
  const rollup = (name: string) => join(out, 'rollup', name)
  const rollupBefore = { html: readFileSync(rollup('index.html')), pdf: statSync(rollup('rollup.pdf')).mtimeMs }
  const keys = JSON.parse(readFileSync(join(out, DATASET_CACHE, 'years.json'), 'utf8')) as Record<string, { key: string }>

  const edited = join(content, 'ruzhou-wsjkw', '2024.md')
  writeFileSync(edited, readFileSync(edited, 'utf8') + '\n本年度另有补充说明。\n')
  await buildTree({ ...options, targets: [...options.targets] })
  await sameAsAfresh()
  // A sentence is not in the dataset: no year is written again, 2024 included.
  const after = [2019, 2023, 2024].map((y) => statSync(chunk(y)).mtimeMs)
  assert.deepEqual(after, before, 'no year was written again')
  const now = JSON.parse(readFileSync(join(out, DATASET_CACHE, 'years.json'), 'utf8')) as Record<string, { key: string }>
  assert.deepEqual(now, keys)
  assert.equal(statSync(cells).mtimeMs, cellsBefore, 'cells.csv was not put together again')
  // A cells.csv cut short is put together again at the next build, though no year changed.
  writeFileSync(cells, readFileSync(cells).subarray(0, 1000))
  writeFileSync(edited, readFileSync(edited, 'utf8') + '\n另有一句。\n')
  await buildTree({ ...options, targets: [...options.targets] })
  await sameAsAfresh()
  // A sentence added at the end changes nothing the roll-up shows: its page is the same, its PDF kept.
  assert.deepEqual(readFileSync(rollup('index.html')), rollupBefore.html)
  assert.equal(statSync(rollup('rollup.pdf')).mtimeMs, rollupBefore.pdf)
  // A figure it sums does change it: the PDF is rendered again.
  writeFileSync(edited, readFileSync(edited, 'utf8').replace(/licensing: 0 /, 'licensing: 7 '))
  await buildTree({ ...options, targets: [...options.targets] })
  assert.notDeepEqual(readFileSync(rollup('index.html')), rollupBefore.html)
  assert.notEqual(statSync(rollup('rollup.pdf')).mtimeMs, rollupBefore.pdf)
  assert.match(readFileSync(join(out, 'dataset', 'cells.csv'), 'utf8'), /ruzhou-wsjkw,2024,gb-2021,active,表二,[^\r]*行政许可,[^\r]*,count,7,given/)
  await sameAsAfresh()
  const changed = JSON.parse(readFileSync(join(out, DATASET_CACHE, 'years.json'), 'utf8')) as Record<string, { key: string }>
  assert.deepEqual([2019, 2023].map((y) => statSync(chunk(y)).mtimeMs), before.slice(0, 2), '2019 and 2023 were not written again')
  assert.equal(changed['2023']!.key, keys['2023']!.key)
  assert.notEqual(changed['2024']!.key, keys['2024']!.key, '2024 was')
})

test('kept files that are not what a build writes (hand edited, truncated) read as nothing kept', async () => {
  const { readKeptJson, readKeptKey } = await import('../src/build/kept-json.js')
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-kept-'))
  const cases: [string, Record<string, unknown> | undefined, string | undefined][] = [
    ['{"key":"abc"}', { key: 'abc' }, 'abc'],
    ['{"key":', undefined, undefined],
    ['[1,2]', undefined, undefined],
    ['null', undefined, undefined],
    ['{"key":5}', { key: 5 }, undefined],
  ]
  for (const [i, [text, json, key]] of cases.entries()) {
    const path = join(dir, `${i}.json`)
    writeFileSync(path, text)
    assert.deepEqual(await readKeptJson(path), json, text)
    assert.equal(await readKeptKey(path), key, text)
  }
  assert.equal(await readKeptJson(join(dir, 'missing.json')), undefined)
  // A dataset over a broken years.json is written afresh, not a failure.
  const out = mkdtempSync(join(tmpdir(), 'nianbao-dataset-'))
  const { writeDatasetKept } = await import('../src/dataset/write.js')
  mkdirSync(join(out, 'cache'))
  writeFileSync(join(out, 'cache', 'years.json'), '{"2024": {"key": "k", "reports": "x"}, ')
  const reports = () => datasetReports([join(root, 'content', 'ruzhou-wsjkw', '2024.md')])
  const result = await writeDatasetKept([{ year: 2024, key: 'k', reports }], join(out, 'ds'), join(out, 'cache'))
  assert.equal(result.reports, 1)
  assert.equal(JSON.parse(readFileSync(join(out, 'cache', 'years.json'), 'utf8'))['2024'].key, 'k')
})

test('data.json files are read ahead but given in their order; one that cannot be read fails in its turn', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-datajson-'))
  const count = READ_AHEAD * 3 + 1
  const files = Array.from({ length: count }, (_, i) => {
    const path = join(dir, `${i}.json`)
    // Every third report has errors: left out, as the build would not have written its dataset.
    writeFileSync(path, JSON.stringify({ meta: { year: 2024 }, validation: { errors: i % 3 === 2 ? 1 : 0 }, n: i }))
    return { id: `a${i}`, path }
  })
  const seen: string[] = []
  for await (const report of dataJsonReports(files)) seen.push(report.id)
  assert.deepEqual(seen, files.filter((_, i) => i % 3 !== 2).map((f) => f.id))

  const broken = [...files.slice(0, 3), { id: 'gone', path: join(dir, 'missing.json') }, ...files.slice(3)]
  const before: string[] = []
  await assert.rejects(async () => {
    for await (const report of dataJsonReports(broken)) before.push(report.id)
  }, /ENOENT/)
  assert.deepEqual(before, ['a0', 'a1'], 'the reports before the missing file come first')
})

test('a report\'s dataset digest follows its rows, not its narrative or diagnostics', async () => {
  const { loadReport } = await import('../src/source/report.js')
  const { validateReport } = await import('../src/validate/index.js')
  const { exportData } = await import('../src/bundle/export-json.js')
  const { datasetDigest } = await import('../src/dataset/rows.js')
  const file = await loadReport(join(root, 'content', 'ruzhou-wsjkw', '2024.md'))
  validateReport(file)
  const data = exportData(file)!
  const digest = datasetDigest(data)
  assert.match(digest, /^[0-9a-f]{64}$/)
  const copy = () => JSON.parse(JSON.stringify(data)) as typeof data
  const text = copy()
  text.sections[0]!.source += '\n\n本年度另有补充说明。'
  text.validation.warnings += 1
  assert.equal(datasetDigest(text), digest, 'narrative and diagnostics are not in the dataset')
  const origin = copy()
  origin.cells[0]!.origin = origin.cells[0]!.origin === 'given' ? 'computed' : 'given'
  assert.notEqual(datasetDigest(origin), digest, 'a cell given instead of computed is another row')
  const value = copy()
  value.cells[1]!.value = (value.cells[1]!.value ?? 0) + 1
  assert.notEqual(datasetDigest(value), digest)
  const agency = copy()
  agency.meta.agency += '（测试）'
  assert.notEqual(datasetDigest(agency), digest)
})

/**
 * The dataset: one tidy table of every cell of every report, as
 * `cells.csv` (UTF-8 with a BOM, CRLF, RFC 4180) and as Parquet partitioned
 * by year, hive-style (`year=2024/part-0.parquet`), so DuckDB, pandas or
 * Spark read the folder as one table with `year` from the path. Written
 * with hyparquet-writer, a report at a time (row groups of at most
 * ROW_GROUP rows), to temporary files renamed at the end. A build keeps
 * each year's CSV lines, so that after an edit only that year is read and
 * written again (`writeDatasetKept`).
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { once } from 'node:events'
import { readKeptJson } from '../build/kept-json.js'
import { writeFileAtomic } from '../build/write-atomic.js'
import { fileWriter, ParquetWriter } from 'hyparquet-writer'
import { version } from '../version.js'
import type { DatasetReport } from './read.js'
import { csvLines, DATASET_COLUMNS, rowsOf, type DatasetRow } from './rows.js'

export { DATASET_COLUMNS } from './rows.js'

const TEXT_COLUMNS = DATASET_COLUMNS.filter((c) => c !== 'year' && c !== 'value')
// Small enough that a year of a thousand reports is not all held before it is written.
const ROW_GROUP = 20_000

let counter = 0
/** A hidden temporary name beside `path`, in the pattern the build sweeps (write-atomic.ts `TEMP_PATTERN`). */
const tempOf = (path: string): string => join(dirname(path), `.${basename(path)}.nianbao-${process.pid}-${++counter}.tmp`)

/** One year's Parquet file, written row group by row group. */
class YearPart {
  private rows: DatasetRow[] = []
  private readonly writer: ParquetWriter
  constructor(
    readonly path: string,
    readonly temp: string,
  ) {
    this.writer = new ParquetWriter({
      writer: fileWriter(temp),
      schema: [
        { name: 'schema', num_children: TEXT_COLUMNS.length + 1 },
        ...DATASET_COLUMNS.filter((c) => c !== 'year').map((name) =>
          name === 'value'
            ? { name, type: 'DOUBLE' as const, repetition_type: 'OPTIONAL' as const }
            : { name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const },
        ),
      ],
      createdBy: `nianbao ${version}`,
    })
  }
  add(rows: DatasetRow[]): void {
    this.rows.push(...rows)
    if (this.rows.length >= ROW_GROUP) this.flush()
  }
  private flush(): void {
    if (this.rows.length === 0) return
    const rows = this.rows
    this.rows = []
    this.writer.write({
      columnData: DATASET_COLUMNS.filter((c) => c !== 'year').map((name) => ({ name, data: rows.map((r) => r[name]) })),
      rowGroupSize: ROW_GROUP,
    })
  }
  finish(): void {
    this.flush()
    this.writer.finish()
  }
}

/**
 * One year of the dataset as it is written: its CSV lines (a chunk, without header, that
 * cells.csv is put together from) and its Parquet partition, both to temporary files.
 */
class YearWriter {
  reports = 0
  rows = 0
  private readonly csv: WriteStream
  private readonly part: YearPart
  readonly csvTemp: string
  constructor(
    readonly year: number,
    readonly chunkPath: string,
    outDir: string,
  ) {
    this.csvTemp = tempOf(chunkPath)
    this.csv = createWriteStream(this.csvTemp)
    const path = join(outDir, `year=${year}`, 'part-0.parquet')
    this.part = new YearPart(path, tempOf(path))
  }
  static async open(year: number, chunkPath: string, outDir: string): Promise<YearWriter> {
    await mkdir(join(outDir, `year=${year}`), { recursive: true })
    await mkdir(dirname(chunkPath), { recursive: true })
    return new YearWriter(year, chunkPath, outDir)
  }
  async add(report: DatasetReport): Promise<void> {
    const list = rowsOf(report.data, report.id)
    this.reports++
    this.rows += list.length
    if (!this.csv.write(csvLines(list))) await once(this.csv, 'drain')
    this.part.add(list)
  }
  /** Both files complete under their temporary names. */
  async finish(): Promise<void> {
    this.part.finish()
    this.csv.end()
    await once(this.csv, 'finish')
  }
  /** Both files renamed into place. */
  async commit(): Promise<string> {
    await rename(this.csvTemp, this.chunkPath)
    await rename(this.part.temp, this.part.path)
    return this.part.path
  }
  async discard(): Promise<void> {
    this.csv.destroy()
    await rm(this.csvTemp, { force: true })
    await rm(this.part.temp, { force: true })
  }
}

export interface DatasetResult {
  reports: number
  rows: number
  years: number[]
  written: string[]
}

const CSV_HEADER = '\ufeff' + DATASET_COLUMNS.join(',') + '\r\n'

/** cells.csv: the header, then each year's chunk in year order. */
async function assembleCsv(csvPath: string, chunks: readonly string[]): Promise<void> {
  const temp = tempOf(csvPath)
  const out = createWriteStream(temp)
  try {
    out.write(CSV_HEADER)
    // Copied chunk by chunk (a pipeline per file would leave its listeners on the one output stream).
    for (const chunk of chunks) for await (const data of createReadStream(chunk)) if (!out.write(data)) await once(out, 'drain')
    out.end()
    await once(out, 'finish')
  } catch (error) {
    out.destroy()
    await rm(temp, { force: true })
    throw error
  }
  await rename(temp, csvPath)
}

const totalSize = async (paths: readonly string[]): Promise<number> => (await Promise.all(paths.map((p) => stat(p).then((s) => s.size)))).reduce((a, b) => a + b, 0)
const sizeIs = (path: string, size: number): Promise<boolean> => stat(path).then((s) => s.isFile() && s.size === size, () => false)

/** A year no longer in the data must not linger in the folder a reader globs. */
async function removeOtherYears(outDir: string, years: ReadonlySet<number>): Promise<void> {
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    const year = /^year=(\d{4})$/.exec(entry.name)?.[1]
    if (entry.isDirectory() && year && !years.has(Number(year))) await rm(join(outDir, entry.name), { recursive: true, force: true })
  }
}

/**
 * Write the dataset of `reports` into `outDir`. cells.csv lists the rows year by year (each year's
 * reports in the order given), as the partitions hold them.
 */
export async function writeDataset(reports: AsyncIterable<DatasetReport>, outDir: string): Promise<DatasetResult> {
  await mkdir(outDir, { recursive: true })
  const writers = new Map<number, YearWriter>()
  try {
    for await (const report of reports) {
      const year = report.data.meta.year
      let writer = writers.get(year)
      // Each year's lines under a temporary name a killed build's sweep removes, until cells.csv holds them.
      if (!writer) writers.set(year, (writer = await YearWriter.open(year, tempOf(join(outDir, `cells-${year}.csv`)), outDir)))
      await writer.add(report)
    }
    for (const writer of writers.values()) await writer.finish()
  } catch (error) {
    for (const writer of writers.values()) await writer.discard()
    throw error
  }
  const years = [...writers.keys()].sort((a, b) => a - b)
  const written = [join(outDir, 'cells.csv')]
  for (const year of years) written.push(await writers.get(year)!.commit())
  try {
    await assembleCsv(written[0]!, years.map((y) => writers.get(y)!.chunkPath))
  } finally {
    for (const year of years) await rm(writers.get(year)!.chunkPath, { force: true })
  }
  await removeOtherYears(outDir, new Set(years))
  const sum = (key: 'reports' | 'rows') => [...writers.values()].reduce((n, w) => n + w[key], 0)
  return { reports: sum('reports'), rows: sum('rows'), years, written }
}

/** One year's reports for `writeDatasetKept`, with a key that changes whenever any of them does. */
export interface DatasetYear {
  year: number
  /** Without a key, the year is written again. */
  key?: string
  reports: () => AsyncIterable<DatasetReport>
}

interface KeptYear {
  key: string
  reports: number
  rows: number
}

/** A year as years.json keeps it, if that is what it holds. */
function keptYear(value: unknown): KeptYear | undefined {
  const v = value as Partial<KeptYear> | undefined
  return typeof v?.key === 'string' && typeof v.reports === 'number' && typeof v.rows === 'number' ? { key: v.key, reports: v.reports, rows: v.rows } : undefined
}

/**
 * `writeDataset` for a build that wrote it before: a year whose key is the one kept in `cacheDir`
 * (with its CSV chunk, and its partition still in place) is not read again; cells.csv is put
 * together from the chunks. The files are byte for byte those `writeDataset` writes from the same
 * reports in the same order.
 */
export async function writeDatasetKept(years: readonly DatasetYear[], outDir: string, cacheDir: string): Promise<DatasetResult> {
  await mkdir(outDir, { recursive: true })
  await mkdir(cacheDir, { recursive: true })
  const keysPath = join(cacheDir, 'years.json')
  const kept = (await readKeptJson(keysPath)) ?? {}
  const exists = (path: string) => stat(path).then(() => true, () => false)
  const sorted = [...years].sort((a, b) => a.year - b.year)
  const now: Record<string, KeptYear> = {}
  const written = [join(outDir, 'cells.csv')]
  let reports = 0
  let rows = 0
  let rewritten = false
  for (const { year, key, reports: read } of sorted) {
    const chunkPath = join(cacheDir, `year=${year}.csv`)
    const partPath = join(outDir, `year=${year}`, 'part-0.parquet')
    const old = keptYear(kept[year])
    if (key !== undefined && old?.key === key && (await exists(chunkPath)) && (await exists(partPath))) {
      now[year] = old
    } else {
      const writer = await YearWriter.open(year, chunkPath, outDir)
      try {
        for await (const report of read()) await writer.add(report)
        await writer.finish()
      } catch (error) {
        await writer.discard()
        throw error
      }
      await writer.commit()
      rewritten = true
      now[year] = { key: key ?? '', reports: writer.reports, rows: writer.rows }
    }
    written.push(partPath)
    reports += now[year]!.reports
    rows += now[year]!.rows
  }
  const chunks = sorted.map((y) => join(cacheDir, `year=${y.year}.csv`))
  // No year written again, and the same years: cells.csv is put together again only if it is not
  // the size of the header and the chunks (gone, cut short, edited), a copy of tens of megabytes spared.
  // (A year kept is one kept before, so the same count means the same years.)
  const sameYears = !rewritten && Object.keys(kept).length === sorted.length
  if (!sameYears || !(await sizeIs(written[0]!, Buffer.byteLength(CSV_HEADER) + (await totalSize(chunks))))) await assembleCsv(written[0]!, chunks)
  await removeOtherYears(outDir, new Set(sorted.map((y) => y.year)))
  for (const entry of await readdir(cacheDir)) {
    const year = /^year=(\d{4})\.csv$/.exec(entry)?.[1]
    if (year && !now[year]) await rm(join(cacheDir, entry), { force: true })
  }
  await writeFileAtomic(keysPath, JSON.stringify(now, null, 2) + '\n')
  return { reports, rows, years: sorted.map((y) => y.year), written }
}

/**
 * The dataset: one tidy table of every cell of every report, as
 * `cells.csv` (UTF-8 with a BOM, CRLF, RFC 4180) and as Parquet partitioned
 * by year, hive-style (`year=2024/part-0.parquet`), so DuckDB, pandas or
 * Spark read the folder as one table with `year` from the path. Written
 * with hyparquet-writer, a report at a time (row groups of at most
 * ROW_GROUP rows), to temporary files renamed at the end.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import { fileWriter, ParquetWriter } from 'hyparquet-writer'
import { csvField } from '../bundle/export-csv.js'
import { version } from '../version.js'
import type { DatasetReport } from './read.js'

/** Columns, in order; `year` is the partition (in the path, not in the Parquet files). */
export const DATASET_COLUMNS = [
  'agency', 'agency_id', 'year', 'format', 'table', 'table_name', 'row_code', 'row_label',
  'column', 'column_label', 'unit', 'value_type', 'value', 'origin',
] as const

const TEXT_COLUMNS = DATASET_COLUMNS.filter((c) => c !== 'year' && c !== 'value')
// Small enough that a year of a thousand reports is not all held before it is written.
const ROW_GROUP = 20_000

type Row = Record<(typeof DATASET_COLUMNS)[number], string | number | null>

function rowsOf(report: DatasetReport): Row[] {
  const { data } = report
  return data.cells.map((c) => ({
    agency: data.meta.agency,
    agency_id: report.id,
    year: data.meta.year,
    format: data.format.id,
    table: c.table,
    table_name: c.tableName,
    row_code: c.rowCode,
    row_label: c.rowLabel,
    column: c.column,
    column_label: c.columnLabel,
    unit: c.unit,
    value_type: c.valueType,
    value: c.value,
    origin: c.origin,
  }))
}

let counter = 900_000
/** A hidden temporary name beside `path` (the build's sweep pattern). */
const tempOf = (path: string): string => join(path, '..', `.${path.split('/').pop()}.${process.pid}-${++counter}.tmp`)

/** One year's Parquet file, written row group by row group. */
class YearPart {
  private rows: Row[] = []
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
  add(rows: Row[]): void {
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

export interface DatasetResult {
  reports: number
  rows: number
  years: number[]
  written: string[]
}

/** Write the dataset of `reports` into `outDir`. */
export async function writeDataset(reports: AsyncIterable<DatasetReport>, outDir: string): Promise<DatasetResult> {
  await mkdir(outDir, { recursive: true })
  const csvPath = join(outDir, 'cells.csv')
  const csvTemp = tempOf(csvPath)
  const csv = createWriteStream(csvTemp)
  const write = async (text: string) => {
    if (!csv.write(text)) await once(csv, 'drain')
  }
  const parts = new Map<number, YearPart>()
  let count = 0
  let rows = 0
  try {
    await write('\ufeff' + DATASET_COLUMNS.join(',') + '\r\n')
    for await (const report of reports) {
      count++
      const list = rowsOf(report)
      rows += list.length
      let text = ''
      for (const row of list) text += DATASET_COLUMNS.map((c) => csvField(row[c] === null ? '' : String(row[c]))).join(',') + '\r\n'
      await write(text)
      const year = report.data.meta.year
      let part = parts.get(year)
      if (!part) {
        const dir = join(outDir, `year=${year}`)
        await mkdir(dir, { recursive: true })
        const path = join(dir, 'part-0.parquet')
        parts.set(year, (part = new YearPart(path, tempOf(path))))
      }
      part.add(list)
    }
    for (const part of parts.values()) part.finish()
    csv.end()
    await once(csv, 'finish')
  } catch (error) {
    csv.destroy()
    await rm(csvTemp, { force: true })
    for (const part of parts.values()) await rm(part.temp, { force: true })
    throw error
  }
  await rename(csvTemp, csvPath)
  for (const part of parts.values()) await rename(part.temp, part.path)
  // A year no longer in the data must not linger in the folder a reader globs.
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    const year = /^year=(\d{4})$/.exec(entry.name)?.[1]
    if (entry.isDirectory() && year && !parts.has(Number(year))) await rm(join(outDir, entry.name), { recursive: true, force: true })
  }
  const years = [...parts.keys()].sort((a, b) => a - b)
  return { reports: count, rows, years, written: [csvPath, ...years.map((y) => parts.get(y)!.path)] }
}

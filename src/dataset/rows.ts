/**
 * The dataset's rows of one report, and their CSV lines: what `cells.csv`
 * and the Parquet partitions hold for it. Apart from the writer (and its
 * Parquet library), so that a build can take a report's digest of them
 * where the report is built.
 */
import { createHash } from 'node:crypto'
import type { DataJson } from '../bundle/export-json.js'
import { csvField } from '../bundle/export-csv.js'

/** Columns, in order; `year` is the partition (in the path, not in the Parquet files). */
export const DATASET_COLUMNS = [
  'agency', 'agency_id', 'year', 'format', 'table', 'table_name', 'row_code', 'row_label',
  'column', 'column_label', 'unit', 'value_type', 'value', 'origin',
] as const

export type DatasetRow = Record<(typeof DATASET_COLUMNS)[number], string | number | null>

/** The rows of one report's data.json; `id` is its agency folder. */
export function rowsOf(data: DataJson, id: string): DatasetRow[] {
  return data.cells.map((c) => ({
    agency: data.meta.agency,
    agency_id: id,
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

/** The rows as CSV lines (RFC 4180, CRLF), without the header. */
export function csvLines(rows: readonly DatasetRow[]): string {
  let text = ''
  for (const row of rows) text += DATASET_COLUMNS.map((c) => csvField(row[c] === null ? '' : String(row[c]))).join(',') + '\r\n'
  return text
}

/**
 * SHA-256 of everything the dataset takes from a report's data.json, but its agency folder (which
 * the caller keys on): equal digests give equal rows. The narrative and the diagnostics, also in
 * data.json, are not in it, so an edit of the text leaves the dataset as it is.
 */
export function datasetDigest(data: DataJson): string {
  return createHash('sha256').update(csvLines(rowsOf(data, ''))).digest('hex')
}

/**
 * data.json: the report's statistics as data for portal operators. Every
 * cell of every table, labelled from the format definition (official row
 * numbering, row and column labels, unit, value type), with its origin and
 * the validation summary. Nothing here names a row or column itself.
 */
import type { VFile } from 'vfile'
import { diagnosticsOf } from '../diagnostics/emit.js'
import type { Diagnostic } from '../diagnostics/types.js'
import type { FormatId, ValueType } from '../formats/types.js'
import { rowKey, type CellOrigin } from '../source/cells.js'
import type { Report, ReportMeta } from '../source/report.js'
import { exportSections, type DataSection } from './export-sections.js'

/** Name of the author's file inside a bundle; diagnostics point at it. */
export const SOURCE_NAME = 'source.md'

/**
 * Version of the data.json layout; bumped only on incompatible changes (a
 * field removed, renamed or changing meaning). Fields added later, such as
 * `sections`, keep the version: readers ignore what they do not know, and
 * the schema lists the addition as optional so older bundles still verify.
 */
export const DATA_VERSION = 1

export interface DataCell {
  /** Table key in the front matter: `active`, `requests`, `appeals`. */
  table: string
  /** Short table name: `表三`. */
  tableName: string
  /** Block of the table (table 2 has one per 第二十条 item). */
  block: string
  /** Official row numbering, unique within the table: `三（三）1`. */
  rowCode: string
  /** Official row label as printed: `1.属于国家秘密`. */
  rowLabel: string
  /** Labels of the enclosing row groups, outermost first. */
  rowGroups: string[]
  /** Key path of the row below the table key in the front matter. */
  rowPath: string[]
  /** Column key: `natural`, `total`. */
  column: string
  /** Official column label: `自然人`. */
  columnLabel: string
  /** Printed unit (`万元`), `null` where the format prints none. */
  unit: string | null
  valueType: ValueType
  /** The number; `null` when the cell was left blank. */
  value: number | null
  /** `given` in the source, `computed` total, or `blank` (not zero). */
  origin: CellOrigin
}

export interface DataTable {
  key: string
  name: string
  caption: string
  /** The section number the table is printed in. */
  section: number
}

export interface DataValidation {
  errors: number
  warnings: number
  infos: number
  diagnostics: Diagnostic[]
}

export interface DataJson {
  dataVersion: number
  format: { id: FormatId; document: string; name: string }
  meta: ReportMeta
  tables: DataTable[]
  cells: DataCell[]
  /** The narrative as written and as published (added in nianbao 0.1, dataVersion 1). */
  sections: DataSection[]
  validation: DataValidation
}

function relabel(diagnostic: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...diagnostic, file: SOURCE_NAME }
  if (diagnostic.cause) out.cause = relabel(diagnostic.cause)
  return out
}

/** Every cell of `report`, in the definition's table, block, row and column order. */
export function exportCells(report: Report): DataCell[] {
  const cells: DataCell[] = []
  for (const table of report.format.tables) {
    const values = report.stats.get(table.key)
    for (const block of table.blocks) {
      const rows = values?.blocks.get(block.id)
      for (const row of block.rows) {
        const rowCells = rows?.get(rowKey(row.path))
        for (const column of block.columns) {
          const cell = rowCells?.get(column.key)
          cells.push({
            table: table.key,
            tableName: table.name,
            block: block.id,
            rowCode: row.code,
            rowLabel: row.label,
            rowGroups: [...row.groups],
            rowPath: [...row.path],
            column: column.key,
            columnLabel: column.label,
            unit: column.unit ?? null,
            valueType: column.valueType,
            value: cell?.value ?? null,
            origin: cell?.origin ?? 'missing',
          })
        }
      }
    }
  }
  return cells
}

/** The data.json object of a loaded (and validated) report file. */
export function exportData(file: VFile): DataJson | undefined {
  const report = file.data.report
  if (!report) return undefined
  const diagnostics = diagnosticsOf(file).map(relabel)
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length
  return {
    dataVersion: DATA_VERSION,
    format: { id: report.format.id, document: report.format.document, name: report.format.name },
    meta: { ...report.meta },
    tables: report.format.tables.map((t) => ({ key: t.key, name: t.name, caption: t.caption, section: t.section })),
    cells: exportCells(report),
    sections: exportSections(file),
    validation: { errors: count('error'), warnings: count('warning'), infos: count('info'), diagnostics },
  }
}

const CELLS_PLACEHOLDER = '\u0000cells\u0000'

/**
 * data.json text: indented JSON with one cell per line (a third of the
 * fully indented size, and a changed value is a one-line diff), trailing newline.
 */
export function dataJsonText(data: DataJson): string {
  const cells = data.cells.length ? `[\n${data.cells.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]` : '[]'
  return JSON.stringify({ ...data, cells: CELLS_PLACEHOLDER }, null, 2).replace(JSON.stringify(CELLS_PLACEHOLDER), cells) + '\n'
}

/**
 * What reading a table gives: every row of the format with its cells, and
 * what could not be placed.
 */
import type { BlockDef, RowDef, TableDef } from '../formats/types.js'
import type { CellResult } from './resolve.js'

export interface RowResult {
  block: BlockDef
  row: RowDef
  /** Column key → cell, in the block's column order. */
  cells: Map<string, CellResult>
  found: boolean
  /** Where the row was found (line or block number). */
  at?: number
  /** Where its last value was. */
  end?: number
}

export interface TableResult {
  def: TableDef
  found: boolean
  rows: RowResult[]
  /** Numbers in the table that belong to no known row, described for the reader. */
  strays: string[]
  /** How well the format fits what was read (higher is better). */
  score: number
}

export function missingRow(block: BlockDef, row: RowDef, reason: string): RowResult {
  return { block, row, found: false, cells: new Map(block.columns.map((c) => [c.key, { value: null, reason }])) }
}

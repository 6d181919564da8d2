/**
 * Sums of cells over many reports, exact and in any order: values are added
 * as integers of millionths (amounts have at most six decimals), so the
 * same reports give the same sums whatever order workers finish in.
 */
import type { RecordCell } from './record.js'

export interface CellSum {
  /** Σ value × 10⁶ over the reports where the cell has a value. */
  micro: number
  /** Reports that left the cell blank (`~`). */
  blank: number
  /** Reports that have the cell (in their format), blank or not. */
  reports: number
}

export const toMicro = (value: number): number => Math.round(value * 1e6)
export const fromMicro = (micro: number): number => micro / 1e6

export class CellSums {
  readonly cells = new Map<string, CellSum>()
  /** Reports summed. */
  reports = 0

  add(cells: readonly RecordCell[], sign: 1 | -1 = 1): void {
    this.reports += sign
    for (const [key, value, blank] of cells) {
      let sum = this.cells.get(key)
      if (!sum) this.cells.set(key, (sum = { micro: 0, blank: 0, reports: 0 }))
      sum.reports += sign
      if (value !== null) sum.micro += sign * toMicro(value)
      else if (blank) sum.blank += sign
    }
  }

  get(key: string): CellSum | undefined {
    return this.cells.get(key)
  }
}

/** Sums of plain numbers (derived counts), exact in any order, with the number of unknown values. */
export class CountSums {
  readonly sums = new Map<string, { micro: number; unknown: number; reports: number }>()

  add(values: Record<string, number | null>, keys: readonly string[], sign: 1 | -1 = 1): void {
    for (const key of keys) {
      let sum = this.sums.get(key)
      if (!sum) this.sums.set(key, (sum = { micro: 0, unknown: 0, reports: 0 }))
      sum.reports += sign
      const value = values[key]
      if (value === null || value === undefined) sum.unknown += sign
      else sum.micro += sign * toMicro(value)
    }
  }

  value(key: string): number | null {
    const sum = this.sums.get(key)
    return sum ? fromMicro(sum.micro) : null
  }
}

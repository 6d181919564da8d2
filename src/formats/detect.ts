/**
 * Tell the format from the statistics themselves (a 2024 report may still
 * use the 2019 layout): each format scores the rows whose key path and shape
 * it recognises, minus the table keys it does not know.
 */
import { formats } from './index.js'
import type { FormatDefinition } from './types.js'

function shapeOf(value: unknown): 'list' | 'map' | 'scalar' | 'none' {
  if (value === undefined) return 'none'
  if (Array.isArray(value)) return 'list'
  if (value !== null && typeof value === 'object') return 'map'
  return 'scalar'
}

function at(data: unknown, path: string[]): unknown {
  let node = data
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

function score(format: FormatDefinition, data: unknown): number {
  let points = 0
  for (const table of format.tables) {
    const known = new Set<string>()
    for (const block of table.blocks) {
      for (const row of block.rows) {
        known.add(row.path[0]!)
        const shape = shapeOf(at(data, [table.key, ...row.path]))
        if (shape === block.shape || (shape === 'scalar' && block.shape === 'scalar')) points += 1
        else if (shape !== 'none') points -= 1
      }
    }
    const value = at(data, [table.key])
    if (shapeOf(value) === 'map') {
      for (const key of Object.keys(value as object)) if (!known.has(key)) points -= 1
    }
  }
  return points
}

/** The format whose layout fits `data` best; `fallback` on a tie. */
export function detectFormat(data: unknown, fallback: FormatDefinition): FormatDefinition {
  let best = fallback
  let bestScore = score(fallback, data)
  for (const format of formats) {
    const s = score(format, data)
    if (s > bestScore) {
      best = format
      bestScore = s
    }
  }
  return best
}

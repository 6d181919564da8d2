/**
 * Cut the document into the preamble, the six sections and the table
 * regions. A table whose section heading is missing is found by its own
 * anchor (first block heading, corner note, first row or header label).
 */
import type { FormatDefinition, SectionDef, TableDef } from '../formats/types.js'
import type { Block } from './blocks.js'
import type { HeadingAt } from './layout.js'
import { normLabel } from './normalize.js'

export interface Region {
  /** The section, from its heading or from its table's anchor. */
  def: SectionDef
  heading?: HeadingAt
  start: number
  end: number
}

/** A line of running text (a sentence), as opposed to table cells. */
export function isProse(block: Block): boolean {
  if (block.type !== 'line') return false
  if (block.cells.filter((c) => c.trim() !== '').length > 1) return false
  // A flattened table (numbers side by side) is not prose, even with a 。 in its corner note.
  let run = 0
  let longest = 0
  for (const piece of block.text.split(/\s+/)) {
    run = /^[\d.,/-]+$/.test(piece) ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  if (longest >= 3) return false
  return /[。；;]/.test(block.text) || (block.text.length > 40 && /[，,]/.test(block.text) && !/\d\s+\d/.test(block.text))
}

function blockText(block: Block): string {
  return block.type === 'line' ? block.text : block.rows.flat().map((c) => c.text).join(' ')
}

function anchorsOf(table: TableDef): string[] {
  const out: string[] = []
  for (const block of table.blocks) {
    if (block.heading) out.push(block.heading)
    if (block.corner) out.push(block.corner)
    if (block.layout === 'rows' && block.rows[0]) out.push(block.rows[0].label)
    if (block.layout === 'inline' && block.header[0]) out.push(block.header[0].label)
  }
  return out.map(normLabel).filter((a) => a.length >= 4)
}

export function findAnchor(table: TableDef, blocks: Block[], taken: (i: number) => boolean): number | undefined {
  const anchors = anchorsOf(table)
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    if (taken(i) || isProse(block)) continue
    const text = normLabel(blockText(block))
    if (anchors.some((a) => text.startsWith(a) || (block.type === 'table' && text.includes(a)))) return i
  }
  return undefined
}

export function findRegions(format: FormatDefinition, blocks: Block[], headings: HeadingAt[]): Region[] {
  const starts: Region[] = headings.map((h) => ({ def: h.def, heading: h, start: h.index + 1, end: blocks.length }))
  const headingIndex = new Set(headings.map((h) => h.index))
  for (const table of format.tables) {
    if (headings.some((h) => h.def.number === table.section)) continue
    const def = format.sections.find((s) => s.number === table.section)!
    const at = findAnchor(table, blocks, (i) => headingIndex.has(i))
    if (at !== undefined) starts.push({ def, start: at, end: blocks.length })
  }
  starts.sort((a, b) => a.start - b.start)
  starts.forEach((region, i) => {
    const next = starts[i + 1]
    region.end = next ? (next.heading ? next.heading.index : next.start) : blocks.length
  })
  return starts
}

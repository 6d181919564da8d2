/**
 * What is still to fill in a report: blank cells (`~`) and required
 * sections that hold only the guidance comments of a scaffold (`nianbao new`).
 *
 * A published table with a few blank cells gets one `blank-cell` warning
 * per cell, since each is a real gap to look at. A draft has dozens: past
 * BLANK_SUMMARY_THRESHOLD they are counted in one `report-filled-in`
 * diagnostic instead (at the first blank, so an editor jumps there), and
 * the sum checks they block say nothing until the cells are filled.
 */
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import type { BlockDef, ColumnDef, RowDef, TableDef } from '../../formats/types.js'
import type { Cell } from '../../source/cells.js'
import type { Report } from '../../source/report.js'
import type { SectionContent } from '../../source/sections.js'

/**
 * More blank cells than this make a report a draft being filled in. Real
 * published tables leave a handful blank (始兴 2024: 8); a scaffold leaves
 * every cell of a year's work blank (gb-2021: about 160).
 */
export const BLANK_SUMMARY_THRESHOLD = 20

export interface BlankCell {
  table: TableDef
  block: BlockDef
  row: RowDef
  column: ColumnDef
  cell: Cell
}

export interface ToFill {
  /** Cells written as `~`, in table order. */
  blanks: BlankCell[]
  /** Whether the blanks are summarised in one diagnostic (a draft) rather than one each. */
  summarize: boolean
  /** Required sections (一, 五, 六) with no text but the guidance comments of a scaffold. */
  sections: SectionContent[]
}

const memo = new WeakMap<Report, ToFill>()

/** An HTML comment block (`<!-- … -->`): never published, so not text. */
function isComment(node: SectionContent['nodes'][number]): boolean {
  return node.type === 'html' && node.value.trimStart().startsWith('<!--')
}

/** A required section the author has not written yet: empty but for guidance comments. */
export function isUnwritten(section: SectionContent): boolean {
  return section.def?.requiresText === true && section.text === '' && section.nodes.some(isComment)
}

export function toFill(report: Report): ToFill {
  let state = memo.get(report)
  if (state) return state
  const blanks: BlankCell[] = []
  for (const values of report.stats.values()) {
    for (const block of values.def.blocks) {
      const rows = values.blocks.get(block.id)!
      for (const row of block.rows) {
        for (const column of block.columns) {
          const cell = rows.get(row.path.join('.'))!.get(column.key)!
          if (cell.origin === 'blank') blanks.push({ table: values.def, block, row, column, cell })
        }
      }
    }
  }
  const seen = new Set<number>()
  const sections = report.body.sections.filter((s) => isUnwritten(s) && !seen.has(s.def!.number) && seen.add(s.def!.number))
  state = { blanks, summarize: blanks.length > BLANK_SUMMARY_THRESHOLD, sections }
  memo.set(report, state)
  return state
}

/** `表二 8、表三 138、表四 12`: blanks per table, in table order. */
function perTable(blanks: BlankCell[], lang: 'zh' | 'en'): string {
  const counts = new Map<string, number>()
  for (const blank of blanks) counts.set(blank.table.name, (counts.get(blank.table.name) ?? 0) + 1)
  return [...counts].map(([name, n]) => `${name} ${n}`).join(lang === 'zh' ? '、' : ', ')
}

/** The one summary of a draft: cells to fill (when past the threshold) and sections to write. */
export function checkToFill(file: VFile, report: Report): void {
  const state = toFill(report)
  const cells = state.summarize ? state.blanks : []
  if (cells.length === 0 && state.sections.length === 0) return
  const locate = file.data.source!.locate
  const first = state.sections[0]?.heading.position
  const place = cells[0]
    ? locate.path(cells[0].cell.path)
    : locate.range(first!.start.offset!, first!.end.offset!)
  const numerals = state.sections.map((s) => s.def!.numeral)
  emit(
    file,
    'report-filled-in',
    {
      cells: cells.length,
      tables: perTable(cells, 'zh'),
      tablesEn: perTable(cells, 'en'),
      sections: numerals.join('、'),
      sectionsEn: numerals.join(', '),
      sectionCount: numerals.length,
    },
    place,
    cells.length > 0
      ? { note: cells.slice(0, 10).map((b) => `${b.table.name} ${b.row.label}${b.block.columns.length > 1 ? `·${b.column.label}` : ''}`).join('；') + (cells.length > 10 ? '……' : '') }
      : {},
  )
}

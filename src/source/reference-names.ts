/**
 * The names a reference in the narrative may use, built from the format
 * definition: every derived figure (name, aliases, key) and every table
 * cell, spelt `表三 三（三）1 自然人` (table name, row code or — for 表二
 * and 表四 — row label, column label) or as its front matter path
 * `requests.refused.state_secret.natural`. Nothing here names a row or a
 * column itself; a new format brings its own names.
 *
 * Names are compared after `normalizeName`: NFKC (full-width brackets and
 * digits fold), no spaces (an IME's full-width space included), no `·`/`.`
 * separators, ASCII lower case. So `表三三(三)1自然人`, `表三 三（三）1 自然人`
 * and `表三　三（三）1　自然人` are one name.
 */
import { distance } from 'fastest-levenshtein'
import type { BlockDef, ColumnDef, DerivedDef, FormatDefinition, RowDef, TableDef, ValueType } from '../formats/types.js'

/** What a reference names. */
export type ReferenceTarget =
  | { kind: 'derived'; def: DerivedDef }
  | { kind: 'cell'; table: TableDef; block: BlockDef; row: RowDef; column: ColumnDef }

export interface ReferenceVocabulary {
  /** Normalised spelling → target; `null` for a spelling two targets share (ambiguous). */
  names: Map<string, ReferenceTarget | null>
  /** The spelling shown for each target (in suggestions and docs). */
  display: Map<ReferenceTarget, string>
  /** The ASCII spelling of each target (derived key or front matter path), suggested for ASCII input. */
  ascii: Map<ReferenceTarget, string>
}

const SEPARATORS = /[\s\u3000·・.．]/g

export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(SEPARATORS, '').toLowerCase()
}

/** `表三` and `表3`. */
function tableNames(table: TableDef): string[] {
  const digit = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5' }[table.name.slice(1)]
  return digit ? [table.name, `表${digit}`] : [table.name]
}

/** The row label without its numbering: `1.属于国家秘密` → `属于国家秘密`. */
function bareLabel(label: string): string {
  return label.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/, '')
}

/**
 * Ways to name a row: its official code, and for tables whose rows are
 * known by their labels (表二 规章/行政许可, 表四 行政复议/复议后起诉) the label
 * and its aliases. 表三 rows are named by code only: their labels are long
 * and several are the same words as a column (`3.其他` / `其他`).
 */
function rowNames(table: TableDef, block: BlockDef, row: RowDef): string[] {
  const names = [row.code]
  const byLabel = block.layout === 'inline' || block.heading !== undefined
  if (byLabel) names.push(row.label, bareLabel(row.label), ...(row.aliases ?? []))
  return names
}

/** The column a reference may leave out: the 总计 column, or the only column. */
function defaultColumn(block: BlockDef): ColumnDef | undefined {
  return block.columns.find((c) => c.total) ?? (block.columns.length === 1 ? block.columns[0] : undefined)
}

const cache = new WeakMap<FormatDefinition, ReferenceVocabulary>()

/** Every name a reference may use in `format`. */
export function referenceVocabulary(format: FormatDefinition): ReferenceVocabulary {
  const cached = cache.get(format)
  if (cached) return cached
  const names = new Map<string, ReferenceTarget | null>()
  const display = new Map<ReferenceTarget, string>()
  const ascii = new Map<ReferenceTarget, string>()
  const add = (spelling: string, target: ReferenceTarget) => {
    const key = normalizeName(spelling)
    if (key === '') return
    const existing = names.get(key)
    if (existing === undefined) names.set(key, target)
    else if (existing !== null && !sameTarget(existing, target)) names.set(key, null)
  }
  for (const def of format.derived) {
    const target: ReferenceTarget = { kind: 'derived', def }
    display.set(target, def.name)
    ascii.set(target, def.key)
    for (const spelling of [def.name, ...(def.aliases ?? []), def.key]) add(spelling, target)
  }
  // Derived names win over a cell spelt the same way: they are added first and cells never replace them.
  const derivedKeys = new Set(names.keys())
  for (const table of format.tables) {
    for (const block of table.blocks) {
      const fallback = defaultColumn(block)
      for (const row of block.rows) {
        for (const column of block.columns) {
          const target: ReferenceTarget = { kind: 'cell', table, block, row, column }
          const rowSpellings = rowNames(table, block, row)
          const columnSpellings = [column.label, ...(column.aliases ?? [])]
          const omit = column === fallback
          display.set(target, cellDisplay(table, block, row, column, omit))
          const spellings: string[] = []
          for (const t of [...tableNames(table), '']) {
            for (const r of rowSpellings) {
              for (const c of columnSpellings) spellings.push(`${t}${r}${c}`)
              if (omit) spellings.push(`${t}${r}`)
            }
          }
          const path = [table.key, ...row.path]
          ascii.set(target, [...path, column.key].join('.'))
          spellings.push([...path, column.key].join('.'))
          if (omit) spellings.push(path.join('.'))
          for (const spelling of spellings) if (!derivedKeys.has(normalizeName(spelling))) add(spelling, target)
        }
      }
    }
  }
  const vocabulary = { names, display, ascii }
  cache.set(format, vocabulary)
  return vocabulary
}

function sameTarget(a: ReferenceTarget, b: ReferenceTarget): boolean {
  if (a.kind === 'derived') return b.kind === 'derived' && a.def === b.def
  return b.kind === 'cell' && a.table === b.table && a.row === b.row && a.column === b.column
}

function cellDisplay(table: TableDef, block: BlockDef, row: RowDef, column: ColumnDef, omit: boolean): string {
  const rowName = block.layout === 'inline' || block.heading !== undefined ? bareLabel(row.label) : row.code
  return `${table.name} ${rowName}${omit ? '' : ` ${column.label}`}`
}

/** The target a reference name stands for; `null` when ambiguous, `undefined` when unknown. */
export function lookupName(format: FormatDefinition, name: string): ReferenceTarget | null | undefined {
  return referenceVocabulary(format).names.get(normalizeName(name))
}

/**
 * The closest known name (its display spelling) within an edit distance of
 * 40 % of the longer name (at least 1): `收到申清` → `收到申请`.
 */
export function suggestName(format: FormatDefinition, name: string): string | undefined {
  const wanted = normalizeName(name)
  if (wanted === '') return undefined
  const vocabulary = referenceVocabulary(format)
  let best: { target: ReferenceTarget; d: number } | undefined
  for (const [spelling, target] of vocabulary.names) {
    if (!target) continue
    const d = distance(wanted, spelling)
    if (d > Math.max(1, Math.floor(0.4 * Math.max(wanted.length, spelling.length)))) continue
    if (!best || d < best.d) best = { target, d }
  }
  if (!best) return undefined
  return /^[\x20-\x7e]+$/.test(name) ? vocabulary.ascii.get(best.target) : vocabulary.display.get(best.target)
}

/** The value type a target prints as: counts as integers, amounts as written, rates as percentages. */
export function targetKind(target: ReferenceTarget): DerivedDef['kind'] {
  if (target.kind === 'derived') return target.def.kind
  const type: ValueType = target.column.valueType
  return type === 'amount' ? 'amount' : 'count'
}

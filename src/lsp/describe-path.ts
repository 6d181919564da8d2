/**
 * What a front matter key path means in a format definition: a meta field,
 * a table, a group of rows, a row or one cell, with its official labels and
 * the consistency rules (from the definition's rule data) that check it.
 * Hover and completion both read this, so they name things the same way.
 */
import type { BlockDef, ColumnDef, FormatDefinition, MetaFieldDef, RowDef, RuleDef, TableDef } from '../formats/types.js'
import type { YamlPath } from '../source/positions.js'

export type PathInfo =
  | { kind: 'meta'; field: MetaFieldDef }
  | { kind: 'table'; table: TableDef }
  | { kind: 'group'; table: TableDef; block: BlockDef; path: string[]; label: string; code: string; rows: RowDef[] }
  | { kind: 'row'; table: TableDef; block: BlockDef; row: RowDef }
  | { kind: 'cell'; table: TableDef; block: BlockDef; row: RowDef; column: ColumnDef }

const startsWith = (path: readonly (string | number)[], prefix: readonly string[]) =>
  prefix.length <= path.length && prefix.every((key, i) => path[i] === key)

/** Longest common prefix of row codes: `三（三）1`, `三（三）2` → `三（三）`. */
function commonPrefix(codes: string[]): string {
  let prefix = codes[0] ?? ''
  for (const code of codes) while (!code.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}

/** The meaning of `path` (keys and list indexes from the front matter root), if the format defines it. */
export function describePath(format: FormatDefinition, path: YamlPath): PathInfo | undefined {
  const [head, ...rest] = path
  if (typeof head !== 'string') return undefined
  const field = format.meta.find((f) => f.key === head)
  if (field) return path.length === 1 ? { kind: 'meta', field } : undefined
  const table = format.tables.find((t) => t.key === head)
  if (!table) return undefined
  if (rest.length === 0) return { kind: 'table', table }
  for (const block of table.blocks) {
    for (const row of block.rows) {
      if (!startsWith(rest, row.path)) continue
      const remaining = rest.slice(row.path.length)
      if (remaining.length === 0) {
        return block.shape === 'scalar' ? { kind: 'cell', table, block, row, column: block.columns[0]! } : { kind: 'row', table, block, row }
      }
      if (remaining.length > 1) return undefined
      const key = remaining[0]!
      const column =
        block.shape === 'list' && typeof key === 'number'
          ? block.columns[key]
          : block.shape === 'map' && typeof key === 'string'
            ? block.columns.find((c) => c.key === key)
            : undefined
      return column ? { kind: 'cell', table, block, row, column } : undefined
    }
    const keys = rest.filter((k): k is string => typeof k === 'string')
    if (keys.length !== rest.length) continue
    const rows = block.rows.filter((row) => row.path.length > keys.length && startsWith(row.path, keys))
    if (rows.length === 0) continue
    const first = rows[0]!
    const label = first.groups[first.groups.length - (first.path.length - keys.length)] ?? keys.join('.')
    return { kind: 'group', table, block, path: keys, label, code: commonPrefix(rows.map((r) => r.code)), rows }
  }
  return undefined
}

/** Labels of the groups around a row, outermost first (表二: the block heading). */
function rowGroups(block: BlockDef, row: RowDef): string[] {
  return block.heading ? [block.heading] : row.groups
}

/** One line naming the thing: `三（三）3 · 自然人`, `表三 · 一、本年新收…`. */
export function titleOf(info: PathInfo): string {
  switch (info.kind) {
    case 'meta':
      return `${info.field.key} · ${info.field.label}`
    case 'table':
      return `${info.table.name} · ${info.table.caption}`
    case 'group':
      return `${info.code}${info.label.replace(/^（[一二三四五六七八九十]+）/, '')}`
    case 'row':
      return info.row.code
    case 'cell':
      return `${info.row.code} · ${info.column.label}`
  }
}

/** The full official path: `表三 · 三、本年度办理结果 · （三）不予公开 · 3.危及“三安全一稳定” · 自然人`. */
export function trailOf(info: PathInfo): string {
  switch (info.kind) {
    case 'meta':
      return info.field.label
    case 'table':
      return `${info.table.name} · ${info.table.caption}`
    case 'group': {
      const first = info.rows[0]!
      // The groups of the rows inside, down to (and including) this one.
      const depth = first.groups.length - (first.path.length - info.path.length) + 1
      return [info.table.name, ...first.groups.slice(0, Math.max(depth, 0)), ...(depth > 0 ? [] : [info.label])].join(' · ')
    }
    case 'row':
      return [info.table.name, ...rowGroups(info.block, info.row), info.row.label].join(' · ')
    case 'cell':
      return [info.table.name, ...rowGroups(info.block, info.row), info.row.label, info.column.label].join(' · ')
  }
}

const rowIn = (rows: readonly (readonly string[])[], row: RowDef) => rows.some((r) => r.length === row.path.length && startsWith(row.path, r))

/** The format's consistency rules that read or check this row, group or cell. */
export function rulesOf(format: FormatDefinition, info: PathInfo): RuleDef[] {
  if (info.kind === 'meta' || info.kind === 'table') return []
  const rows = info.kind === 'group' ? info.rows : [info.row]
  return format.rules.filter((rule) => {
    if (rule.table !== info.table.key || rule.block !== info.block.id) return false
    switch (rule.kind) {
      case 'row-sum':
        return rows.some((row) => rowIn([rule.target, ...rule.terms], row))
      case 'row-balance':
        return rows.some((row) => rowIn([...rule.left, ...rule.right], row))
      case 'column-sum':
        return info.kind !== 'cell' || rule.target === info.column.key || rule.terms.includes(info.column.key)
    }
  })
}

/** The schema rule that checks a cell's value type. */
export function valueRuleOf(column: ColumnDef): string {
  return column.valueType === 'count' ? 'count-non-negative-integer' : column.valueType === 'amount' ? 'amount-non-negative' : 'value-type'
}

/** Whether a cell or row is a total that may be omitted (then computed). */
export function isOptionalTotal(info: PathInfo): boolean {
  return (info.kind === 'row' && info.row.total === true) || (info.kind === 'cell' && (info.row.total === true || info.column.total === true))
}

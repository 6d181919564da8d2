/**
 * Read the statistics tables of one format from their token streams. Rows
 * are found by their labels, columns by the header labels (table 2) or the
 * format's header tree (tables 3 and 4); every cell ends up read, or `~`
 * with a reason.
 */
import type { BlockDef, FormatDefinition, RowDef, TableDef } from '../formats/types.js'
import { columnFor, findColumnLabels, headerLeavesIn, leaves, matchRow, matchWrappedRow, rowMatchers, uniqueHeaderLabels } from './labels.js'
import { resolveRow, type CellResult, type RowCheck, type ValueToken } from './resolve.js'
import { coreOf, normLabel, numberingOf } from './normalize.js'
import type { Token } from './tokens.js'

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

interface Hit {
  block: BlockDef
  row: RowDef
  header: string
  values: ValueToken[]
  at: number
}

function describe(values: ValueToken[]): string {
  return values.map((v) => (v.kind === 'number' ? v.raw.trim() : v.raw.trim() || '空')).join(' ')
}

/** Walk the tokens: text accumulates until numbers follow; the text must end with a row label. */
function scan(tokens: Token[], table: TableDef): { hits: Hit[]; strays: string[] } {
  const matchers = rowMatchers(table)
  const hits: Hit[] = []
  const strays: string[] = []
  let pending = ''
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i]!
    if (token.kind === 'text') {
      pending += token.text
      i++
      continue
    }
    const run: ValueToken[] = []
    while (i < tokens.length && tokens[i]!.kind !== 'text') run.push(tokens[i++] as ValueToken)
    // `… 0 0 1 属于国家秘密`: a number that is the numbering of the next row's label is not a value.
    let carry = ''
    const last = run.at(-1)
    if (last?.kind === 'number' && /^\d{1,2}$/.test(last.raw.trim())) {
      let next = ''
      for (let j = i; j < tokens.length && tokens[j]!.kind === 'text'; j++) next += (tokens[j] as { text: string }).text
      const numbering = last.raw.trim()
      const numbered = matchRow(`${numbering}.${next}`, matchers)
      const bare = normLabel(next)
      const exactCore = numbered && [numbered.row.label, ...(numbered.row.aliases ?? [])].some((l) => coreOf(l) === bare)
      if (bare && numbered && exactCore && numberingOf(numbered.row.label) === numbering) {
        run.pop()
        carry = `${numbering}.`
      }
    }
    const hasNumber = run.some((t) => t.kind === 'number')
    let match = matchRow(pending, matchers)
    if (!match && hasNumber) {
      let after = ''
      for (let j = i; j < tokens.length && tokens[j]!.kind === 'text'; j++) after += (tokens[j] as { text: string }).text
      match = matchWrappedRow(pending, after, matchers)
    }
    if (match) {
      hits.push({ block: match.block, row: match.row, header: pending, values: run, at: run[0]?.at ?? token.at })
      pending = carry
    } else if (hasNumber) {
      const label = pending.trim().slice(-40)
      strays.push(`${label ? `「${label}」后` : ''}的数字 ${describe(run)}`)
      pending = carry
    } else if (carry) pending += carry
  }
  return { hits, strays }
}

/**
 * List blocks whose rows all lack one number, the 总计 column: `omit` when the header has no 总计
 * either (the table was printed without it), `flag` when it does (the column was left blank).
 */
function listBlocksWithoutTotal(hits: Hit[]): Map<BlockDef, 'omit' | 'flag'> {
  const out = new Map<BlockDef, 'omit' | 'flag'>()
  const blocks = new Set(hits.filter((h) => h.block.shape === 'list').map((h) => h.block))
  for (const block of blocks) {
    const total = block.columns.find((c) => c.total)
    if (!total) continue
    const rows = hits.filter((h) => h.block === block)
    const counts = rows.map((h) => h.values.filter((v) => v.kind === 'number' || v.raw.trim() !== '').length)
    const blanks = rows.some((h) => h.values.some((v, i, all) => v.kind === 'blank' && v.raw.trim() === '' && i > 0 && i < all.length - 1 && all.slice(i).some((w) => w.kind === 'number')))
    if (rows.length < 5 || blanks || !counts.every((n) => n === block.columns.length - 1)) continue
    const header = normLabel(rows[0]!.header)
    const named = [total.label, ...(total.aliases ?? [])].some((l) => header.includes(normLabel(l)))
    out.set(block, named ? 'flag' : 'omit')
  }
  return out
}

/**
 * Table 3's columns are read in the format's order; a header that names
 * them in another order (the 总计 column aside, which merged headers move
 * about) makes every row uncertain.
 */
function columnOrderDoubt(block: BlockDef, header: string): string | undefined {
  const official = leaves(block.header).filter((l) => !block.columns.find((c) => c.key === l.column)?.total).map((l) => normLabel(l.label))
  const found = headerLeavesIn(block, header).filter((l) => official.includes(l))
  const seen = [...new Set(found)]
  if (seen.length < 3) return undefined
  const positions = seen.map((l) => official.indexOf(l))
  const ordered = positions.every((p, i) => i === 0 || p > positions[i - 1]!)
  return ordered ? undefined : `原表表头的列序（${seen.join('、')}）与官方格式不同，各列可能错位`
}

/** The header text of the current block: what follows the last block heading (`第二十条第（六）项`). */
function afterLastHeading(text: string, table: TableDef): string {
  const norm = normLabel(text)
  let from = 0
  for (const block of table.blocks) {
    if (!block.heading) continue
    const at = norm.lastIndexOf(normLabel(block.heading))
    if (at >= 0) from = Math.max(from, at + normLabel(block.heading).length)
  }
  return norm.slice(from)
}

function sumCheck(format: FormatDefinition, table: TableDef, block: BlockDef, order: string[]): RowCheck | undefined {
  const rules = format.rules.filter((r) => r.kind === 'column-sum' && r.table === table.key && r.block === block.id)
  if (rules.length === 0) return undefined
  return (values) => {
    let result: boolean | undefined = true
    for (const rule of rules) {
      if (rule.kind !== 'column-sum') continue
      const at = (key: string) => values[order.indexOf(key)]
      const target = at(rule.target)
      const terms = rule.terms.map(at)
      if (target === undefined) continue
      if (target === null || terms.some((t) => t === null || t === undefined)) {
        if (result === true) result = undefined
        continue
      }
      const sum = (terms as number[]).reduce((a, b) => a + b, 0)
      if (Math.abs(sum - target) > 1e-9) return false
    }
    return result
  }
}

function missingRow(block: BlockDef, row: RowDef, reason: string): RowResult {
  return { block, row, found: false, cells: new Map(block.columns.map((c) => [c.key, { value: null, reason }])) }
}

/** Rows of the row-layout blocks. */
function readRows(format: FormatDefinition, table: TableDef, tokens: Token[]): { rows: Map<RowDef, RowResult>; strays: string[]; score: number } {
  const scanned = scan(tokens, table)
  const { strays } = scanned
  // A label followed only by blank cells (a caption, a header repeated) yields to the same row with numbers.
  const numeric = (h: Hit) => h.values.some((v) => v.kind === 'number')
  const hits = scanned.hits.filter((h) => numeric(h) || !scanned.hits.some((o) => o.row === h.row && numeric(o)))
  const rows = new Map<RowDef, RowResult>()
  let score = -strays.length
  const headerOf = new Map<BlockDef, string[]>()
  const withoutTotal = listBlocksWithoutTotal(hits)
  const orderOf = new Map<BlockDef, string | undefined>()
  for (const hit of hits) {
    const { block, row } = hit
    if (rows.has(row)) {
      const first = rows.get(row)!
      for (const [key, cell] of first.cells) {
        first.cells.set(key, { ...cell, reason: [cell.reason, `此行在原文中出现了两次（另一处：${describe(hit.values)}），已取第一处`].filter(Boolean).join('；') })
      }
      score -= 1
      continue
    }
    let positions: (string | undefined)[]
    const notes: string[] = []
    if (block.shape === 'list') {
      if (!orderOf.has(block)) orderOf.set(block, columnOrderDoubt(block, hit.header))
      const order = orderOf.get(block)
      if (order) notes.push(order)
      const total = withoutTotal.get(block)
      positions = block.columns.filter((c) => !(total && c.total)).map((c) => c.key)
      if (total === 'flag') notes.push(`表中每一行都只有 ${positions.length} 个数，按缺「总计」列读取，总计写作 ~`)
    } else {
      const labels = findColumnLabels(table.key, afterLastHeading(hit.header, table))
      if (labels.length > 0) headerOf.set(block, labels)
      const header = headerOf.get(block)
      if (header) {
        positions = header.map((label) => {
          const match = columnFor(block, label)
          score += match ? (match.exact ? 1 : 0) : -1
          return match?.column.key
        })
      } else {
        positions = block.columns.map((c) => c.key)
        if (block.columns.length > 1) notes.push('原表此处找不到列名，按官方列序读取')
      }
    }
    const order = positions.map((p) => p ?? '')
    const cells = resolveRow(hit.values, positions.length, sumCheck(format, table, block, order))
    const out = new Map<string, { value: number | null; reason?: string }>()
    const extra: string[] = []
    positions.forEach((key, i) => {
      const cell = cells[i]!
      if (key === undefined || out.has(key)) {
        if (cell.value !== null) extra.push(String(cell.value))
        return
      }
      const reason = [...notes, cell.reason].filter(Boolean).join('；')
      out.set(key, reason ? { ...cell, reason } : cell)
    })
    const result = new Map<string, CellResult>()
    for (const column of block.columns) {
      // A table printed without its 总计 column: the total is left out, to be computed.
      if (column.total && withoutTotal.get(block) === 'omit') continue
      let cell = out.get(column.key) ?? { value: null, reason: column.total && notes.length ? notes.join('；') : `原表没有「${column.label}」这一列` }
      if (extra.length) cell = { ...cell, reason: [cell.reason, `原表此行另有不属于本格式的列：${extra.join(' ')}`].filter(Boolean).join('；') }
      result.set(column.key, cell)
    }
    if (cells.every((c) => !c.reason)) score += 1
    rows.set(row, { block, row, cells: result, found: true, at: hit.at, end: hit.values.at(-1)?.at ?? hit.at })
  }
  return { rows, strays, score }
}

/** An inline block (table 4): all numbers of the region, in header-tree order. */
function readInline(format: FormatDefinition, table: TableDef, block: BlockDef, tokens: Token[]): RowResult[] {
  const slots = leaves(block.header)
  // The data row: the runs of cells that hold numbers (header cells left blank around them are layout).
  const runs: ValueToken[][] = [[]]
  for (const token of tokens) {
    if (token.kind === 'text') runs.push([])
    else runs.at(-1)!.push(token)
  }
  const values = runs.filter((run) => run.some((t) => t.kind === 'number')).flat()
  const order = slots.map((s) => `${s.row}.${s.column}`)
  const rules = format.rules.filter((r) => r.kind === 'column-sum' && r.table === table.key && r.block === block.id)
  const check: RowCheck = (reading) => {
    let result: boolean | undefined = true
    for (const rule of rules) {
      if (rule.kind !== 'column-sum') continue
      for (const row of block.rows) {
        const at = (key: string) => reading[order.indexOf(`${row.path[0]}.${key}`)]
        const target = at(rule.target)
        const terms = rule.terms.map(at)
        if (target === null || target === undefined || terms.some((t) => t === null || t === undefined)) {
          if (result === true) result = undefined
          continue
        }
        if (Math.abs((terms as number[]).reduce((a, b) => a + b, 0) - target) > 1e-9) return false
      }
    }
    return result
  }
  const labelled = labelledRuns(format, table, block, tokens)
  if (labelled) return labelled
  // The groups (行政复议 | 未经复议直接起诉 | 复议后起诉) must be named in the format's order.
  const firstValue = tokens.findIndex((t) => t.kind === 'number')
  const header = tokens.slice(0, Math.max(0, firstValue)).map((t) => (t.kind === 'text' ? t.text : '')).join('')
  const { official, found } = uniqueHeaderLabels(block, header)
  const positions = found.map((l) => official.indexOf(l))
  const swapped = positions.some((p, i) => i > 0 && p < positions[i - 1]!)
  const read = resolveRow(values, slots.length, check)
  const cells = swapped
    ? read.map((c) => ({ ...c, reason: [c.reason, `原表表头的顺序（${found.join('、')}）与官方格式不同，各组数字可能错位`].filter(Boolean).join('；') }))
    : read
  return block.rows.map((row) => {
    const map = new Map<string, CellResult>()
    for (const column of block.columns) {
      const index = order.indexOf(`${row.path[0]}.${column.key}`)
      map.set(column.key, cells[index] ?? { value: null, reason: '原表缺少此格' })
    }
    return {
      block,
      row,
      cells: map,
      found: values.length > 0,
      ...(values[0] ? { at: values[0].at, end: values.at(-1)!.at } : {}),
    }
  })
}

/**
 * Table 4 written as one line per row (`行政复议 0 0 0 0 0`, `复议后起诉 …`):
 * each run of numbers goes to the row its label names, whatever their order.
 */
function labelledRuns(format: FormatDefinition, table: TableDef, block: BlockDef, tokens: Token[]): RowResult[] | undefined {
  const matchers = block.rows.map((row) => ({ row, label: normLabel(row.label) }))
  const byRow = new Map<RowDef, ValueToken[]>()
  let text = ''
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i]!
    if (token.kind === 'text') {
      text += token.text
      i++
      continue
    }
    const run: ValueToken[] = []
    while (i < tokens.length && tokens[i]!.kind !== 'text') run.push(tokens[i++] as ValueToken)
    if (!run.some((t) => t.kind === 'number')) continue
    const norm = normLabel(text)
    const match = matchers.find((m) => norm.endsWith(m.label))
    if (!match || byRow.has(match.row)) return undefined
    byRow.set(match.row, run)
    text = ''
  }
  if (byRow.size !== block.rows.length) return undefined
  const check = sumCheck(format, table, block, block.columns.map((c) => c.key))
  return block.rows.map((row) => {
    const values = byRow.get(row)!
    const cells = resolveRow(values, block.columns.length, check)
    return {
      block,
      row,
      cells: new Map(block.columns.map((c, k) => [c.key, cells[k]!])),
      found: true,
      ...(values[0] ? { at: values[0].at, end: values.at(-1)!.at } : {}),
    }
  })
}

/** Read one table of `format` from its region's tokens (`undefined`: the table was not found). */
export function readTable(format: FormatDefinition, table: TableDef, tokens: Token[] | undefined): TableResult {
  const missingReason = `原文未找到${table.name}（${table.caption}）`
  if (!tokens || tokens.length === 0) {
    const rows = table.blocks.flatMap((block) => block.rows.map((row) => missingRow(block, row, missingReason)))
    return { def: table, found: false, rows, strays: [], score: -rows.length }
  }
  const rowBlocks = table.blocks.filter((b) => b.layout === 'rows')
  const read = rowBlocks.length ? readRows(format, table, tokens) : { rows: new Map<RowDef, RowResult>(), strays: [], score: 0 }
  let score = read.score
  const rows: RowResult[] = []
  for (const block of table.blocks) {
    if (block.layout === 'inline') {
      const inline = readInline(format, table, block, tokens)
      rows.push(...inline)
      score += inline.every((r) => [...r.cells.values()].every((c) => !c.reason)) ? 1 : 0
      continue
    }
    for (const row of block.rows) {
      const found = read.rows.get(row)
      if (found) rows.push(found)
      else {
        score -= 1
        rows.push(missingRow(block, row, '原文表中未找到此行'))
      }
    }
  }
  const found = rows.some((r) => r.found)
  return { def: table, found, rows, strays: read.strays, score }
}

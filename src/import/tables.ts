/**
 * Read the statistics tables of one format from their token streams. Rows
 * are found by their labels, columns by the header labels (table 2) or the
 * format's header tree (tables 3 and 4); every cell ends up read, or `~`
 * with a reason.
 */
import type { BlockDef, FormatDefinition, RowDef, TableDef } from '../formats/types.js'
import { readInline } from './inline.js'
import { columnFor, findColumnLabels, headerLeavesIn, leaves } from './labels.js'
import { normLabel } from './normalize.js'
import { cellKey, tableConstraints } from './constraints.js'
import { candidatesOf, decide, judge, type CellResult, type RowCandidates } from './resolve.js'
import { missingRow, type RowResult, type TableResult } from './results.js'
import { describe, scan, type Hit } from './scan.js'
import type { Token } from './tokens.js'

export type { RowResult, TableResult } from './results.js'

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

/** A row found in the text, before the rules have judged its readings. */
interface RowPlan {
  hit: Hit
  /** Column key at each position of a reading (`undefined`: a column the format does not have). */
  positions: (string | undefined)[]
  notes: string[]
  candidates: RowCandidates
}

/** Rows of the row-layout blocks: every row's candidate readings, judged together by the format's rules. */
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
  const plans: RowPlan[] = []
  const seen = new Map<RowDef, RowPlan>()
  const repeats = new Map<RowPlan, { times: number; other: string; note: number }>()
  const groupHits: Hit[] = []
  for (const hit of hits) {
    const { block, row } = hit
    if (hit.group) {
      groupHits.push(hit)
      continue
    }
    const twice = seen.get(row)
    if (twice) {
      // One note however often the row repeats (a page pasted twice, or thousands of times).
      const repeat = repeats.get(twice) ?? { times: 1, other: describe(hit.values), note: twice.notes.length }
      repeat.times++
      repeats.set(twice, repeat)
      twice.notes[repeat.note] =
        repeat.times === 2
          ? `此行在原文中出现了两次（另一处：${repeat.other}），已取第一处`
          : `此行在原文中出现了 ${repeat.times} 次（另一处如：${repeat.other}），已取第一处`
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
      // A header wrapped over two lines (`本年制发 本年废止` / `件数 件数`) names fewer columns than the
      // row has numbers: when the row has exactly the format's count, the format's order it is.
      const numbers = hit.values.filter((v) => v.kind === 'number').length
      const partial = header && header.length < block.columns.length && numbers === block.columns.length
      if (header && !partial) {
        positions = header.map((label) => {
          const match = columnFor(block, label)
          score += match ? (match.exact ? 1 : 0) : -1
          return match?.column.key
        })
      } else {
        positions = block.columns.map((c) => c.key)
        const named = (header ?? []).map((label) => block.columns.findIndex((c) => c.key === columnFor(block, label)?.column.key))
        const inOrder = named.length > 0 && named.every((k, j) => k >= 0 && (j === 0 || k > named[j - 1]!))
        if (block.columns.length > 1 && !(partial && inOrder)) notes.push('原表此处找不到列名，按官方列序读取')
      }
    }
    const plan: RowPlan = { hit, positions, notes, candidates: candidatesOf(hit.values, positions.length, positions.map((key) => block.columns.find((c) => c.key === key))) }
    seen.set(row, plan)
    plans.push(plan)
  }
  // A group printed as one undivided row (（六）其他处理 in a 2021 table): its total, for its items.
  // Only where none of its items is printed (else it is a subtotal row), and once per group.
  const undivided = groupHits.filter((h) => h.group!.every((row) => !seen.has(row)))
  for (const hit of undivided.filter((h, i) => undivided.findIndex((o) => o.group![0] === h.group![0]) === i)) {
    const positions = hit.block.columns.map((c) => c.key)
    plans.push({ hit, positions, notes: [], candidates: candidatesOf(hit.values, positions.length) })
  }
  // Columns read out of order are not the cells they seem: the rules must not judge them.
  const verdicts = judge(
    plans.map((p) => ({
      cells: p.positions.map((key) =>
        key === undefined || orderOf.get(p.hit.block) || p.hit.group ? undefined : cellKey(p.hit.row.path, key),
      ),
      candidates: p.candidates,
    })),
    tableConstraints(format, table),
  )
  plans.forEach((plan, i) => {
    const { hit, positions, notes } = plan
    const { block, row } = hit
    const cells = decide(plan.candidates, verdicts[i]!)
    if (hit.group) {
      // The items of an undivided group: 0 where the group's total is 0 (counts are never negative), else unknown.
      const label = hit.block.rows.find((r) => r === hit.group![0])?.groups[1] ?? ''
      for (const item of hit.group) {
        const itemCells = new Map<string, CellResult>()
        positions.forEach((key, k) => {
          const total = cells[k]!
          const why = `原表「${label}」未分项，只有合计 ${total.value ?? '~'}`
          itemCells.set(
            key!,
            total.value === 0 && !total.reason
              ? { value: 0, note: `${why}，各分项只能为 0` }
              : { value: null, reason: total.reason ? `${why}；${total.reason}` : `${why}，各分项无法确定` },
          )
        })
        rows.set(item, { block, row: item, cells: itemCells, found: true, at: hit.at, end: hit.values.at(-1)?.at ?? hit.at })
      }
      return
    }
    const out = new Map<string, CellResult>()
    const extra: string[] = []
    positions.forEach((key, k) => {
      const cell = cells[k]!
      if (key === undefined || out.has(key)) {
        if (cell.value !== null) extra.push(String(cell.value))
        return
      }
      const reason = [...notes, cell.reason].filter(Boolean).join('；')
      const note = [hit.info, cell.note].filter(Boolean).join('；')
      out.set(key, { value: cell.value, ...(reason ? { reason } : {}), ...(note ? { note } : {}) })
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
  })
  return { rows, strays, score }
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

/**
 * A table region as a flat stream of tokens: text, numbers and blank cells.
 * Tabs, one-cell-per-line dumps, whole tables on one line and HTML grids
 * all become the same stream, because in every one of them a row's numbers
 * follow its label.
 */
import { expandGrid, type Block } from './blocks.js'
import { readNumber } from './normalize.js'

export type Token =
  | { kind: 'text'; text: string; at: number }
  | { kind: 'number'; value: number; raw: string; at: number; unit?: '元' | '万元' }
  | { kind: 'blank'; raw: string; at: number }

/** A run of values with the text before it and the text right after it. */
export interface ValueRun {
  /** Text tokens since the previous run (a row label, usually). */
  before: string
  values: Extract<Token, { kind: 'number' | 'blank' }>[]
  /** Text tokens up to the next run (the next label, for look-ahead). */
  after: string
  /** Position of the first value. */
  at: number
}

/** The token stream as runs of values, each with its surrounding text. */
export function valueRuns(tokens: Token[]): ValueRun[] {
  const runs: ValueRun[] = []
  let before = ''
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i]!
    if (token.kind === 'text') {
      before += token.text
      i++
      continue
    }
    const values: ValueRun['values'] = []
    while (i < tokens.length && tokens[i]!.kind !== 'text') values.push(tokens[i++] as ValueRun['values'][number])
    let after = ''
    for (let j = i; j < tokens.length && tokens[j]!.kind === 'text'; j++) after += (tokens[j] as { text: string }).text
    runs.push({ before, values, after, at: token.at })
    before = ''
  }
  return runs
}

/** A number inside text: thousands groups, decimals, and a unit written right after it. */
const NUMBER_IN_TEXT = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g
const UNIT_AFTER = /^(?:万元|元|件|个|项|次)/

/**
 * Split the numbers out of a piece of text where digits touch labels
 * (`规章000行政规范性文件3112`, a whole table run together). Digits that
 * belong to the text stay in it: row numbering (`2.其他`, `（1）`, the `2`
 * of `00000002.其他` whose run ends in the next row's numbering), `第3页`,
 * and dates (`2023年`).
 */
function splitTouching(piece: string): string[] {
  const out: string[] = []
  let text = ''
  let last = 0
  for (const match of piece.matchAll(NUMBER_IN_TEXT)) {
    const at = match.index
    let digits = match[0]
    const before = piece[at - 1] ?? ''
    let after = piece.slice(at + digits.length)
    text += piece.slice(last, at)
    last = at + digits.length
    if (/^[.．、]\D/.test(after) || (/^[.．]$/.test(after))) {
      // Numbering of the next label: one digit (the formats number rows 1–8); what precedes it is a value.
      if (digits.length === 1 || /[.,]/.test(digits)) {
        text += digits
        continue
      }
      text += ''
      const value = digits.slice(0, -1)
      if (text.trim()) out.push(text)
      text = digits.slice(-1)
      out.push(value)
      continue
    }
    if ((/[（(]$/.test(before) && /^[)）]/.test(after)) || /第$/.test(before) || /^\s*(?:年|月|日)/.test(after)) {
      text += digits
      continue
    }
    const unit = UNIT_AFTER.exec(after)?.[0] ?? ''
    if (unit) {
      digits += unit
      last += unit.length
      after = after.slice(unit.length)
    }
    if (text.trim()) out.push(text)
    text = ''
    out.push(digits)
  }
  text += piece.slice(last)
  if (text.trim()) out.push(text)
  return out
}

function pushCell(out: Token[], cell: string, at: number): void {
  const text = cell.replace(/\u00a0/g, ' ').trim()
  if (text === '') {
    out.push({ kind: 'blank', raw: '', at })
    return
  }
  for (const piece of text.split(/[\s\u3000]+/)) {
    const reading = readNumber(piece)
    if (reading.kind === 'number') {
      out.push({ kind: 'number', value: reading.value, raw: reading.raw, at, ...(reading.unit ? { unit: reading.unit } : {}) })
      continue
    }
    if (reading.kind === 'blank') {
      out.push({ kind: 'blank', raw: reading.raw, at })
      continue
    }
    const parts = splitTouching(piece)
    if (parts.length === 1 && parts[0] === piece) {
      out.push({ kind: 'text', text: piece, at })
      continue
    }
    for (const part of parts) pushCell(out, part, at)
  }
}

/** Page footers of PDF/Word dumps: `— 3 —`, `-3-`, `第 3 页`, `第3页 共5页`. */
export const PAGE_NUMBER = /^(?:[-—–]+\s*\d{1,3}\s*[-—–]+|(?:第\s*\d{1,3}\s*页\s*)?(?:共\s*\d{1,3}\s*页)?)$/

export function tokenize(blocks: Block[]): Token[] {
  const out: Token[] = []
  for (const block of blocks) {
    if (block.type === 'line') {
      // A line of tabs only is an empty cell in a one-cell-per-line dump.
      if (block.text === '' && block.cells.length <= 1) continue
      if (block.text !== '' && PAGE_NUMBER.test(block.text)) continue
      const cells = block.cells.map((c) => c.trim())
      // Leading empty cells are indentation or merged cells on the left, never data.
      while (cells.length > 0 && cells[0] === '') cells.shift()
      if (cells.length === 0) {
        out.push({ kind: 'blank', raw: '', at: block.at })
        continue
      }
      for (const cell of cells) pushCell(out, cell, block.at)
      continue
    }
    for (const row of expandGrid(block.rows)) {
      for (const slot of row) if (slot.origin) pushCell(out, slot.cell.text, block.at)
    }
  }
  // `2023 年`, `12 月`: a number followed by a date word is text (a caption), not a cell.
  return out.map((token, i) => {
    const next = out[i + 1]
    if (token.kind === 'number' && next?.kind === 'text' && next.at === token.at && /^(?:年|月|日|年度)/.test(next.text)) {
      return { kind: 'text', text: token.raw, at: token.at }
    }
    return token
  })
}

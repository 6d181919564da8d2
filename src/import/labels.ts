/**
 * Row and column vocabulary taken from the format definitions: every row
 * label, its aliases and numbering, every column label and alias. Nothing
 * here names a row or column itself.
 */
import { distance } from 'fastest-levenshtein'
import { formats } from '../formats/index.js'
import type { BlockDef, ColumnDef, HeaderNode, RowDef, TableDef } from '../formats/types.js'
import { coreOf, normLabel } from './normalize.js'

export interface RowMatcher {
  block: BlockDef
  row: RowDef
  /** A group label (`（六）其他处理`) printed as one undivided row: its item rows; `row` is the first. */
  group?: RowDef[]
  /** Normalised forms; `strength` 2 = with numbering, 1 = label without numbering, 0 = short label that must be the whole text. */
  forms: { text: string; strength: number }[]
}

/** A core this short (`总计`, `其他`) is only trusted with its numbering (`（七）总计`, `3.其他`). */
const MIN_CORE = 4

export function rowMatchers(table: TableDef): RowMatcher[] {
  const out: RowMatcher[] = []
  for (const block of table.blocks) {
    if (block.layout !== 'rows') continue
    for (const row of block.rows) {
      const forms: RowMatcher['forms'] = []
      for (const variant of [row.label, ...(row.aliases ?? [])]) {
        const full = normLabel(variant)
        const core = coreOf(variant)
        forms.push({ text: full, strength: 2 })
        if (core !== full && core.length >= MIN_CORE) forms.push({ text: core, strength: 1 })
        // `总计` alone right after the previous row's numbers: the whole text must be the label.
        else if (core !== full && core.length > 0) forms.push({ text: core, strength: 0 })
      }
      out.push({ block, row, forms })
    }
    // Group labels (`（六）其他处理`), for a table that prints a group as one undivided row.
    const groups = new Map<string, RowDef[]>()
    for (const row of block.rows) {
      const label = row.groups[1]
      if (label) groups.set(label, [...(groups.get(label) ?? []), row])
    }
    for (const [label, rows] of groups) {
      const full = normLabel(label)
      const core = coreOf(label)
      const forms: RowMatcher['forms'] = [{ text: full, strength: 2 }]
      if (core !== full && core.length >= MIN_CORE) forms.push({ text: core, strength: 1 })
      out.push({ block, row: rows[0]!, forms, group: rows })
    }
  }
  return out
}

/** The row whose label the text ends with (the longest such label wins). */
export function matchRow(text: string, matchers: RowMatcher[]): RowMatcher | undefined {
  const exact = (norm: string): RowMatcher | undefined => {
    let best: RowMatcher | undefined
    let bestLength = 0
    for (const matcher of matchers) {
      for (const form of matcher.forms) {
        const fits = form.strength === 0 ? norm === form.text : norm.endsWith(form.text)
        if (form.text.length > bestLength && fits) {
          best = matcher
          bestLength = form.text.length
        }
      }
    }
    return best
  }
  // `行政许可（件）`, `（二）部分公开（区分处理的，只计这一情形，不计其它情形）`: a note after the label.
  const bare = text.replace(/[（(][^（）()]{0,40}[)）]\s*$/, '')
  return exact(normLabel(text)) ?? (bare !== text ? exact(normLabel(bare)) : undefined) ?? near(normLabel(text), matchers)
}

/** A long label written slightly differently (a character dropped or changed): edit distance ≤ 15%. */
function near(norm: string, matchers: RowMatcher[]): RowMatcher | undefined {
  let best: RowMatcher | undefined
  let bestScore = Infinity
  for (const matcher of matchers) {
    for (const form of matcher.forms) {
      if (form.strength === 0 || form.text.length < 8) continue
      const allowed = Math.floor(form.text.length * 0.15)
      for (let length = form.text.length - allowed; length <= form.text.length + allowed; length++) {
        if (length > norm.length) break
        const d = distance(norm.slice(norm.length - length), form.text)
        if (d <= allowed && d / form.text.length < bestScore) {
          best = matcher
          bestScore = d / form.text.length
        }
      }
    }
  }
  return best
}

/** Every column label (with aliases) of a table across all known formats, longest first. */
function columnVocabulary(tableKey: string): string[] {
  const labels = new Set<string>()
  for (const format of formats) {
    for (const table of format.tables) {
      if (table.key !== tableKey) continue
      for (const block of table.blocks) {
        for (const column of block.columns) {
          for (const label of [column.label, ...(column.aliases ?? [])]) labels.add(normLabel(label))
        }
      }
    }
  }
  return [...labels].sort((a, b) => b.length - a.length)
}

/** Column labels found in a header text, in the order written. */
export function findColumnLabels(tableKey: string, header: string): string[] {
  let text = normLabel(header)
  const found: { at: number; label: string }[] = []
  for (const label of columnVocabulary(tableKey)) {
    let at = text.indexOf(label)
    while (at >= 0) {
      found.push({ at, label })
      text = text.slice(0, at) + '\u0000'.repeat(label.length) + text.slice(at + label.length)
      at = text.indexOf(label)
    }
  }
  // Second pass: a label written one character off (`上年项目数量`, `现行有效件`).
  for (const label of columnVocabulary(tableKey)) {
    if (label.length < 5) continue
    for (const length of [label.length - 1, label.length + 1]) {
      for (let at = 0; at + length <= text.length; at++) {
        const window = text.slice(at, at + length)
        if (window.includes('\u0000') || distance(window, label) > 1) continue
        found.push({ at, label })
        text = text.slice(0, at) + '\u0000'.repeat(length) + text.slice(at + length)
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.label)
}

/** The column of `block` a found header label names: exactly, or as a shortened form (`处理决定数量`). */
export function columnFor(block: BlockDef, label: string): { column: ColumnDef; exact: boolean } | undefined {
  for (const column of block.columns) {
    if ([column.label, ...(column.aliases ?? [])].some((l) => normLabel(l) === label)) return { column, exact: true }
  }
  for (const column of block.columns) {
    const own = normLabel(column.label)
    if (label.length >= 4 && (own.endsWith(label) || label.endsWith(own))) return { column, exact: false }
  }
  return undefined
}

/** Leaves of a header tree in order: (row, column) pairs of an inline block. */
export function leaves(nodes: HeaderNode[]): { row?: string; column?: string; label: string }[] {
  return nodes.flatMap((node) =>
    node.children ? leaves(node.children) : [{ ...(node.row ? { row: node.row } : {}), ...(node.column ? { column: node.column } : {}), label: node.label }],
  )
}

/**
 * The leaf columns a header text names, in the order written. Group labels
 * (`法人或其他组织`) are matched too, so that `其他` inside them is not a leaf.
 */
export function headerLeavesIn(block: BlockDef, header: string): string[] {
  const all: { label: string; leaf: boolean }[] = []
  const walk = (nodes: HeaderNode[]) => {
    for (const node of nodes) {
      all.push({ label: normLabel(node.label), leaf: !node.children })
      if (node.children) walk(node.children)
    }
  }
  walk(block.header)
  all.sort((a, b) => b.label.length - a.label.length)
  let text = normLabel(header)
  const found: { at: number; label: string }[] = []
  for (const { label, leaf } of all) {
    if (!label) continue
    let at = text.indexOf(label)
    while (at >= 0) {
      if (leaf) found.push({ at, label })
      text = text.slice(0, at) + '\u0000'.repeat(label.length) + text.slice(at + label.length)
      at = text.indexOf(label)
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.label)
}

/**
 * Labels that occur once in a header tree (`行政复议`, `复议后起诉`), in tree
 * order, and the order a header text names them in.
 */
export function uniqueHeaderLabels(block: BlockDef, header: string): { official: string[]; found: string[] } {
  const all: string[] = []
  const walk = (nodes: HeaderNode[]) => {
    for (const node of nodes) {
      all.push(normLabel(node.label))
      if (node.children) walk(node.children)
    }
  }
  walk(block.header)
  const official = all.filter((l) => l && all.indexOf(l) === all.lastIndexOf(l))
  let text = normLabel(header)
  const found: { at: number; label: string }[] = []
  for (const label of [...official].sort((a, b) => b.length - a.length)) {
    const at = text.indexOf(label)
    if (at < 0) continue
    found.push({ at, label })
    text = text.slice(0, at) + '\u0000'.repeat(label.length) + text.slice(at + label.length)
  }
  return { official, found: found.sort((a, b) => a.at - b.at).map((f) => f.label) }
}

/**
 * A label cell wrapped around its numbers, as text taken from a PDF gives it:
 * `5.要求行政机关确认或重新出具已 0 0 … 获取信息`. The text before the numbers
 * ends with the start of a label (6+ characters) and the text after them holds
 * most of the rest.
 */
export function matchWrappedRow(before: string, after: string, matchers: RowMatcher[]): RowMatcher | undefined {
  const head = normLabel(before)
  const tail = normLabel(after).slice(0, 60)
  let best: RowMatcher | undefined
  let bestLength = 0
  for (const matcher of matchers) {
    for (const form of matcher.forms) {
      if (form.strength === 0 || form.text.length < 8) continue
      for (let k = form.text.length - 2; k >= 6; k--) {
        if (!head.endsWith(form.text.slice(0, k))) continue
        const rest = form.text.slice(k)
        const needed = rest.slice(0, Math.max(2, Math.ceil(rest.length * 0.6)))
        if (tail.includes(needed) && form.text.length > bestLength) {
          best = matcher
          bestLength = form.text.length
        }
        break
      }
    }
  }
  return best
}

/**
 * References to the tables in the narrative: `{收到申请}`, `{表三 三（三）1 自然人}`,
 * `{{requests.received.total}}`. Each is replaced in the mdast by the printed
 * value before anything is rendered, so the page, the PDF and every other
 * output get plain numbers. The source body stays as written (the checks
 * and `data.json` read it); the resolved copy is made once per report.
 *
 * Grammar (README, docs/references.md):
 *   reference := "{" name "}" | "｛" name "｝" | "{{" name "}}"
 *   name      := a derived figure (名称, 别名 or key)
 *              | [表名] 行 [列]           表三 三（三）1 自然人 · 表四 行政复议 结果纠正 · 表二 行政许可
 *              | table.row….column        requests.refused.state_secret.natural
 * Spaces inside are optional; the column may be left out where the block has
 * a 总计 column (or only one column). `\{` writes a literal brace, and code
 * spans and blocks are never read.
 */
import type { RootContent, Text } from 'mdast'
import { toString, visit } from '../vendor/markdown.js'
import type { VFile } from 'vfile'
import { rowKey } from './cells.js'
import { evaluateDerived, formatFigure, type DerivedUnknown } from './derived.js'
import { lookupName, targetKind, type ReferenceTarget } from './reference-names.js'
import type { Report } from './report.js'
import type { Body } from './sections.js'
import { textOffsets } from './text-offsets.js'

/** How a reference whose value is not known reads inside a sentence. */
export const BLANK_TEXT = '—'

export type ReferenceProblem =
  /** No figure or cell has this name. */
  | 'unknown'
  /** The name fits several cells (a row code shared by two tables, without the table name). */
  | 'ambiguous'
  /** Why a known name has no value: blank or invalid cell, no such cell in this format, rate over 0. */
  | DerivedUnknown

export interface ReferenceOccurrence {
  /** File offsets of the whole reference, braces included. */
  start: number
  end: number
  /** As written: `{收到申请}`. */
  raw: string
  /** The name between the braces, trimmed. */
  name: string
  target?: ReferenceTarget
  value: number | null
  /** What the reference prints: the value, or `BLANK_TEXT`. */
  text: string
  problem?: ReferenceProblem
}

export interface ResolvedNarrative {
  /** The body with every reference replaced by its printed value (the source body when there is none). */
  body: Body
  /** Every reference, in file order. */
  occurrences: ReferenceOccurrence[]
}

/** `{{ name }}`, `{name}` or `｛name｝`: one line, no braces inside, at most 80 characters. */
const REFERENCE = /\{\{([^{}\n]{1,80})\}\}|[{｛]([^{}｛｝\n]{1,80})[}｝]/g

interface Found {
  /** Index range in the text node's value. */
  from: number
  to: number
  name: string
}

/** References in one text node's value; escaped braces (`\{`) are literal text. */
function findIn(value: string, escaped: boolean[] | undefined): Found[] {
  const out: Found[] = []
  for (const match of value.matchAll(REFERENCE)) {
    const from = match.index
    if (escaped?.[from]) continue
    out.push({ from, to: from + match[0].length, name: (match[1] ?? match[2] ?? '').trim() })
  }
  return out
}

function valueOf(report: Report, target: ReferenceTarget): { value: number | null; unknown?: DerivedUnknown } {
  if (target.kind === 'derived') {
    const result = evaluateDerived(report, target.def.key)
    return result.unknown ? { value: null, unknown: result.unknown } : { value: result.value }
  }
  const cell = report.stats.get(target.table.key)?.blocks.get(target.block.id)?.get(rowKey(target.row.path))?.get(target.column.key)
  if (!cell) return { value: null, unknown: 'absent' }
  if (cell.value !== null) return { value: cell.value }
  return { value: null, unknown: cell.origin === 'blank' || cell.unknown === 'blank' ? 'blank' : 'invalid' }
}

function resolveOne(report: Report, name: string): Pick<ReferenceOccurrence, 'target' | 'value' | 'text' | 'problem'> {
  const target = lookupName(report.format, name)
  if (target === undefined) return { value: null, text: BLANK_TEXT, problem: 'unknown' }
  if (target === null) return { value: null, text: BLANK_TEXT, problem: 'ambiguous' }
  const { value, unknown } = valueOf(report, target)
  const text = formatFigure(targetKind(target), value) ?? BLANK_TEXT
  return unknown ? { target, value, text, problem: unknown } : { target, value, text }
}

/** Replace the references in the text nodes under `nodes` (in place); returns them. */
function substitute(nodes: RootContent[], report: Report, source: string): ReferenceOccurrence[] {
  const occurrences: ReferenceOccurrence[] = []
  for (const node of nodes) {
    visit(node, 'text', (text: Text) => {
      const offsets = textOffsets(source, text)
      const found = findIn(text.value, offsets?.escaped)
      if (found.length === 0) return
      let value = ''
      let last = 0
      for (const f of found) {
        const resolved = resolveOne(report, f.name)
        const fallback = text.position?.start.offset ?? 0
        const start = offsets?.offsets[f.from] ?? fallback
        const end = (offsets?.offsets[f.to - 1] ?? fallback) + 1
        occurrences.push({ start, end, raw: text.value.slice(f.from, f.to), name: f.name, ...resolved })
        value += text.value.slice(last, f.from) + resolved.text
        last = f.to
      }
      text.value = value + text.value.slice(last)
    })
  }
  return occurrences
}

const resolvedCache = new WeakMap<Report, ResolvedNarrative>()

/** The narrative of `file`'s report with its references resolved (computed once per report). */
export function resolveReferences(file: VFile): ResolvedNarrative | undefined {
  const report = file.data.report
  const source = file.data.source
  if (!report || !source) return undefined
  const cached = resolvedCache.get(report)
  if (cached) return cached
  let resolved: ResolvedNarrative
  const body = source.text.slice(source.bodyOffset)
  if (!body.includes('{') && !body.includes('｛')) {
    resolved = { body: report.body, occurrences: [] }
  } else {
    const preamble = structuredClone(report.body.preamble)
    const sections = report.body.sections.map((s) => ({ ...s, nodes: structuredClone(s.nodes) }))
    const occurrences = [
      ...substitute(preamble, report, source.text),
      ...sections.flatMap((s) => substitute(s.nodes, report, source.text)),
    ]
    for (const section of sections) section.text = section.nodes.map((n) => toString(n)).join('\n').trim()
    resolved = { body: { preamble, sections }, occurrences }
  }
  resolvedCache.set(report, resolved)
  return resolved
}

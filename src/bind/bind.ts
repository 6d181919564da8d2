/**
 * `nianbao bind`: the narrative's literal numbers that the checker reads as
 * a table quantity and that equal it become references (`收到政府信息公开申请
 * 3 件` → `收到政府信息公开申请 {收到申请} 件`), so each number is written
 * once, in the front matter. A number that contradicts the table is never
 * rewritten; the caller reports it (the narrative diagnostic). Only the body
 * changes; the rewrite is idempotent (a reference is not a number).
 */
import { createTwoFilesPatch } from 'diff'
import type { VFile } from 'vfile'
import { evaluateAllDerived, formatDerived } from '../source/derived.js'
import { readNarrative } from '../validate/narrative/compare.js'
import { blockRange, textBlocks } from '../validate/narrative/text-blocks.js'

export interface Rewrite {
  /** File offsets of the text replaced (in the text without BOM). */
  start: number
  end: number
  /** As written: `3`, `十五`, `66.7%`. */
  before: string
  /** The reference: `{收到申请}`. */
  after: string
  /** What the reference prints (the same quantity): `3`, `15`, `66.7%`. */
  printed: string
}

export interface BindResult {
  /** The file text with every rewrite applied (BOM as in the original). */
  text: string
  rewrites: Rewrite[]
}

/** The rewrites for a loaded report file (`loadReport`); none when it has no report. */
export function bindReport(file: VFile, original: string): BindResult {
  const report = file.data.report
  const source = file.data.source
  if (!report || !source) return { text: original, rewrites: [] }
  const figures = evaluateAllDerived(report)
  const nodes = [...report.body.preamble, ...report.body.sections.flatMap((s) => s.nodes)]
  const rewrites: Rewrite[] = []
  for (const block of textBlocks(nodes, source.text)) {
    for (const finding of readNarrative(block.text, { year: report.meta.year, figures })) {
      const { claim, matched } = finding
      const n = claim.number
      if (finding.verdict !== 'agrees' || !matched || !n) continue
      // A percentage prints with its sign; money only when written in the figure's own unit (万元).
      if (matched.kind === 'amount' && n.unit !== '万元') continue
      const end = matched.kind === 'rate' ? n.unitEnd : n.end
      const range = blockRange(block, n.start, end)
      if (!range || range[1] - range[0] !== end - n.start || range[0] < source.bodyOffset) continue
      if (rewrites.some((r) => range[0] < r.end && range[1] > r.start)) continue
      const value = figures.get(matched.key)?.value ?? null
      rewrites.push({
        start: range[0],
        end: range[1],
        before: source.text.slice(range[0], range[1]),
        after: `{${matched.name}}`,
        printed: formatDerived(matched, value) ?? '',
      })
    }
  }
  rewrites.sort((a, b) => a.start - b.start)
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : ''
  let text = source.text
  for (const r of [...rewrites].reverse()) text = text.slice(0, r.start) + r.after + text.slice(r.end)
  return { text: bom + text, rewrites }
}

/** The rewrite as a unified diff (`--- a/path`, `+++ b/path`), empty when nothing changes. */
export function bindDiff(path: string, before: string, after: string): string {
  if (before === after) return ''
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 2 })
  // jsdiff opens with a `====` rule; `git apply` and `patch` want the `---` line first.
  const text = patch.slice(patch.indexOf('---'))
  return text.endsWith('\n') ? text : `${text}\n`
}

/**
 * The narrative in data.json: each written section's Markdown as the author
 * wrote it (`source`, references such as `{收到申请}` included) and as it is
 * published (`text`, every reference replaced by its printed value), so a
 * portal can index the published words and still see where a number came from.
 */
import type { RootContent } from 'mdast'
import type { VFile } from 'vfile'
import { resolveReferences, type ReferenceOccurrence } from '../source/references.js'

export interface DataSection {
  /** Official section number (1–6); `null` for the text before the first heading or a heading that matched no section. */
  number: number | null
  /** The level-2 heading as written; `null` for the text before the first heading. */
  heading: string | null
  /** The Markdown as written, references included. */
  source: string
  /** The Markdown as published: each reference replaced by its printed value. */
  text: string
}

function span(nodes: RootContent[]): [number, number] | undefined {
  const start = nodes[0]?.position?.start.offset
  const end = nodes.at(-1)?.position?.end.offset
  return start === undefined || end === undefined ? undefined : [start, end]
}

function published(source: string, start: number, occurrences: ReferenceOccurrence[]): string {
  let out = source
  // From the end, so earlier offsets stay valid.
  for (const o of [...occurrences].reverse()) out = out.slice(0, o.start - start) + o.text + out.slice(o.end - start)
  return out
}

/** The preamble (when there is one) and every written section, in file order. */
export function exportSections(file: VFile): DataSection[] {
  const report = file.data.report
  const text = file.data.source?.text
  if (!report || text === undefined) return []
  const occurrences = resolveReferences(file)?.occurrences ?? []
  const entry = (number: number | null, heading: string | null, nodes: RootContent[]): DataSection => {
    const range = span(nodes)
    if (!range) return { number, heading, source: '', text: '' }
    const source = text.slice(range[0], range[1])
    const inside = occurrences.filter((o) => o.start >= range[0] && o.end <= range[1])
    return { number, heading, source, text: published(source, range[0], inside) }
  }
  const out: DataSection[] = []
  if (report.body.preamble.length > 0) out.push(entry(null, null, report.body.preamble))
  for (const section of report.body.sections) out.push(entry(section.def?.number ?? null, section.headingText, section.nodes))
  return out
}

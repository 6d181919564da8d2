/**
 * Positions between nianbao and the protocol: nianbao's places are 1-based
 * line/column in UTF-16 code units (vfile-location over a JS string), the
 * protocol's are 0-based in UTF-16 code units — so the conversion is a shift,
 * with no re-measuring of the text. Also: which front matter key or list
 * element an offset falls on, from the YAML document's node ranges.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver'
import { isMap, isScalar, isSeq, type Node } from 'yaml'
import type { Diagnostic } from '../diagnostics/types.js'
import type { FrontMatter, YamlPath } from '../source/positions.js'

export interface Span {
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

/** A nianbao place as a protocol range; a point stays a point. */
export function toRange(span: Span): Range {
  const start = { line: Math.max(span.line - 1, 0), character: Math.max(span.column - 1, 0) }
  const end = span.endLine !== undefined ? { line: Math.max(span.endLine - 1, 0), character: Math.max((span.endColumn ?? 1) - 1, 0) } : start
  return { start, end }
}

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const

/**
 * One validator diagnostic as published: same place, message and rule id
 * (`code`); its cause (the other half of a conflict, possibly in another
 * file) as related information.
 */
export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const out: LspDiagnostic = { range: toRange(d), severity: severities[d.severity], code: d.ruleId, source: 'nianbao', message: d.message }
  if (d.cause) {
    const causeUri = d.cause.file === d.file ? uri : pathToFileURL(resolve(d.cause.file)).href
    out.relatedInformation = [{ location: { uri: causeUri, range: toRange(d.cause) }, message: d.cause.message }]
  }
  return out
}

/** A key or value under the cursor: its path, whether it is the key, and its offsets in the file. */
export interface PathHit {
  path: YamlPath
  key: boolean
  start: number
  end: number
}

const within = (range: readonly number[] | null | undefined, offset: number): range is [number, number, number] =>
  !!range && range[0]! <= offset && offset <= range[1]!

/** The front matter key or value at `offset` (a file offset), deepest first; `undefined` outside every node. */
export function yamlPathAt(front: FrontMatter, offset: number): PathHit | undefined {
  const local = offset - front.offset
  let node: unknown = front.doc.contents
  const path: YamlPath = []
  let hit: PathHit | undefined
  // Depth is bounded by the document (and the parser's own limits); each step goes one level down.
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const key = item.key as Node | null
        const value = item.value as Node | null
        return within(key?.range, local) || within(value?.range, local)
      })
      // Between the items of a flow map (`{issued: 0, …}`) the row is meant; in a block map's
      // indentation or comments, nothing.
      if (!pair || !isScalar(pair.key)) return node.flow ? hit : undefined
      const key = String(pair.key.value)
      const keyRange = pair.key.range
      if (within(keyRange, local)) return { path: [...path, key], key: true, start: front.offset + keyRange[0], end: front.offset + keyRange[1] }
      path.push(key)
      node = pair.value
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within((item as Node | null)?.range, local))
      if (index < 0) return hit
      path.push(index)
      node = node.items[index]
    } else {
      return hit
    }
    const range = (node as Node | null)?.range
    if (!range) return hit
    hit = { path: [...path], key: false, start: front.offset + range[0], end: front.offset + range[1] }
  }
}

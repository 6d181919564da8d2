/**
 * Where a diagnostic shows in the rendered page: the table cells of the
 * YAML value it points at, or the paragraph of the section it is in. The
 * published page carries no preview markup; these anchors name what the
 * official templates already print (element ids, classes, the `headers`
 * attribute of every value cell), and the preview page finds them there.
 */
import type { RootContent } from 'mdast'
import { isMap, isScalar, isSeq, type Node } from 'yaml'
import { location } from 'vfile-location'
import type { VFile } from 'vfile'
import type { Diagnostic } from '../diagnostics/types.js'
import { groupSections } from '../render/markdown.js'
import { buildTableView } from '../render/view-model.js'
import type { YamlPath } from '../source/positions.js'

/** A place in the published page, found by the preview script. */
export interface Anchor {
  /** CSS selector of the element (`#table-requests`, `#section-5`, `.report-title`). */
  target: string
  /** `headers` attributes of the value cells the diagnostic is about (within `target`). */
  cells?: string[]
  /** Index of the block among the section's own text (after its heading and table); -1 is the heading. */
  block?: number
}

/** Value cells of the page: their table, `headers` attribute and YAML path. */
interface PageCell {
  table: string
  headers: string
  path: string
}

/** Meta keys and the part of the page that prints them. */
const META_TARGETS: Record<string, string> = {
  agency: '.report-title',
  year: '.report-title',
  published: '.signoff',
}

/** Markdown nodes that print no element of their own in the page. */
const SILENT = new Set(['html', 'thematicBreak', 'definition', 'footnoteDefinition', 'yaml'])

/** Path of the deepest YAML key or value at `offset` (relative to the YAML text). */
export function yamlPathAt(node: unknown, offset: number, path: YamlPath = []): YamlPath {
  const inside = (n: Node | null | undefined) => {
    const range = n?.range
    return range !== undefined && range !== null && offset >= range[0] && offset < Math.max(range[1], range[0] + 1)
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null
      if (!isScalar(key)) continue
      const name = String(key.value)
      if (inside(key)) return [...path, name]
      if (inside(pair.value as Node | null)) return yamlPathAt(pair.value, offset, [...path, name])
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null
      if (inside(item)) return yamlPathAt(item, offset, [...path, i])
    }
  }
  return path
}

function pageCells(file: VFile): PageCell[] {
  const cells: PageCell[] = []
  for (const values of file.data.report?.stats.values() ?? []) {
    const view = buildTableView(values)
    for (const row of [...view.head, ...view.body]) {
      for (const cell of row.cells) {
        // A computed total stands for a row or a whole table, not for a value the author wrote.
        if (cell.numeric && cell.path !== null && cell.headers !== null && cell.origin !== 'computed')
          cells.push({ table: view.id, headers: cell.headers, path: cell.path })
      }
    }
  }
  return cells
}

function frontMatterAnchor(file: VFile, path: YamlPath, cells: () => PageCell[]): Anchor | undefined {
  const [first] = path
  if (first === undefined) return undefined
  const meta = META_TARGETS[String(first)]
  if (meta) return { target: meta }
  const table = file.data.report?.stats.get(String(first))
  if (!table) return undefined
  const target = `#table-${table.def.key}`
  if (path.length === 1) return { target }
  const key = path.join('.')
  const all = cells().filter((c) => c.table === `table-${table.def.key}`)
  let hits = all.filter((c) => c.path === key)
  if (hits.length === 0) hits = all.filter((c) => c.path.startsWith(`${key}.`))
  if (hits.length === 0) {
    // Deeper than any cell (a key inside a value): the nearest cell above it.
    const above = all.filter((c) => key.startsWith(`${c.path}.`))
    const longest = Math.max(0, ...above.map((c) => c.path.length))
    hits = above.filter((c) => c.path.length === longest)
  }
  return hits.length > 0 ? { target, cells: hits.map((c) => c.headers) } : { target }
}

function contains(node: RootContent, offset: number): boolean {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start !== undefined && end !== undefined && offset >= start && offset < Math.max(end, start + 1)
}

/** The block of the page that shows body text at `offset`. */
function bodyAnchor(file: VFile, offset: number): Anchor | undefined {
  const body = file.data.report?.body
  if (!body) return undefined
  for (const section of body.sections) {
    if (section.def && contains(section.heading, offset)) return { target: `#section-${section.def.number}`, block: -1 }
  }
  const grouped = groupSections(body)
  const groups: [string, RootContent[]][] = [['.preamble', grouped.preamble]]
  for (const [number, nodes] of grouped.sections) groups.push([`#section-${number}`, nodes])
  for (const [target, nodes] of groups) {
    let block = 0
    for (const node of nodes) {
      if (contains(node, offset)) return SILENT.has(node.type) ? { target } : { target, block }
      if (!SILENT.has(node.type)) block++
    }
  }
  return undefined
}

/**
 * One anchor per diagnostic (`undefined` where the page shows nothing of
 * it: the file as a whole, a key the page does not print).
 */
export function anchorsFor(file: VFile, diagnostics: readonly Diagnostic[]): (Anchor | undefined)[] {
  const source = file.data.source
  if (!source) return diagnostics.map(() => undefined)
  const toOffset = location(source.text).toOffset
  let cells: PageCell[] | undefined
  const lazyCells = () => (cells ??= pageCells(file))
  return diagnostics.map((d) => {
    const offset = toOffset({ line: d.line, column: d.column })
    if (offset === undefined) return undefined
    const front = source.front
    if (front && offset >= front.offset && offset < source.bodyOffset) {
      const path = yamlPathAt(front.doc.contents, offset - front.offset)
      return frontMatterAnchor(file, path, lazyCells)
    }
    return offset >= source.bodyOffset ? bodyAnchor(file, offset) : undefined
  })
}

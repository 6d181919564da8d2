/**
 * Map YAML paths to places in the report file. Positions come from the
 * YAML CST (node ranges), never from a regex over the text.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from '../vendor/yaml.js'
import { location } from 'vfile-location'
import type { Place } from '../diagnostics/types.js'

export type YamlPath = (string | number)[]

/** Front matter of one report: the YAML document and where it sits in the file. */
export interface FrontMatter {
  doc: Document
  /** Offset of the first YAML character in the file text. */
  offset: number
  /** Offset of the opening `---`. */
  fenceOffset: number
}

export interface Locator {
  /** Place of an offset range in the file. */
  range(start: number, end: number): Place
  /** Place of a YAML value (or its key with `key: true`), falling back to the nearest parent. */
  path(path: YamlPath, options?: { key?: boolean }): Place
}

function pairFor(node: Node | null | undefined, key: string | number): Pair | undefined {
  if (!isMap(node)) return undefined
  return node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key)) as
    | Pair
    | undefined
}

function childOf(node: unknown, key: string | number): Node | undefined {
  if (isMap(node)) {
    const pair = pairFor(node, key)
    return (pair?.value as Node | null | undefined) ?? undefined
  }
  if (isSeq(node) && typeof key === 'number') return (node.items[key] as Node | undefined) ?? undefined
  return undefined
}

export function createLocator(text: string, front: FrontMatter | undefined): Locator {
  const loc = location(text)
  const point = (offset: number) => {
    const p = loc.toPoint(Math.min(Math.max(offset, 0), text.length))
    return p ? { line: p.line, column: p.column, offset } : { line: 1, column: 1, offset: 0 }
  }
  const range = (start: number, end: number): Place => ({ start: point(start), end: point(end) })

  return {
    range,
    path(path, options = {}) {
      if (!front) return range(0, 0)
      let node: unknown = front.doc.contents
      let best: [number, number] = [front.fenceOffset, front.fenceOffset + 3]
      const rootRange = front.doc.contents?.range
      if (path.length === 0 && rootRange && !options.key) return range(front.offset + rootRange[0], front.offset + rootRange[1])
      for (let i = 0; i < path.length; i++) {
        const key = path[i]!
        const last = i === path.length - 1
        const pair = pairFor(node as Node, key)
        if (pair && isScalar(pair.key) && pair.key.range) {
          const [s, e] = pair.key.range
          best = [front.offset + s, front.offset + e]
          if (last && options.key) return range(best[0], best[1])
        }
        const child = childOf(node, key)
        if (!child) return range(best[0], best[1])
        node = child
        if (child.range && !(last && options.key)) {
          const [s, e] = child.range
          best = [front.offset + s, front.offset + e]
        }
      }
      return range(best[0], best[1])
    },
  }
}

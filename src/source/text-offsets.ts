/**
 * Where each character of an mdast text node sits in the file. A text
 * node's value is its source minus Markdown's escapes (`\{` → `{`),
 * character references (`&amp;`) and the indentation of continuation
 * lines, so offsets inside the value are not offsets in the file. This
 * aligns the two, and says which characters were escaped.
 */
import type { Text } from 'mdast'

export interface TextOffsets {
  /** File offset of each UTF-16 unit of the value. */
  offsets: number[]
  /** Whether the character was written with a backslash escape. */
  escaped: boolean[]
}

const MAX_REFERENCE = 40

/** Offsets of `value`'s characters within `text.slice(start, end)`, or `undefined` if they do not align. */
export function alignText(text: string, start: number, end: number, value: string): TextOffsets | undefined {
  const raw = text.slice(start, end)
  const offsets: number[] = new Array<number>(value.length)
  const escaped: boolean[] = new Array<boolean>(value.length).fill(false)
  if (raw === value) {
    for (let j = 0; j < value.length; j++) offsets[j] = start + j
    return { offsets, escaped }
  }
  let i = 0
  let j = 0
  while (j < value.length) {
    if (i >= raw.length) return undefined
    const c = raw[i]
    if (c === value[j]) {
      offsets[j++] = start + i++
    } else if (c === '\\' && raw[i + 1] === value[j]) {
      escaped[j] = true
      offsets[j++] = start + i + 1
      i += 2
    } else if (c === '&' && raw.indexOf(';', i) > i && raw.indexOf(';', i) - i <= MAX_REFERENCE) {
      // A character reference decodes to one code point.
      const units = (value.codePointAt(j) ?? 0) > 0xffff ? 2 : 1
      for (let k = 0; k < units; k++) offsets[j++] = start + i
      i = raw.indexOf(';', i) + 1
    } else {
      // Source only: continuation-line indentation, a blockquote's `>`.
      i++
    }
  }
  return { offsets, escaped }
}

/** Offsets of a text node's value in the file text (`undefined` without positions or alignment). */
export function textOffsets(text: string, node: Text): TextOffsets | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  return alignText(text, start, end, node.value)
}

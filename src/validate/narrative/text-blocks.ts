/**
 * The readable text of a Markdown body, block by block (paragraph, heading,
 * table cell), with the file offset of every character, so that a claim
 * found in the text points at its place in the file. Code is not read: an
 * inline code span stands as one placeholder character, code blocks are left out.
 */
import type { Nodes, RootContent } from 'mdast'
import { textOffsets } from '../../source/text-offsets.js'

export interface TextBlock {
  text: string
  /** File offset of each character; -1 where the text has no source (placeholders). */
  offsets: number[]
}

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell'])
const PLACEHOLDER = '\uFFFC'

function inline(node: Nodes, source: string, block: TextBlock): void {
  if (node.type === 'text') {
    const aligned = textOffsets(source, node)
    const start = node.position?.start.offset ?? -1
    block.text += node.value
    for (let i = 0; i < node.value.length; i++) block.offsets.push(aligned?.offsets[i] ?? (start < 0 ? -1 : start))
  } else if (node.type === 'inlineCode') {
    block.text += PLACEHOLDER
    block.offsets.push(-1)
  } else if (node.type === 'break') {
    block.text += '\n'
    block.offsets.push(-1)
  } else if ('children' in node) {
    for (const child of node.children) inline(child, source, block)
  }
}

/** Text blocks of `nodes` in document order. */
export function textBlocks(nodes: readonly RootContent[], source: string): TextBlock[] {
  const out: TextBlock[] = []
  const walk = (node: Nodes) => {
    if (BLOCKS.has(node.type)) {
      const block: TextBlock = { text: '', offsets: [] }
      inline(node, source, block)
      if (block.text.trim() !== '') out.push(block)
    } else if ('children' in node) {
      for (const child of node.children) walk(child)
    }
  }
  for (const node of nodes) walk(node)
  return out
}

/** File range of `[start, end)` in a block, when both ends have a source. */
export function blockRange(block: TextBlock, start: number, end: number): [number, number] | undefined {
  const from = block.offsets[start]
  const to = block.offsets[end - 1]
  if (from === undefined || to === undefined || from < 0 || to < 0) return undefined
  return [from, to + 1]
}

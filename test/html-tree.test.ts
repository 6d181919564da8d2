/**
 * The renderers read merged HTML without source positions (src/render/html-tree.ts): the same
 * tree as rehype-parse builds, less the positions, and a node's line found when a message needs it.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import type { Element, Root, RootContent } from 'hast'
import { parseMergedHtml } from '../src/render/html-tree.js'
import { rehypeParse, unified } from '../src/vendor/hast.js'

const html = readFileSync(join(import.meta.dirname, 'fixtures', 'pdf', 'contract-report', 'input.html'), 'utf8')

function withoutPositions<T extends Root | RootContent>(node: T): T {
  const { position: _position, ...rest } = node as T & { position?: unknown }
  const copy = rest as T & { children?: RootContent[]; content?: Root }
  if (copy.children) copy.children = copy.children.map(withoutPositions)
  if (copy.content) copy.content = withoutPositions(copy.content)
  return copy
}

function elements(node: Root | Element, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    out.push(child)
    elements(child, out)
  }
  return out
}

test('merged HTML is read into the tree rehype-parse builds, without positions', () => {
  const { tree } = parseMergedHtml(html)
  assert.doesNotMatch(JSON.stringify(tree), /"position"/)
  assert.deepEqual(tree, withoutPositions(unified().use(rehypeParse).parse(html)))
})

test('lineOf gives the line rehype-parse records for each element, and nothing for a node not in the tree', () => {
  const { tree, lineOf } = parseMergedHtml(html)
  const positioned = elements(unified().use(rehypeParse).parse(html))
  const plain = elements(tree)
  assert.equal(plain.length, positioned.length)
  assert.ok(plain.length > 100)
  for (let i = 0; i < plain.length; i += 7) assert.equal(lineOf(plain[i]!), positioned[i]!.position?.start.line, `element ${i} <${plain[i]!.tagName}>`)
  const table = plain.find((e) => e.tagName === 'table')!
  assert.equal(lineOf(table), html.slice(0, html.indexOf('<table')).split('\n').length)
  assert.equal(lineOf({ type: 'element', tagName: 'p', properties: {}, children: [] }), undefined)
})

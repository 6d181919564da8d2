/**
 * Parse the front matter within the YAML limits. The yaml package composes
 * nodes recursively (thousands of levels overflow the stack, and 10,000 `[`
 * abort the process in its regex compiler), its concrete-syntax-tree parser
 * recurses too when it closes a couple of thousand block collections at
 * once, it checks duplicate keys in time quadratic in a map's size, and it
 * shares aliased values that every later walk then expands. So, in order:
 *
 * 1. the lexer (a flat state machine) bounds the depth from above: flow
 *    brackets open, plus indentation and block indicators on a line (every
 *    block level takes one more of either); only under `PARSER_SAFE_DEPTH`
 *    does the parser run;
 * 2. on the concrete syntax tree: the exact depth, the node count and the
 *    longest value;
 * 3. only a tree within those limits is composed into a document (from the
 *    same tokens, so the YAML is still parsed once), and alias expansion is
 *    counted on it.
 */
import { Composer, CST, isAlias, isCollection, isPair, Lexer, Parser, YAMLParseError, type Document, type Node } from '../vendor/yaml.js'
import type { LimitHit, LimitValues } from '../limits.js'
import { LimitCounter } from './limit-counter.js'

type Item = CST.CollectionItem

/** Depth bound under which the concrete-syntax-tree parser is safe (it overflows at about 2,000). */
const PARSER_SAFE_DEPTH = 256

/** Tokens the lexer inserts that are not in the source text. */
const CONTROL = new Set(['\u0002', '\u0018', '\u001f'])

/**
 * An upper bound of the nesting depth from the lexer's tokens, and where it first goes over `limit`;
 * the lexemes are kept in `lexemes`, for the parser to read instead of lexing the text again.
 */
function depthBound(yaml: string, limit: number, lexemes: string[]): { depth: number; offset: number } {
  let offset = 0
  let lineStart = true
  let indent = 0
  let indicators = 0
  let flow = 0
  let block = { depth: 0, offset: 0 }
  let deepestFlow = { depth: 0, offset: 0 }
  let over: number | undefined
  for (const token of new Lexer().lex(yaml)) {
    lexemes.push(token)
    if (CONTROL.has(token)) continue
    const type = CST.tokenType(token)
    if (type === 'newline') {
      lineStart = true
      indent = 0
      indicators = 0
    } else if (type === 'space') {
      if (lineStart) indent = token.length
    } else {
      lineStart = false
      if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') {
        indicators++
        if (indent + indicators > block.depth) block = { depth: indent + indicators, offset }
      } else if (type === 'flow-seq-start' || type === 'flow-map-start') {
        flow++
        if (flow > deepestFlow.depth) deepestFlow = { depth: flow, offset }
      } else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1)
      if (over === undefined && indent + indicators + flow > limit) over = offset
    }
    offset += token.length
  }
  return { depth: block.depth + deepestFlow.depth, offset: over ?? (deepestFlow.depth > block.depth ? deepestFlow.offset : block.offset) }
}

interface Visit {
  token: CST.Token
  depth: number
}

function children(items: Item[], depth: number, out: Visit[]): void {
  for (const item of items) {
    if (item.key) out.push({ token: item.key, depth })
    if (item.value) out.push({ token: item.value, depth })
  }
}

/** Depth, node count and longest value from the concrete syntax tree; `aliases`: whether any alias occurs. */
function measureTree(tokens: CST.Token[], values: LimitValues) {
  const depth = new LimitCounter(values.yamlDepth)
  const nodes = new LimitCounter(values.yamlNodes)
  const longest = new LimitCounter(values.yamlString)
  let aliases = false
  const stack: Visit[] = []
  for (const doc of tokens) {
    if (doc.type === 'document' && doc.value) stack.push({ token: doc.value, depth: 0 })
    while (stack.length > 0) {
      const { token, depth: level } = stack.pop()!
      switch (token.type) {
        case 'alias':
          aliases = true
          nodes.add(1, token.offset)
          break
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
          nodes.add(1, token.offset)
          longest.max(token.source.length, token.offset)
          break
        case 'block-map':
        case 'block-seq':
        case 'flow-collection': {
          nodes.add(1, token.offset)
          depth.max(level + 1, token.offset)
          const next: Visit[] = []
          children(token.items, level + 1, next)
          // Reversed, so the stack yields them in document order.
          for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!)
          break
        }
        default:
      }
    }
  }
  return { depth, nodes, longest, aliases }
}

/**
 * Keys and values that alias expansion adds (what any walk over the parsed
 * data visits beyond the written nodes): an alias counts as the expanded
 * size of the node its anchor names, minus itself.
 */
function measureAliases(doc: Document, limit: number): LimitCounter {
  const added = new LimitCounter(limit)
  const sizes = new Map<Node, number>()
  const anchors = new Map<string, Node>()
  // Post-order without recursion; anchors are taken in document order, as the YAML spec resolves them.
  const stack: { node: unknown; done: boolean }[] = [{ node: doc.contents, done: false }]
  while (stack.length > 0) {
    const top = stack.pop()!
    const node = top.node
    if (isPair(node)) {
      stack.push({ node: node.value, done: false }, { node: node.key, done: false })
      continue
    }
    if (!node || typeof node !== 'object') continue
    const n = node as Node
    if (isAlias(n)) {
      const source = anchors.get(n.source)
      const size = source ? (sizes.get(source) ?? 1) : 1
      sizes.set(n, size)
      added.add(size - 1, n.range?.[0] ?? 0)
      continue
    }
    if (!top.done) {
      if (n.anchor) anchors.set(n.anchor, n)
      if (isCollection(n)) {
        stack.push({ node: n, done: true })
        for (let i = n.items.length - 1; i >= 0; i--) stack.push({ node: n.items[i], done: false })
        continue
      }
    }
    let size = 1
    if (isCollection(n)) {
      for (const item of n.items) {
        if (isPair(item)) size += (item.key ? (sizes.get(item.key as Node) ?? 1) : 0) + (item.value ? (sizes.get(item.value as Node) ?? 1) : 0)
        else size += sizes.get(item as Node) ?? 1
      }
    }
    // Capped: an alias bomb's true size is astronomically large and only needs to be over the limit.
    sizes.set(n, Math.min(size, Number.MAX_SAFE_INTEGER))
  }
  return added
}

/** Compose the one document of `tokens`, as `parseDocument` does (a second document is an error). */
function compose(yaml: string, tokens: CST.Token[]): Document {
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false })
  let doc: Document | undefined
  for (const next of composer.compose(tokens, true, yaml.length)) {
    if (!doc) doc = next
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'))
      break
    }
  }
  return doc!
}

/**
 * The front matter `yaml` as a document with positions, or the YAML limits
 * it goes beyond (offsets into `yaml`); nothing recursive ever sees YAML
 * over a limit.
 */
export function readYaml(yaml: string, values: LimitValues): { doc: Document } | { hits: LimitHit[] } {
  const hits: LimitHit[] = []
  const hit = (key: LimitHit['key'], counter: LimitCounter) => {
    if (counter.offset !== undefined) hits.push({ key, actual: counter.value, offset: counter.offset })
  }
  const lexemes: string[] = []
  const bound = depthBound(yaml, values.yamlDepth, lexemes)
  if (bound.depth > Math.max(values.yamlDepth, PARSER_SAFE_DEPTH)) return { hits: [{ key: 'yamlDepth', actual: bound.depth, offset: bound.offset }] }
  const tokens: CST.Token[] = []
  try {
    // What `Parser#parse` does, from the lexemes already read.
    const parser = new Parser()
    for (const lexeme of lexemes) for (const token of parser.next(lexeme)) tokens.push(token)
    for (const token of parser.end()) tokens.push(token)
  } catch (error) {
    // yaml's parser recurses once per open collection, and its error recovery can keep them open
    // from line to line (a thousand lines of `k:<{a: 0, b: 0}`), which no per-line bound sees:
    // its stack running out means the YAML is too deep.
    if (error instanceof RangeError) return { hits: [{ key: 'yamlDepth', offset: bound.offset }] }
    throw error
  }
  const tree = measureTree(tokens, values)
  hit('yamlDepth', tree.depth)
  hit('yamlNodes', tree.nodes)
  hit('yamlString', tree.longest)
  if (hits.length > 0) return { hits }
  const doc = compose(yaml, tokens)
  if (tree.aliases) hit('yamlAliasNodes', measureAliases(doc, values.yamlAliasNodes))
  return hits.length > 0 ? { hits } : { doc }
}

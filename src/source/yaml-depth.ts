/**
 * How deep the front matter nests, measured on the text before the YAML
 * parser sees it. The parser recurses once per level and gives up where its
 * stack ends — which depends on the thread (a worker has more stack than the
 * main thread) and on the caller — so a file nested near that edge would get
 * different diagnostics alone, in a batch or in a build worker. A fixed
 * bound, far above what a report needs (three or four levels), makes the
 * outcome the same everywhere.
 */

/** Deepest nesting the front matter may have; a report needs four. */
export const MAX_YAML_DEPTH = 64

/**
 * Offset where the nesting first exceeds `max` (block indentation levels,
 * `- ` entries and `[`/`{` brackets together), or `undefined` when it never does.
 */
export function yamlTooDeepAt(yaml: string, max = MAX_YAML_DEPTH): number | undefined {
  const indents: number[] = []
  let flow = 0
  let offset = 0
  for (const raw of yaml.split('\n')) {
    const line = raw.replace(/\r$/, '')
    const start = offset
    offset += raw.length + 1
    const content = line.trimStart()
    if (flow === 0) {
      if (content === '' || content.startsWith('#')) continue
      const indent = line.length - content.length
      while (indents.length && indents.at(-1)! >= indent) indents.pop()
      indents.push(indent)
      if (indents.length > max) return start + indent
    }
    let quote = ''
    let column = line.length - content.length
    // `- - - x`: each entry marker opens a level of its own.
    if (flow === 0) {
      while (/^-(\s|$)/.test(line.slice(column))) {
        column += 1
        while (line[column] === ' ') column++
        indents.push(column)
        if (indents.length > max) return start + column
      }
    }
    for (let k = column; k < line.length; k++) {
      const ch = line[k]!
      if (quote) {
        if (ch === quote) quote = ''
        continue
      }
      if (ch === '"' || ch === "'") quote = ch
      else if (ch === '#' && (k === 0 || /\s/.test(line[k - 1]!))) break
      else if (ch === '[' || ch === '{') {
        flow++
        if (indents.length + flow > max) return start + k
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--
    }
  }
  return undefined
}

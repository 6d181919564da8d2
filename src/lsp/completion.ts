/**
 * Completion: front matter keys at any level (meta keys, table keys, row
 * keys, nested group keys, map column keys) and enum values, from the
 * format definition with the Chinese label as detail; the official section
 * headings in the body. The YAML being typed is usually not valid yet, so
 * where the cursor sits is read from the indentation of the lines above it
 * (the keys themselves come from the definition's generated schema).
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver'
import type { VFile } from 'vfile'
import type { Lang } from '../diagnostics/types.js'
import { formatForYear, formats } from '../formats/index.js'
import { generateSchema, type JsonSchema } from '../formats/schema.js'
import type { FormatDefinition } from '../formats/types.js'
import { describePath, titleOf } from './describe-path.js'
import { describeMarkdown, sectionMarkdown } from './hover.js'

export interface CompletionOptions {
  lang: Lang
  /** Whether the client takes snippets (`${1:~}` placeholders). */
  snippets: boolean
}

const schemas = new Map<string, JsonSchema>()
function schemaOf(format: FormatDefinition): JsonSchema {
  let schema = schemas.get(format.id)
  if (!schema) schemas.set(format.id, (schema = generateSchema(format)))
  return schema
}

/** The format of the document: as loaded, else from a `format:`/`year:` line, else the newest. */
function formatOf(text: string, file: VFile | undefined): FormatDefinition {
  if (file?.data.report) return file.data.report.format
  const declared = /^format:[ \t]*["']?(gb-\d{4})/m.exec(text)?.[1]
  const byId = formats.find((f) => f.id === declared)
  if (byId) return byId
  const year = /^year:[ \t]*(\d{4})\b/m.exec(text)?.[1]
  return year ? formatForYear(Number(year)) : formats[0]!
}

/** Offsets of the front matter's content: after the opening `---` line, up to the closing one (or the end). */
function frontRegion(text: string): { start: number; end: number } | undefined {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text)
  if (!open) return undefined
  const close = /^---[ \t]*\r?$/gm
  close.lastIndex = open[0].length
  const match = close.exec(text)
  return { start: open[0].length, end: match ? match.index : text.length }
}

const KEY_LINE = /^( *)([A-Za-z_][\w-]*)[ \t]*:(.*)$/
const indentOf = (line: string) => line.length - line.trimStart().length
const isBlank = (line: string) => line.trim() === '' || line.trimStart().startsWith('#')

/** The key path of the mapping a new key at `indent` on line `index` belongs to, and its keys already written. */
function keyContext(lines: string[], index: number, indent: number): { parent: string[]; siblings: Set<string> } | undefined {
  const parent: string[] = []
  const siblings = new Set<string>()
  let need = indent
  for (let i = index - 1; i >= 0 && need > 0; i--) {
    const line = lines[i]!
    if (isBlank(line)) continue
    const lineIndent = indentOf(line)
    const key = KEY_LINE.exec(line)
    if (lineIndent >= need) {
      if (lineIndent === need && parent.length === 0 && key) siblings.add(key[2]!)
      continue
    }
    // A shallower line must open a block mapping (`key:` and nothing after it) to be our parent.
    if (!key || key[3]!.replace(/#.*$/, '').trim() !== '') return undefined
    parent.unshift(key[2]!)
    need = lineIndent
  }
  if (need > 0) return undefined
  // Siblings above (at the root, every root key) and below, up to the end of the parent's block.
  for (const [from, step] of [[index - 1, -1], [index + 1, 1]] as const) {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const line = lines[i]!
      if (isBlank(line)) continue
      const lineIndent = indentOf(line)
      if (lineIndent < indent) break
      const key = KEY_LINE.exec(line)
      if (lineIndent === indent && key) siblings.add(key[2]!)
    }
  }
  return { parent, siblings }
}

function schemaAt(root: JsonSchema, path: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = root
  for (const key of path) node = (node?.properties as Record<string, JsonSchema> | undefined)?.[key]
  return node
}

function insertion(key: string, schema: JsonSchema, indent: number, snippets: boolean): { text: string; snippet: boolean } {
  if (schema.type === 'object') return snippets ? { text: `${key}:\n${' '.repeat(indent + 2)}$0`, snippet: true } : { text: `${key}:`, snippet: false }
  if (schema.type === 'array') {
    // Blank (`~`) placeholders: a value left untouched is reported, never read as 0.
    const count = Number(schema.minItems ?? 1)
    if (snippets) return { text: `${key}: [${Array.from({ length: count }, (_, i) => `\${${i + 1}:~}`).join(', ')}]$0`, snippet: true }
    return { text: `${key}: [${Array(count).fill('~').join(', ')}]`, snippet: false }
  }
  return { text: `${key}: `, snippet: false }
}

/** Keys for line `frontLine` of the front matter `lines` (line `docLine` of the document). */
function keyItems(text: string, file: VFile | undefined, lines: string[], frontLine: number, docLine: number, prefix: string, options: CompletionOptions): CompletionItem[] {
  const match = /^( *)([A-Za-z_][\w-]*)?$/.exec(prefix)
  if (!match) return []
  const indent = match[1]!.length
  const context = keyContext(lines, frontLine, indent)
  if (!context) return []
  const format = formatOf(text, file)
  const node = schemaAt(schemaOf(format), context.parent)
  const properties = (node?.properties ?? {}) as Record<string, JsonSchema>
  const typed = match[2] ?? ''
  const range = { start: { line: docLine, character: indent }, end: { line: docLine, character: prefix.length } }
  return Object.entries(properties)
    .filter(([key]) => !context.siblings.has(key) || key === typed)
    .map(([key, schema], i) => {
      const info = describePath(format, [...context.parent, key])
      const { text: newText, snippet } = insertion(key, schema, indent, options.snippets)
      const item: CompletionItem = {
        label: key,
        kind: schema.type === 'object' ? CompletionItemKind.Module : CompletionItemKind.Property,
        detail: info ? (info.kind === 'meta' ? info.field.label : titleOf(info)) : String(schema.title ?? ''),
        sortText: String(i).padStart(3, '0'),
        filterText: key,
        textEdit: { range, newText },
        ...(snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
      }
      if (info) item.documentation = { kind: 'markdown', value: describeMarkdown(file, format, info, options.lang) }
      return item
    })
}

function valueItems(text: string, file: VFile | undefined, index: number, prefix: string): CompletionItem[] {
  const match = /^([A-Za-z_]\w*)[ \t]*:[ \t]*([\w-]*)$/.exec(prefix)
  if (!match) return []
  const field = formatOf(text, file).meta.find((f) => f.key === match[1])
  if (!field || field.type !== 'enum') return []
  const range = { start: { line: index, character: prefix.length - match[2]!.length }, end: { line: index, character: prefix.length } }
  return (field.values ?? []).map((value, i) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: field.valueLabels?.[value] ?? (field.key === 'format' ? formats.find((f) => f.id === value)?.document : undefined) ?? field.label,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: value },
  }))
}

function headingItems(text: string, file: VFile | undefined, index: number, prefix: string, options: CompletionOptions): CompletionItem[] {
  if (!/^ {0,3}#{1,6}/.test(prefix)) return []
  const format = formatOf(text, file)
  const present = new Set(
    (file?.data.report?.body.sections ?? [])
      .filter((s) => s.heading.position && s.heading.position.start.line - 1 !== index && s.def)
      .map((s) => s.def!.number),
  )
  const range = { start: { line: index, character: 0 }, end: { line: index, character: prefix.length } }
  return format.sections.map((section) => {
    const heading = `## ${section.numeral}、${section.title}`
    return {
      label: heading,
      kind: CompletionItemKind.Keyword,
      detail: present.has(section.number) ? (options.lang === 'zh' ? '已有此部分' : 'already present') : format.document,
      documentation: { kind: 'markdown', value: sectionMarkdown(format, section, options.lang) },
      sortText: `${present.has(section.number) ? 1 : 0}${section.number}`,
      filterText: heading,
      textEdit: { range, newText: options.snippets ? `${heading}\n\n$0` : heading },
      ...(options.snippets ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    }
  })
}

/** Completion items at a file offset of `text` (the document as the editor has it). */
export function completionsAt(text: string, offset: number, file: VFile | undefined, options: CompletionOptions): CompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const prefix = text.slice(lineStart, offset)
  const before = text.slice(0, lineStart)
  const index = before.length === 0 ? 0 : before.split('\n').length - 1
  const front = frontRegion(text)
  if (front && offset >= front.start && lineStart <= front.end && offset <= front.end) {
    const lines = text.slice(front.start, front.end).split('\n').map((l) => l.replace(/\r$/, ''))
    const firstLine = index - (text.slice(0, front.start).split('\n').length - 1)
    return [...valueItems(text, file, index, prefix), ...keyItems(text, file, lines, firstLine, index, prefix, options)]
  }
  return headingItems(text, file, index, prefix, options)
}

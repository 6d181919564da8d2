/**
 * Read a report file: decode, split front matter (remark-frontmatter),
 * parse the YAML with positions (yaml parseDocument) and the body to mdast
 * (remark-parse + remark-gfm). Problems become diagnostics, never throws.
 */
import { readFile, stat } from 'node:fs/promises'
import type { Root } from 'mdast'
import { VFile } from 'vfile'
import { parse, parseDocument } from '../vendor/yaml.js'
import { emit } from '../diagnostics/emit.js'
import { trimCjkAutolinks } from './autolinks.js'
import type { Lang, Severity } from '../diagnostics/types.js'
import { createLocator, type FrontMatter, type Locator } from './positions.js'
import { yamlErrorText } from './yaml-errors.js'
import { remarkFrontmatter, remarkGfm, remarkParse, unified } from '../vendor/markdown.js'

export interface Source {
  /** The file text with any BOM removed. */
  text: string
  front?: FrontMatter
  /** Plain JS value of the front matter (`undefined` when absent or broken). */
  data?: unknown
  /** Markdown body as mdast; the `yaml` node is removed. */
  body: Root
  /** Offset where the body starts. */
  bodyOffset: number
  locate: Locator
}

declare module 'vfile' {
  interface DataMap {
    source: Source
  }
}

export interface ReadOptions {
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)

function lazyFrontMatter(yaml: string, offset: number): FrontMatter {
  let doc: FrontMatter['doc'] | undefined
  return {
    offset,
    fenceOffset: 0,
    get doc() {
      doc ??= parseDocument(yaml, { uniqueKeys: true, prettyErrors: false })
      return doc
    },
  }
}

/** Decode bytes as UTF-8 or report why they are not text. */
function decode(file: VFile, bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, 8192)
  if (sample.includes(0)) {
    emit(file, 'text-encoding', { kind: '二进制文件', kindEn: 'binary file' }, undefined)
    return undefined
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    emit(file, 'text-encoding', { kind: '非 UTF-8 编码', kindEn: 'non-UTF-8 encoding' }, undefined)
    return undefined
  }
}

/** Parse report text that is already in memory. */
export function parseSource(file: VFile, raw: string): Source {
  let text = raw
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1)
    emit(file, 'utf8-without-bom', {}, { start: { line: 1, column: 1 } })
  }
  file.value = text
  const tree = processor.parse(text) as Root
  trimCjkAutolinks(tree)
  const first = tree.children[0]
  let front: FrontMatter | undefined
  let data: unknown
  let failure: string | undefined
  let bodyOffset = 0
  if (first?.type === 'yaml' && first.position?.start.offset === 0) {
    const fenceEnd = text.indexOf('\n') + 1
    front = lazyFrontMatter(first.value, fenceEnd)
    bodyOffset = first.position.end.offset ?? 0
    tree.children.shift()
    // The plain parser is about twice as fast; the document with positions is
    // built only when a diagnostic needs a place (or the YAML is broken).
    try {
      data = parse(first.value, { uniqueKeys: true, prettyErrors: false, maxAliasCount: 100 })
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error)
    }
  }
  const locate = createLocator(text, front)
  if (!front) {
    if (text.trim() === '') emit(file, 'front-matter-present', { empty: 1 }, locate.range(0, 0))
    else if (/^---[ \t]*\r?\n/.test(text)) emit(file, 'front-matter-closed', {}, locate.range(0, 3))
    else emit(file, 'front-matter-present', { empty: 0 }, locate.range(0, 0))
  } else if (failure !== undefined) {
    for (const error of front.doc.errors) {
      const [start, end] = error.pos
      const reason = yamlErrorText(error.code, 'zh')
      emit(file, 'yaml-syntax', { reason, reasonEn: yamlErrorText(error.code, 'en') }, locate.range(front.offset + start, front.offset + end), {
        note: error.message.split('\n')[0] ?? '',
      })
    }
    // e.g. too many aliases: no syntax error to place, still never a stack trace.
    if (front.doc.errors.length === 0) emit(file, 'yaml-syntax', { reason: failure, reasonEn: failure }, locate.path([]))
  }
  return { text, ...(front ? { front } : {}), data, body: tree, bodyOffset, locate }
}

/** Read and parse a report file from disk. */
export async function readSource(path: string, options: ReadOptions = {}): Promise<VFile> {
  const file = new VFile({ path })
  file.data.lang = options.lang ?? 'zh'
  file.data.severities = options.severities ?? {}
  let bytes: Uint8Array
  try {
    const info = await stat(path)
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    emit(file, 'file-readable', { reason: code === 'ENOENT' ? '文件不存在' : code }, undefined)
    return file
  }
  const text = decode(file, bytes)
  if (text === undefined) return file
  file.data.source = parseSource(file, text)
  return file
}

/** Create a report file from text (for tests and the library API). */
export function sourceFromText(path: string, text: string, options: ReadOptions = {}): VFile {
  const file = new VFile({ path })
  file.data.lang = options.lang ?? 'zh'
  file.data.severities = options.severities ?? {}
  file.data.source = parseSource(file, text)
  return file
}

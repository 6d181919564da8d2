/**
 * Read a report file: decode, split front matter (remark-frontmatter),
 * parse the YAML with positions (yaml parseDocument) and the body to mdast
 * (remark-parse + remark-gfm). Problems become diagnostics, never throws.
 */
import { readFile, stat } from 'node:fs/promises'
import type { Root } from 'mdast'
import { VFile } from 'vfile'
import { parseDocument, type Document, type YAMLWarning } from '../vendor/yaml.js'
import { emit } from '../diagnostics/emit.js'
import { trimCjkAutolinks } from './autolinks.js'
import { limits as defaultLimits, resolveLimits, type LimitValues } from '../limits.js'
import { checkSourceLimits, emitFileTooLarge, emitLimitHits } from './limit-scan.js'
import { treeDepthHit } from './markdown-limits.js'
import { readYaml } from './yaml-limits.js'
import type { Lang, Severity } from '../diagnostics/types.js'
import { createLocator, type FrontMatter, type Locator } from './positions.js'
import { diagnoseYaml, unplacedYamlFailure, yamlWarningText } from './yaml-diagnose.js'
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
  /** Limits to use instead of the defaults of src/limits.ts (e.g. lower ones for a portal). */
  limits?: Partial<LimitValues>
}

/**
 * yaml's own alias guard (it counts resolutions, not what they expand to).
 * The alias limit is checked exactly before parsing (yaml-limits.ts); this
 * only backs it up, far above anything a file within the limits reaches.
 */
const YAML_ALIAS_BACKSTOP = 10_000_000

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)

/** How many times a dropped YAML document was parsed again, for the tests (not for timing). */
export const frontMatterStats = { rebuilt: 0 }

function lazyFrontMatter(yaml: string, offset: number, built?: Document): FrontMatter {
  let doc: FrontMatter['doc'] | undefined = built
  return {
    offset,
    fenceOffset: 0,
    get doc() {
      if (!doc) {
        frontMatterStats.rebuilt++
        doc = parseDocument(yaml, { uniqueKeys: true, prettyErrors: false })
      }
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

/** Parse report text that is already in memory (within the text-level limits: see `checkSourceLimits`). */
export function parseSource(file: VFile, raw: string, limits: LimitValues = defaultLimits): Source | undefined {
  let text = raw
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1)
    emit(file, 'utf8-without-bom', {}, { start: { line: 1, column: 1 } })
  }
  file.value = text
  const tree = processor.parse(text) as Root
  // Too deep to walk safely: like a file over a text limit, not read any further.
  const deep = treeDepthHit(tree, limits.markdownTreeDepth)
  if (deep) {
    emitLimitHits(file, text, [deep], limits)
    return undefined
  }
  trimCjkAutolinks(tree)
  const first = tree.children[0]
  let front: FrontMatter | undefined
  let data: unknown
  let failure: string | undefined
  let bodyOffset = 0
  let yamlText = ''
  let warnings: YAMLWarning[] = []
  if (first?.type === 'yaml' && first.position?.start.offset === 0) {
    const fenceEnd = text.indexOf('\n') + 1
    yamlText = first.value
    bodyOffset = first.position.end.offset ?? 0
    tree.children.shift()
    // Parsed once, and composed only within the YAML limits (depth, nodes, aliases).
    const yaml = readYaml(first.value, limits)
    if ('hits' in yaml) {
      emitLimitHits(file, text, yaml.hits, limits, fenceEnd)
      return { text, data: undefined, body: tree, bodyOffset, locate: createLocator(text, undefined) }
    }
    // What yaml's parse() does, without its console warnings: warnings become diagnostics.
    // The document is kept only when it has something to report; else it is rebuilt lazily,
    // when a diagnostic needs a place, so a batch does not hold every report's document.
    const doc = yaml.doc
    warnings = doc.warnings
    if (doc.errors.length > 0) failure = doc.errors[0]!.message
    else {
      try {
        data = doc.toJS({ maxAliasCount: YAML_ALIAS_BACKSTOP })
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error)
      }
    }
    front = lazyFrontMatter(first.value, fenceEnd, failure !== undefined || warnings.length > 0 ? doc : undefined)
  }
  const locate = createLocator(text, front)
  if (!front) {
    if (text.trim() === '') emit(file, 'front-matter-present', { empty: 1 }, locate.range(0, 0))
    else if (/^---[ \t]*\r?\n/.test(text)) emit(file, 'front-matter-closed', {}, locate.range(0, 3))
    else emit(file, 'front-matter-present', { empty: 0 }, locate.range(0, 0))
  } else if (failure !== undefined) {
    for (const problem of diagnoseYaml(yamlText, front.doc.errors)) {
      const [reason, reasonEn] = problem.reason
      emit(file, problem.ruleId, { reason, reasonEn }, locate.range(front.offset + problem.start, front.offset + problem.end), {
        ...(problem.note ? { note: problem.note } : {}),
      })
    }
    // e.g. an alias expansion past the backstop: no syntax error to place, still never a stack trace.
    if (front.doc.errors.length === 0) {
      const [reason, reasonEn] = unplacedYamlFailure(failure)
      emit(file, 'yaml-syntax', { reason, reasonEn }, locate.path([]), { note: failure })
    }
  }
  if (front) {
    for (const warning of warnings) {
      const [reason, reasonEn] = yamlWarningText(warning)
      emit(file, 'yaml-unambiguous', { reason, reasonEn }, locate.range(front.offset + warning.pos[0], front.offset + warning.pos[1]), {
        note: warning.message.split('\n')[0] ?? '',
      })
    }
  }
  return { text, ...(front ? { front } : {}), data, body: tree, bodyOffset, locate }
}

/** Why a file cannot be read, in both languages, by the system's code (others print the code). */
const UNREADABLE: Record<string, [string, string]> = {
  ENOENT: ['文件不存在', 'no such file'],
  EISDIR: ['这是文件夹，不是文件', 'it is a folder, not a file'],
  ENOTREG: ['不是普通文件（管道、设备或套接字）', 'not a regular file (a pipe, device or socket)'],
  EACCES: ['没有读取权限', 'permission denied'],
}

/** Read and parse a report file from disk. */
export async function readSource(path: string, options: ReadOptions = {}): Promise<VFile> {
  const file = new VFile({ path })
  file.data.lang = options.lang ?? 'zh'
  file.data.severities = options.severities ?? {}
  const limits = resolveLimits(options.limits)
  let bytes: Uint8Array
  try {
    const info = await stat(path)
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: info.isDirectory() ? 'EISDIR' : 'ENOTREG' })
    // Not even read when it is over the size limit.
    if (info.size > limits.fileBytes) {
      emitFileTooLarge(file, info.size, limits)
      return file
    }
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    const [reason, reasonEn] = UNREADABLE[code] ?? [code, code]
    emit(file, 'file-readable', { reason, reasonEn }, undefined)
    return file
  }
  const text = decode(file, bytes)
  if (text === undefined || !checkSourceLimits(file, text, limits)) return file
  const source = parseSource(file, text, limits)
  if (source) file.data.source = source
  return file
}

/** Create a report file from text (for tests and the library API). */
export function sourceFromText(path: string, text: string, options: ReadOptions = {}): VFile {
  const file = new VFile({ path })
  file.data.lang = options.lang ?? 'zh'
  file.data.severities = options.severities ?? {}
  const limits = resolveLimits(options.limits)
  const source = checkSourceLimits(file, text, limits) ? parseSource(file, text, limits) : undefined
  if (source) file.data.source = source
  return file
}

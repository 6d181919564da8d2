/**
 * The report-file limits (src/limits.ts) on the raw text, checked before
 * micromark sees it: size, lines, the front matter's size and the Markdown
 * constructs. A file over a limit gets one diagnostic per limit, at the
 * place where it was first exceeded, and is not parsed at all. The YAML
 * limits are checked where the front matter is parsed (yaml-limits.ts).
 */
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { emit } from '../diagnostics/emit.js'
import { limitParams } from '../limit-messages.js'
import { limitDefinition, type LimitHit, type LimitValues } from '../limits.js'
import { markdownLimitHits } from './markdown-limits.js'

export interface FrontMatterSpan {
  /** Offset of the first YAML character. */
  yamlStart: number
  /** Offset of the closing fence. */
  yamlEnd: number
  /** Offset after the closing fence line. */
  bodyStart: number
}

const OPEN = /^---[ \t]*(?:\r\n|\r|\n)/
const CLOSE = /^---[ \t]*\r?$/gm

/** Where the front matter is, by remark-frontmatter's rule (a `---` line first, closed by the next `---` line). */
export function frontMatterSpan(text: string): FrontMatterSpan | undefined {
  const open = OPEN.exec(text)
  if (!open) return undefined
  CLOSE.lastIndex = open[0].length
  const close = CLOSE.exec(text)
  if (!close) return undefined
  const lineEnd = text.indexOf('\n', close.index)
  return { yamlStart: open[0].length, yamlEnd: close.index, bodyStart: lineEnd < 0 ? text.length : lineEnd + 1 }
}

function lineLimitHit(text: string, limit: number): LimitHit | undefined {
  let lines = 0
  let over: number | undefined
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lines++
    if (over === undefined && lines === limit) over = i + 1
  }
  // A last line without a line ending counts too.
  if (!text.endsWith('\n') && text.length > 0) lines++
  return lines > limit ? { key: 'fileLines', actual: lines, offset: over ?? 0 } : undefined
}

/** Every limit a report text goes beyond (`text` without its BOM). */
export function sourceLimitHits(raw: string, values: LimitValues): LimitHit[] {
  const bytes = Buffer.byteLength(raw, 'utf8')
  if (bytes > values.fileBytes) return [{ key: 'fileBytes', actual: bytes }]
  // A lone CR ends a line for micromark and yaml as LF does (an old Mac file): the scans below
  // look for LF, so it becomes one. Same length, so every offset stays true.
  const text = raw.includes('\r') ? raw.replace(/\r(?!\n)/g, '\n') : raw
  const hits: LimitHit[] = []
  const lines = lineLimitHit(text, values.fileLines)
  if (lines) hits.push(lines)
  const front = frontMatterSpan(text)
  if (front) {
    const yaml = text.slice(front.yamlStart, front.yamlEnd)
    const yamlBytes = Buffer.byteLength(yaml, 'utf8')
    if (yamlBytes > values.frontMatterBytes) hits.push({ key: 'frontMatterBytes', actual: yamlBytes, offset: front.yamlStart })
  }
  hits.push(...markdownLimitHits(text, front?.bodyStart ?? 0, values))
  return hits
}

/** Emit a diagnostic for each hit, its offset counted from `base` in `text`. */
export function emitLimitHits(file: VFile, text: string, hits: LimitHit[], values: LimitValues, base = 0): void {
  const place = location(text)
  for (const hit of hits) {
    const offset = hit.offset === undefined ? undefined : base + hit.offset
    const point = offset === undefined ? undefined : place.toPoint(offset)
    emit(file, limitDefinition(hit.key).ruleId, limitParams(hit, values[hit.key]), point ? { start: { line: point.line, column: point.column, offset: offset! } } : undefined)
  }
}

/** Check the text-level limits, emitting a diagnostic for each hit; `true` when within every one. */
export function checkSourceLimits(file: VFile, raw: string, values: LimitValues): boolean {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
  const hits = sourceLimitHits(text, values)
  emitLimitHits(file, text, hits, values)
  return hits.length === 0
}

/** The diagnostic of a file that is too large to read at all (its size from `stat`). */
export function emitFileTooLarge(file: VFile, bytes: number, values: LimitValues): void {
  emit(file, limitDefinition('fileBytes').ruleId, limitParams({ key: 'fileBytes', actual: bytes }, values.fileBytes), undefined)
}

/**
 * More speed-ups. The first two leave every byte as it was (checked by
 * comparing the seeds' PDFs before and after); the third changes only how
 * streams are deflated, not what they hold:
 *
 * - pdfmake's `StyleContextStack#getProperty` builds a closure and a `Set`
 *   for every style name on the stack at every property lookup (some twenty
 *   lookups per piece of text). The same walk without them, for style
 *   dictionaries without `extends` (nianbao's have none; with one, pdfmake's
 *   own walk runs).
 * - pdfkit's `PDFReference#write` turns every content-stream operator into
 *   its own Buffer (a dozen per piece of text drawn). Operators are kept as
 *   strings and turned into one Buffer when the stream ends.
 * - Streams are deflated at zlib's default level with its largest hash
 *   table (memLevel 9), which is faster on a font's outlines.
 */
import { deflateSync } from 'node:zlib'
import { pdfmakeInternal } from './pdfmake-internals.js'

type StyleItem = string | Record<string, unknown>

export interface Stack {
  styleDictionary: Record<string, Record<string, unknown> | undefined>
  defaultStyle?: Record<string, unknown>
  styleOverrides: StyleItem[]
}

interface Reference {
  document: { compress: boolean; _offsets: unknown[]; _waiting: number; _security?: unknown }
  data: Record<string, unknown>
  compress: boolean
  uncompressedLength: number
  buffer: Uint8Array[]
  /** Operators written since the last binary chunk, each with its line end. */
  nianbaoText?: string[]
  write(chunk: unknown): void
  finalize(): void
}

/**
 * The values `stack.getProperty` gives for each of `wanted` (name and fallback), in one walk down
 * the stack instead of one walk per name: each style on it is read for its own few keys. The same
 * answers: the first value set (not null) from the top, else the default style's, else the
 * fallback. A style that extends another, or a style name given as a String object, is left to
 * pdfmake's own walk, name by name.
 */
export function lookUpAll(stack: Stack & { getProperty(name: string): unknown }, wanted: readonly (readonly [string, unknown])[], out: Record<string, unknown>): void {
  const open = new Map<string, unknown>(wanted)
  const overrides = stack.styleOverrides
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0 && open.size > 0; i--) {
      const item = overrides[i]!
      let style: Record<string, unknown> | undefined
      if (typeof item === 'string') {
        style = stack.styleDictionary[item]
        if (!style) continue
        if (style.extends !== undefined) return oneByOne(stack, wanted, out)
      } else if (item instanceof String) return oneByOne(stack, wanted, out)
      else style = item
      for (const key in style) {
        if (!open.has(key)) continue
        const value = style[key]
        if (value === undefined || value === null) continue
        out[key] = value
        open.delete(key)
      }
    }
  }
  for (const [name, fallback] of open) {
    const value = stack.defaultStyle && stack.defaultStyle[name]
    out[name] = value !== undefined && value !== null ? value : fallback
  }
}

function oneByOne(stack: { getProperty(name: string): unknown }, wanted: readonly (readonly [string, unknown])[], out: Record<string, unknown>): void {
  for (const [name, fallback] of wanted) {
    const value = stack.getProperty(name)
    out[name] = value !== undefined && value !== null ? value : fallback
  }
}

let installed = false

export function installStackSpeedups(): void {
  if (installed) return
  installed = true
  const StyleContextStack = pdfmakeInternal<{ prototype: { getProperty(this: Stack, property: string): unknown } }>('StyleContextStack')
  const getProperty = StyleContextStack.prototype.getProperty
  StyleContextStack.prototype.getProperty = function (this: Stack, property: string): unknown {
    const overrides = this.styleOverrides
    if (overrides) {
      for (let i = overrides.length - 1; i >= 0; i--) {
        const item = overrides[i]!
        if (typeof item === 'string') {
          const style = this.styleDictionary[item]
          if (!style) continue
          if (style.extends !== undefined) return getProperty.call(this, property)
          const value = style[property]
          if (value !== undefined && value !== null) return value
        } else if (item instanceof String) return getProperty.call(this, property)
        else {
          const value = item[property]
          if (value !== undefined && value !== null) return value
        }
      }
    }
    return this.defaultStyle && this.defaultStyle[property]
  }

  // pdfkit's PDFReference is not exported: reach its prototype through a reference made on a stand-in document.
  const PDFDocument = pdfmakeInternal<{ prototype: { ref(this: unknown, data?: unknown): Reference } }>('PDFDocument')
  const probe = PDFDocument.prototype.ref.call({ compress: false, _offsets: [], _waiting: 0 })
  const Ref = Object.getPrototypeOf(probe) as Reference
  const write = Ref.write
  const finalize = Ref.finalize
  const flush = (ref: Reference) => {
    const text = ref.nianbaoText
    if (!text || text.length === 0) return
    ref.nianbaoText = []
    // The chunks pdfkit would have written one by one, as one: same bytes, same lengths.
    write.call(ref, Buffer.from(text.join(''), 'binary'))
  }
  Ref.write = function (this: Reference, chunk: unknown) {
    if (chunk instanceof Uint8Array) {
      flush(this)
      write.call(this, chunk)
      return
    }
    ;(this.nianbaoText ??= []).push(`${String(chunk)}\n`)
  }
  Ref.finalize = function (this: Reference) {
    flush(this)
    // pdfkit deflates with zlib's defaults. The same level with a larger hash table
    // (memLevel 9) finds the same matches faster in a report's 130 KB of font outlines: a fifth
    // off a PDF's deflate time, a few bytes smaller. Encrypted streams are left to pdfkit.
    if (this.compress && this.buffer.length > 0 && !this.document._security) {
      this.buffer = [deflateSync(this.buffer.length === 1 ? this.buffer[0]! : Buffer.concat(this.buffer), DEFLATE)]
      this.compress = false
      try {
        finalize.call(this)
      } finally {
        this.compress = true
      }
      return
    }
    finalize.call(this)
  }
}

const DEFLATE = { memLevel: 9 } as const

/**
 * A TrueType font file read sparsely: every table but the glyph outlines
 * (`glyf`) at once, and each glyph's outline when fontkit first reads it.
 *
 * The default fonts are 10–15 MB each, almost all of it outlines, and a
 * report uses a few hundred of their 30,000 glyphs. Reading whole files
 * cost a cold `nianbao build one.md --to pdf` some 150 ms of its critical
 * path (three files, 40 MB); the tables are 0.4 MB a file and the glyphs a
 * few kilobytes. The buffer has the file's size; the outline bytes not yet
 * read are zero and never looked at.
 *
 * fontkit 2 reads outlines in exactly three places, each wrapped here to
 * read the glyph first: `TTFGlyph#_decode` (the outline; composite glyphs
 * decode their parts through it), `TTFGlyph#_getCBox` (the bounding box in
 * the outline's header) and `TTFSubset#_addGlyph` (the bytes copied into
 * the embedded subset). Collections, WOFF files, CFF outlines and variable
 * fonts are read whole, as before. The test renders the seeds both ways and
 * compares the bytes.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

interface Sparse {
  fd: number
  /** Where the `glyf` table starts in the file. */
  glyf: number
  /** Glyph ids whose outline has been read. */
  read: Set<number>
}

const sparse = new WeakMap<Uint8Array, Sparse>()

/** Read `length` bytes at `position` in the file into `buffer` at `offset`; false at an early end of file. */
function readFully(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): boolean {
  for (let done = 0; done < length; ) {
    const n = readSync(fd, buffer, offset + done, length - done, position + done)
    if (n === 0) return false
    done += n
  }
  return true
}

/**
 * The file at `path` with every table read but `glyf`, or `undefined` when it is not a plain
 * TrueType-outline font (the caller then reads it whole). Throws as `readFileSync` would.
 */
export function readSparseFont(path: string): Buffer | undefined {
  const fd = openSync(path, 'r')
  let keep = false
  try {
    const size = fstatSync(fd).size
    const head = Buffer.alloc(12)
    if (size < 12 || !readFully(fd, head, 0, 12, 0)) return undefined
    const version = head.readUInt32BE(0)
    // 0x00010000 and 'true': TrueType outlines. 'OTTO' (CFF), 'ttcf', 'wOFF' and 'wOF2' are read whole.
    if (version !== 0x00010000 && version !== 0x74727565) return undefined
    const count = head.readUInt16BE(4)
    const directory = Buffer.alloc(16 * count)
    if (12 + directory.length > size || !readFully(fd, directory, 0, directory.length, 12)) return undefined
    const tables: { tag: string; offset: number; length: number }[] = []
    for (let i = 0; i < count; i++) {
      const tag = directory.toString('latin1', 16 * i, 16 * i + 4)
      const offset = directory.readUInt32BE(16 * i + 8)
      const length = directory.readUInt32BE(16 * i + 12)
      if (offset + length > size) return undefined
      tables.push({ tag, offset, length })
    }
    const glyf = tables.find((t) => t.tag === 'glyf')
    // Variable fonts decode outlines through their variations; not worth the care.
    if (!glyf || tables.some((t) => t.tag === 'gvar' || t.tag === 'fvar')) return undefined
    // Zero-filled pages the file does not write stay unallocated until touched.
    const bytes = Buffer.alloc(size)
    bytes.set(head, 0)
    bytes.set(directory, 12)
    for (const t of tables) if (t !== glyf && !readFully(fd, bytes, t.offset, t.length, t.offset)) return undefined
    sparse.set(bytes, { fd, glyf: glyf.offset, read: new Set() })
    keep = true
    return bytes
  } finally {
    // The descriptor of a sparse file stays open for its glyphs, for the life of the process.
    if (!keep) closeSync(fd)
  }
}

interface FontLike {
  stream?: { buffer?: Uint8Array }
  loca?: { offsets?: ArrayLike<number> }
}

/** Read glyph `id`'s outline into the font's buffer if the font was read sparsely and it is not there yet. */
export function ensureGlyph(font: FontLike | undefined, id: number): void {
  const buffer = font?.stream?.buffer
  const file = buffer && sparse.get(buffer)
  if (!file || file.read.has(id)) return
  const offsets = font.loca?.offsets
  const start = offsets?.[id]
  const end = offsets?.[id + 1]
  if (start !== undefined && end !== undefined && end > start) {
    if (!readFully(file.fd, buffer, file.glyf + start, end - start, file.glyf + start)) throw new Error(`font file changed while in use (glyph ${id})`)
  }
  file.read.add(id)
}

const wrapped = new WeakSet<object>()

/**
 * Make fontkit read outlines through `ensureGlyph`, once per class: the glyph class of `font`
 * and its subset class. Harmless for fonts read whole (nothing to read).
 */
export function installGlyphReading(font: object): void {
  const f = font as { getGlyph?(id: number): object | null; createSubset?(): object; stream?: { buffer?: Uint8Array } }
  if (!f.stream?.buffer || !sparse.has(f.stream.buffer)) return
  const glyph = f.getGlyph?.(0)
  const subset = f.createSubset?.()
  if (!glyph || !subset) return
  type GlyphProto = { _decode?: (this: GlyphSelf) => unknown; _getCBox?: (this: GlyphSelf, internal?: boolean) => unknown }
  type GlyphSelf = { id: number; _font: FontLike }
  const glyphProto = Object.getPrototypeOf(glyph) as GlyphProto
  if (!wrapped.has(glyphProto) && typeof glyphProto._decode === 'function' && typeof glyphProto._getCBox === 'function') {
    wrapped.add(glyphProto)
    const decode = glyphProto._decode
    const cbox = glyphProto._getCBox
    glyphProto._decode = function () {
      ensureGlyph(this._font, this.id)
      return decode.call(this)
    }
    glyphProto._getCBox = function (internal) {
      ensureGlyph(this._font, this.id)
      return cbox.call(this, internal)
    }
  }
  type SubsetProto = { _addGlyph?: (this: { font: FontLike }, gid: number) => number }
  const subsetProto = Object.getPrototypeOf(subset) as SubsetProto
  if (!wrapped.has(subsetProto) && typeof subsetProto._addGlyph === 'function') {
    wrapped.add(subsetProto)
    const addGlyph = subsetProto._addGlyph
    subsetProto._addGlyph = function (gid) {
      ensureGlyph(this.font, gid)
      return addGlyph.call(this, gid)
    }
  }
}

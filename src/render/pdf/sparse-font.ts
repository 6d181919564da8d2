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

/** Bytes this thread has read from font files sparsely (`npm run bench` prints them for a cold PDF). */
export const sparseFontStats = { bytesRead: 0 }

/** Read `length` bytes at `position` in the file into `buffer` at `offset`; false at an early end of file. */
function readFully(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): boolean {
  for (let done = 0; done < length; ) {
    const n = readSync(fd, buffer, offset + done, length - done, position + done)
    if (n === 0) return false
    done += n
  }
  sparseFontStats.bytesRead += length
  return true
}

interface Table {
  tag: string
  offset: number
  length: number
}

/** The tables of a plain TrueType-outline font from its first `12 + 16n` bytes, or `undefined` for any other file. */
function tablesOf(head: Buffer, readDirectory: (length: number) => Buffer | undefined, size: number): { tables: Table[]; glyf: Table; directory: Buffer } | undefined {
  if (head.length < 12) return undefined
  const version = head.readUInt32BE(0)
  // 0x00010000 and 'true': TrueType outlines. 'OTTO' (CFF), 'ttcf', 'wOFF' and 'wOF2' are read whole.
  if (version !== 0x00010000 && version !== 0x74727565) return undefined
  const count = head.readUInt16BE(4)
  if (12 + 16 * count > size) return undefined
  const directory = readDirectory(16 * count)
  if (!directory) return undefined
  const tables: Table[] = []
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
  return { tables, glyf, directory }
}

/**
 * The file at `path` with every table read but `glyf`, or `undefined` when it is not a plain
 * TrueType-outline font (the caller then reads it whole). Throws as `readFileSync` would.
 * `allocate` gives the zero-filled buffer (shared memory, for the threads of a build).
 */
export function readSparseFont(path: string, allocate: (size: number) => Buffer = (size) => Buffer.alloc(size)): Buffer | undefined {
  const fd = openSync(path, 'r')
  let keep = false
  try {
    const size = fstatSync(fd).size
    const head = Buffer.alloc(12)
    if (size < 12 || !readFully(fd, head, 0, 12, 0)) return undefined
    const font = tablesOf(head, (length) => {
      const directory = Buffer.alloc(length)
      return readFully(fd, directory, 0, length, 12) ? directory : undefined
    }, size)
    if (!font) return undefined
    // Zero-filled pages the file does not write stay unallocated until touched.
    const bytes = allocate(size)
    bytes.set(head, 0)
    bytes.set(font.directory, 12)
    for (const t of font.tables) if (t !== font.glyf && !readFully(fd, bytes, t.offset, t.length, t.offset)) return undefined
    sparse.set(bytes, { fd, glyf: font.glyf.offset, read: new Set() })
    keep = true
    return bytes
  } finally {
    // The descriptor of a sparse file stays open for its glyphs, for the life of the process.
    if (!keep) closeSync(fd)
  }
}

/**
 * Take over `bytes`, read from `path` by `readSparseFont` in another thread (shared memory): this
 * thread reads the glyphs it needs into them itself. Writing the same bytes twice is harmless, and a
 * thread reads an outline only after writing it. `'whole'`: not a TrueType-outline font, so the bytes
 * are the whole file; `false`: the file cannot be opened here.
 */
export function adoptSparseFont(path: string, bytes: Buffer): 'sparse' | 'whole' | false {
  const font = tablesOf(bytes.subarray(0, 12), (length) => bytes.subarray(12, 12 + length), bytes.length)
  if (!font) return 'whole'
  if (sparse.has(bytes)) return 'sparse'
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    // Another file in its place since it was read: its outlines would not match the tables.
    if (fstatSync(fd).size !== bytes.length) throw new Error('changed')
    sparse.set(bytes, { fd, glyf: font.glyf.offset, read: new Set() })
    return 'sparse'
  } catch {
    if (fd !== undefined) closeSync(fd)
    return false
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
    // A damaged `loca` may point past the end of the file: there is nothing there to read, as in a whole file.
    const from = Math.min(file.glyf + start, buffer.length)
    const to = Math.min(file.glyf + end, buffer.length)
    if (to > from && !readFully(file.fd, buffer, from, to - from, from)) throw new Error(`font file changed while in use (glyph ${id})`)
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

/**
 * The bytes of the font files, read only when a document first uses a
 * font, once per process, and shared between the threads of a build.
 *
 * The default fonts are four CJK files of 10–15 MB each; a report uses
 * three of them (the sans bold is rarely set). Reading a file only when
 * pdfkit asks for it spares the cold `nianbao build one.md --to pdf` the
 * read and parse of a file it never uses. A whole-tree build hands its
 * worker threads the files in shared memory (`SharedArrayBuffer`), read
 * once by the main thread: every worker would otherwise hold its own copy
 * (library-notes §1.8).
 *
 * No module of pdfmake or fontkit is loaded here: the build's main thread
 * and its workers import this before they know whether a PDF is made.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import { adoptSparseFont, readSparseFont } from './sparse-font.js'

/** Font bytes by absolute path: handed over by the parent thread, or read here. */
const bytesByPath = new Map<string, Buffer>()

/** What `shareFontBytes` read, by path: read once per process, as `readFontBytes` reads. */
const sharedByPath = new Map<string, SharedArrayBuffer>()

/** The same Buffer object for a path every time: fontkit's parse is memoized on it (fonts.ts). */
export function readFontBytes(path: string): Buffer {
  let bytes = bytesByPath.get(path)
  if (!bytes) {
    // TrueType outlines are read glyph by glyph as fontkit needs them (sparse-font.ts).
    bytes = readSparseFont(path) ?? readFileSync(path)
    bytesByPath.set(path, bytes)
  }
  return bytes
}

/** The first four bytes of a font file (its format tag), without reading the rest. */
export function fontMagic(path: string): Buffer {
  const known = bytesByPath.get(path)
  if (known) return known.subarray(0, 4)
  const head = Buffer.alloc(4)
  const fd = openSync(path, 'r')
  try {
    const n = readSync(fd, head, 0, 4, 0)
    return head.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/**
 * Read `paths` into shared memory, for worker threads (`useSharedFontBytes`
 * there), and use that memory in this thread too, so that its own PDFs (the
 * roll-up's) hold no second copy. A TrueType file is read sparsely
 * (sparse-font.ts): each thread reads the outlines it needs into the shared
 * buffer, so only the glyphs some report uses take memory. A file that
 * cannot be read is left out: the worker then reads it itself and reports
 * the problem on the report as before.
 */
export function shareFontBytes(paths: readonly string[]): Record<string, SharedArrayBuffer> {
  const shared: Record<string, SharedArrayBuffer> = {}
  for (const path of paths) {
    let memory = sharedByPath.get(path)
    if (!memory) {
      let bytes: Buffer | undefined
      try {
        bytes = readSparseFont(path, (size) => Buffer.from(new SharedArrayBuffer(size)))
      } catch {
        continue
      }
      memory = bytes ? (bytes.buffer as SharedArrayBuffer) : readShared(path)
      if (!memory) continue
      sharedByPath.set(path, memory)
      // This thread uses the shared memory too; a sparse file through the very Buffer that knows its file.
      if (!bytesByPath.has(path)) bytesByPath.set(path, bytes ?? Buffer.from(memory))
    }
    shared[path] = memory
  }
  return shared
}

/** A file that is not read sparsely (not TrueType outlines), whole into shared memory. */
function readShared(path: string): SharedArrayBuffer | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    return undefined
  }
  const memory = new SharedArrayBuffer(bytes.byteLength)
  new Uint8Array(memory).set(bytes)
  return memory
}

/** Use the font bytes a parent thread read (`shareFontBytes`) instead of reading the files again. */
export function useSharedFontBytes(shared: Record<string, SharedArrayBuffer> | undefined): void {
  if (!shared) return
  for (const [path, memory] of Object.entries(shared)) {
    if (!(memory instanceof SharedArrayBuffer) || bytesByPath.has(path)) continue
    const bytes = Buffer.from(memory)
    // The same Buffer object in the thread that read it sparsely, so that it knows its file.
    if (adoptSparseFont(path, bytes) !== false) bytesByPath.set(path, bytes)
  }
}

/**
 * Each source of a whole-tree build read once. Finding copies (the report's
 * identity) and the cache key (its own text, and the previous year's that its
 * cross-year rules read) each read every file: three reads of a thousand
 * sources, through the promise API, were 0.3 s of a 0.9 s no-op build.
 *
 * Reads are synchronous on purpose: a report is a few dozen KB, and a
 * thousand `readFileSync` calls take about 30 ms where a thousand promise
 * reads (open, stat, read, close, each a thread-pool round trip) take 100–150.
 */
import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import { limits } from '../limits.js'

export interface SourceRead {
  /** SHA-256 of the bytes; of size and modification time for a file over the size limit. */
  hash: string
  /** The bytes, absent for a file over the size limit (its validation says why, without reading it). */
  bytes?: Buffer
}

export class SourceReads {
  private readonly reads = new Map<string, SourceRead | null>()

  /** The file's hash (and bytes), or `undefined` when it cannot be read. */
  read(path: string): SourceRead | undefined {
    let read = this.reads.get(path)
    if (read === undefined) this.reads.set(path, (read = readSource(path)))
    return read ?? undefined
  }

  /** Drops the bytes, keeping the hashes: a build holds them only while it finds what changed. */
  releaseBytes(): void {
    for (const [path, read] of this.reads) if (read?.bytes) this.reads.set(path, { hash: read.hash })
  }
}

function readSource(path: string): SourceRead | null {
  let fd: number
  try {
    // Non-blocking: opening a FIFO (a named pipe called 2023.md) for reading would otherwise wait
    // for a writer forever. A regular file reads the same either way.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch {
    return null
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) return null
    if (info.size > limits.fileBytes) return { hash: `size:${info.size}:mtime:${Math.trunc(info.mtimeMs)}` }
    const bytes = readFileSync(fd)
    return { hash: createHash('sha256').update(bytes).digest('hex'), bytes }
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

/**
 * Atomic file writes: the bytes go to a hidden temporary file beside the
 * target, then are renamed over it. A reader (or a build killed at any
 * moment) sees either the old complete file or the new complete one. No
 * fsync: rename is already atomic against a killed process, and a sync per
 * file (about 5 ms here) would dominate a 1,000-report build.
 */
import type { Dirent } from 'node:fs'
import { link, open, mkdir, readdir, rename, rm, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

let counter = 0

/**
 * Temporary names are hidden dotfiles naming nianbao and the writing process,
 * `.<name>.nianbao-<pid>-<n>.tmp`, so a sweep finds only our own leftovers.
 */
export const TEMP_PATTERN = /^\..+\.nianbao-(\d+)-\d+\.tmp$/

function tempPathFor(path: string): string {
  counter += 1
  return join(dirname(path), `.${basename(path)}.nianbao-${process.pid}-${counter}.tmp`)
}

/** A file that could not be written: the target (not the temporary file) and the system's code. */
export class WriteError extends Error {
  readonly code: string
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'EIO'
    super(`${code}: ${path}`, { cause })
    this.code = code
  }
}

export interface WriteAtomicOptions {
  /**
   * fsync before the rename, so the file survives a power cut too. Worth it for
   * a file the user will edit (an imported report), not for regenerable outputs.
   */
  sync?: boolean
  /**
   * Never replace an existing file: the temporary file is hard-linked to the
   * target, which fails with EEXIST when it exists (atomic, unlike a check then
   * a rename). For files the user owns, such as a new report.
   */
  exclusive?: boolean
}

/** Write `data` to `path` atomically, creating parent folders; a failure is a `WriteError` naming `path`. */
export async function writeFileAtomic(path: string, data: Uint8Array | string, options: WriteAtomicOptions = {}): Promise<void> {
  try {
    await writeThroughTemp(path, data, options)
  } catch (error) {
    throw error instanceof WriteError ? error : new WriteError(path, error)
  }
}

async function writeThroughTemp(path: string, data: Uint8Array | string, options: WriteAtomicOptions): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = tempPathFor(path)
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(data)
    if (options.sync) await handle.sync()
  } catch (error) {
    await handle.close().catch(() => undefined)
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await handle.close()
  try {
    if (options.exclusive) await link(temp, path)
    else await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
  // The target now has the bytes under its own name; the temporary name goes.
  if (options.exclusive) await unlink(temp).catch(() => undefined)
}

/** Whether process `pid` is still running (a build writing right now keeps its temporary files). */
function running(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Remove temporary files left by a killed build in `dir` (and below, when
 * `recursive`): only nianbao's own (TEMP_PATTERN), only those whose writing
 * process is gone. `listed`: the folder's entries, when the caller has read
 * them already. Returns how many were removed.
 */
export async function sweepTempFiles(dir: string, recursive = true, listed?: readonly Dirent[]): Promise<number> {
  let removed = 0
  let entries: readonly Dirent[]
  try {
    entries = listed ?? (await readdir(dir, { withFileTypes: true }))
  } catch {
    return 0
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (recursive) removed += await sweepTempFiles(path)
    } else if (entry.isFile()) {
      const match = TEMP_PATTERN.exec(entry.name)
      if (!match || running(Number(match[1]))) continue
      // A folder we cannot write to is reported when we write, not here.
      if (await rm(path, { force: true }).then(() => true, () => false)) removed += 1
    }
  }
  return removed
}

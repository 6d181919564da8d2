/**
 * Atomic file writes: the bytes go to a hidden temporary file beside the
 * target, then are renamed over it. A reader (or a build killed at any
 * moment) sees either the old complete file or the new complete one. No
 * fsync: rename is already atomic against a killed process, and a sync per
 * file (about 5 ms here) would dominate a 1,000-report build.
 */
import { link, open, mkdir, readdir, rename, rm, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

let counter = 0

/** Temporary names are hidden dotfiles ending in `.tmp`, so a sweep can find leftovers. */
export const TEMP_PATTERN = /^\..+\.\d+-\d+\.tmp$/

function tempPathFor(path: string): string {
  counter += 1
  return join(dirname(path), `.${basename(path)}.${process.pid}-${counter}.tmp`)
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

/** Write `data` to `path` atomically, creating parent folders. */
export async function writeFileAtomic(path: string, data: Uint8Array | string, options: WriteAtomicOptions = {}): Promise<void> {
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

/** Remove temporary files left by a killed build in `dir` (and below, when `recursive`); returns how many. */
export async function sweepTempFiles(dir: string, recursive = true): Promise<number> {
  let removed = 0
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return 0
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (recursive) removed += await sweepTempFiles(path)
    }
    else if (TEMP_PATTERN.test(entry.name)) {
      await rm(path, { force: true })
      removed += 1
    }
  }
  return removed
}

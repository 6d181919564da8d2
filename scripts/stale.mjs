/**
 * Whether dist/ must be rebuilt: dist/.build-stamp (written by build.mjs,
 * dated when that build started) is older than anything the build reads.
 * Folders count too, so a deleted or renamed source file is a change.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What the build reads, relative to the package root. */
export const BUILD_INPUTS = ['src', 'templates', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'scripts/stale.mjs', 'node_modules/.package-lock.json']

export const STAMP = join('dist', '.build-stamp')

/** Latest modification time under `path` (0 when it does not exist). */
function latest(path) {
  let info
  try {
    info = statSync(path)
  } catch {
    return 0
  }
  let time = info.mtimeMs
  if (info.isDirectory()) for (const name of readdirSync(path)) time = Math.max(time, latest(join(path, name)))
  return time
}

export function isStale(root) {
  let built
  try {
    built = statSync(join(root, STAMP)).mtimeMs
  } catch {
    return true
  }
  return BUILD_INPUTS.some((input) => latest(join(root, input)) > built)
}

/**
 * Every file a build writes lies inside `--out`. The agency folder name is
 * taken from the report's resolved path (`a/x/../2024.md` is in `a`, never
 * in `..`), and each target is checked before it is written: lexically, and
 * through any symbolic link already in the output folder, so neither an odd
 * folder name nor a planted link can send a file elsewhere.
 */
import { realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path'

/** `content/<agency>/<year>.md` → `<agency>`, from the resolved path; `''` when there is none (a file at `/`). */
export function agencyIdOf(reportPath: string): string {
  const dir = dirname(resolve(reportPath))
  return dir === dirname(dir) ? '' : basename(dir)
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/** The real path of `path`'s deepest existing ancestor (itself included), joined with the rest. */
async function realTarget(path: string): Promise<string> {
  const rest: string[] = []
  let current = path
  for (;;) {
    try {
      return resolve(await realpath(current), ...rest.reverse())
    } catch {
      const parent = dirname(current)
      if (parent === current) return path
      rest.push(basename(current))
      current = parent
    }
  }
}

/** Whether writing `target` stays inside `outDir`, also after following links. */
export async function isInsideOut(outDir: string, target: string): Promise<boolean> {
  const root = resolve(outDir)
  const path = resolve(target)
  if (!inside(root, path)) return false
  return inside(await realTarget(root), await realTarget(path))
}

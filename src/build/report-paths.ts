import { basename, dirname } from 'node:path'

/** `content/<agency>/<year>.md` → `<agency>`. */
export function agencyDir(reportPath: string): string {
  return basename(dirname(reportPath))
}

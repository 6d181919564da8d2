import { agencyIdOf } from './output-path.js'

/** `content/<agency>/<year>.md` → `<agency>`, from the resolved path (never `..` or `.`). */
export function agencyDir(reportPath: string): string {
  return agencyIdOf(reportPath)
}

import type { Diagnostic } from './types.js'

/** 0 clean, 1 errors (or warnings with `strict`). Usage and I/O failures are 2, set by the CLI. */
export function exitCodeFor(diagnostics: Diagnostic[], strict = false): 0 | 1 {
  if (diagnostics.some((d) => d.severity === 'error')) return 1
  if (strict && diagnostics.some((d) => d.severity === 'warning')) return 1
  return 0
}

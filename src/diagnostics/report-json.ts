import type { Diagnostic } from './types.js'

/** JSON reporter: the diagnostics array, pretty-printed. */
export function reportJson(diagnostics: Diagnostic[]): string {
  return JSON.stringify(diagnostics, null, 2) + '\n'
}

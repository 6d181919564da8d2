/**
 * The official templates as Handlebars' precompiled specifications, written
 * by the build (scripts/build.mjs, write-template-specs.ts) into
 * dist/template-specs.json. Compiling them took some 60 ms of every cold
 * command that merges a report, and loading the compiler 45 more files.
 *
 * A specification is found by the hash of the template's text and of all
 * that compiling depends on (the options, the Handlebars version), so an
 * edited or an agency's template misses and is compiled as before.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { handlebarsRuntime } from '../vendor/handlebars.js'

/** The helpers the templates may call (render/merge.ts defines them). */
export const HELPER_NAMES = ['formatNumber', 'chineseDate', 'chineseNumeral'] as const

/**
 * Strict mode (a missing field is an error, not an empty cell), known helpers only. The type is
 * Handlebars' own compile options, written out so that the runtime need not load the compiler's types.
 */
export const compileOptions = {
  strict: true,
  knownHelpers: Object.fromEntries(HELPER_NAMES.map((name) => [name, true])) as Record<string, true>,
  knownHelpersOnly: true,
  preventIndent: true,
}

/** Where the build writes the specifications (beside the compiled modules). */
export const specsFile = new URL('../template-specs.json', import.meta.url)

const salt = JSON.stringify([handlebarsRuntime.VERSION, compileOptions])

/** The key of a template's specification. */
export function specKey(source: string): string {
  return createHash('sha256').update(salt).update('\0').update(source).digest('hex')
}

let specs: Map<string, string> | undefined

/** The build's specification of this template text, if it made one (read once per process). */
export function builtSpec(source: string): string | undefined {
  if (!specs) {
    specs = new Map()
    try {
      const read: unknown = JSON.parse(readFileSync(specsFile, 'utf8'))
      if (read && typeof read === 'object') for (const [key, spec] of Object.entries(read)) if (typeof spec === 'string') specs.set(key, spec)
    } catch {
      // No build (tests run the sources) or a damaged file: every template is compiled.
    }
  }
  return specs.get(specKey(source))
}

/**
 * A fuzz target: what it reads, where its input goes, and the command that
 * runs on it. Each target is a small module listed in targets/index.ts; a
 * new command (a preview page, a language server) is one more module.
 */
import { join } from 'node:path'
import type { SeedKind } from '../corpus.js'

export interface RunOutput {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface FuzzTarget {
  name: string
  /** The seed kinds its inputs are made from. */
  kinds: SeedKind[]
  /** Where an input goes in the case folder (relative), given the extension of its seed. */
  inputPath(extension: string): string
  /** Node arguments (after the memory flags) that run the target on `input` inside `dir`. */
  argv(input: string, dir: string): string[]
  /** Time ceiling per input, in ms. */
  timeMs: number
  /** A crash sign of this target beyond the common ones (internal error, signal, stack trace), or `undefined`. */
  crashed?(output: RunOutput): string | undefined
}

export const repo = join(import.meta.dirname, '..', '..')
/** The real command line, as a user runs it (built by `npm run build`). */
export const bin = join(repo, 'bin', 'nianbao.js')

/** Report inputs sit where the tools expect them: `<agency>/<year>.md`. */
export const reportPath = () => join('fuzz-agency', '2024.md')

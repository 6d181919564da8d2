/**
 * One fuzz input: a seed and one to three mutations drawn by weight from
 * those that fit its kind (text mutations for reports, text and HTML; zip
 * mutations for bundles and .docx; byte mutations for everything).
 */
import { byteMutators, type Mutator } from './mutate-bytes.js'
import { textMutators } from './mutate-text.js'
import { docxMutators, zipMutators } from './mutate-zip.js'
import type { Seed, SeedKind } from './corpus.js'
import type { Rng } from './prng.js'

/** Largest input a mutation makes: well over every size limit, small enough to write quickly. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024

const BYTES = Object.entries(byteMutators)
const TEXT = Object.entries(textMutators)

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/**
 * A text mutation of a report's body only, the front matter kept: the
 * report still parses, so the validator's rules and the renderers (HTML,
 * PDF, bundle) see the mutation rather than a YAML syntax error.
 */
const inBody =
  (mutator: Mutator): Mutator =>
  (input, ctx) => {
    const text = decoder.decode(input)
    const end = text.indexOf('\n---\n', 3)
    if (end < 0) return mutator(input, ctx)
    const head = encoder.encode(text.slice(0, end + 5))
    const body = mutator(encoder.encode(text.slice(end + 5)), ctx)
    const out = new Uint8Array(head.length + body.length)
    out.set(head)
    out.set(body, head.length)
    return out
  }

const BODY = ['deep-nesting', 'huge-value', 'markdown-construct', 'insert-token', 'swap-lines', 'duplicate-range'].map(
  (name) => [`body:${name}`, inBody(textMutators[name] ?? byteMutators[name]!), 3] as [string, Mutator, number],
)

/** Mutations by kind, with weights: format-aware ones reach deeper than bit flips. */
function mutatorsFor(kind: SeedKind): [string, Mutator, number][] {
  const bytes = BYTES.map(([name, m]) => [name, m, 1] as [string, Mutator, number])
  switch (kind) {
    case 'report':
      return [...bytes, ...TEXT.map(([name, m]) => [name, m, 2] as [string, Mutator, number]), ...BODY]
    case 'text':
    case 'html':
      return [...bytes, ...TEXT.map(([name, m]) => [name, m, name === 'yaml-value' ? 0 : 2] as [string, Mutator, number])]
    case 'bundle':
      return [...bytes, ...Object.entries(zipMutators).map(([name, m]) => [name, m, 4] as [string, Mutator, number])]
    case 'docx':
      return [...bytes, ...Object.entries(docxMutators).map(([name, m]) => [name, m, 4] as [string, Mutator, number])]
    case 'pdf':
      return bytes
  }
}

export interface Mutated {
  bytes: Uint8Array
  /** The mutations applied, in order (for the report and the fixture's notes). */
  ops: string[]
}

export function mutate(seed: Seed, others: readonly Seed[], rng: Rng): Mutated {
  const table = mutatorsFor(seed.kind).filter(([, , w]) => w > 0)
  const ctx = { rng, others: others.filter((o) => o.kind === seed.kind).map((o) => o.bytes), maxBytes: MAX_INPUT_BYTES }
  let bytes = seed.bytes
  const ops: string[] = []
  for (let n = rng.weighted([[1, 5], [2, 3], [3, 2]] as const); n > 0; n--) {
    const [name, mutator] = rng.weighted(table.map((entry) => [entry, entry[2]] as const))
    bytes = mutator(bytes, ctx)
    if (bytes.length > MAX_INPUT_BYTES) bytes = bytes.subarray(0, MAX_INPUT_BYTES)
    ops.push(name)
  }
  return { bytes, ops }
}

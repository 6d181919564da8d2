/**
 * Mutations that know nothing of the format: bit flips, bytes set to
 * telling values, truncation, insertion, deletion, duplication, splicing
 * two inputs, and plain binary.
 */
import type { Rng } from './prng.js'

export interface MutateContext {
  rng: Rng
  /** Other inputs of the same kind, for splicing. */
  others: readonly Uint8Array[]
  /** Largest input a mutation may produce. */
  maxBytes: number
}

export type Mutator = (input: Uint8Array, ctx: MutateContext) => Uint8Array

/** Bytes that mean something to one of the readers. */
const TELLING = [0x00, 0xff, 0x7f, 0x80, 0xc0, 0xed, 0xef, 0xfe, 0x0a, 0x0d, 0x09, 0x20, 0x22, 0x27, 0x23, 0x26, 0x2a, 0x2d, 0x3a, 0x3c, 0x3e, 0x5b, 0x5d, 0x60, 0x7b, 0x7d, 0x7c, 0x5c, 0x7e, 0x25, 0x50, 0x4b]

const MAGIC = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
  [0x1f, 0x8b, 0x08],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
]

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const randomBytes = (rng: Rng, n: number) => Uint8Array.from({ length: n }, () => (rng.chance(0.5) ? rng.pick(TELLING) : rng.int(256)))

/** A position, biased towards the ends (headers and trailers are where readers look first). */
const position = (rng: Rng, length: number) => {
  if (length === 0) return 0
  const r = rng.next()
  if (r < 0.15) return rng.int(Math.min(length, 64))
  if (r < 0.3) return Math.max(0, length - 1 - rng.int(Math.min(length, 64)))
  return rng.int(length)
}

export const byteMutators: Record<string, Mutator> = {
  'flip-bits': (input, { rng }) => {
    const out = input.slice()
    for (let n = rng.between(1, 8); n > 0 && out.length > 0; n--) out[position(rng, out.length)]! ^= 1 << rng.int(8)
    return out
  },
  'set-bytes': (input, { rng }) => {
    const out = input.slice()
    for (let n = rng.between(1, 4); n > 0 && out.length > 0; n--) out[position(rng, out.length)] = rng.pick(TELLING)
    return out
  },
  truncate: (input, { rng }) => input.slice(0, position(rng, input.length)),
  'insert-bytes': (input, { rng }) => {
    const at = position(rng, input.length)
    return concat(input.subarray(0, at), randomBytes(rng, rng.between(1, 64)), input.subarray(at))
  },
  'delete-range': (input, { rng }) => {
    const at = position(rng, input.length)
    return concat(input.subarray(0, at), input.subarray(Math.min(input.length, at + rng.between(1, 512))))
  },
  'duplicate-range': (input, { rng, maxBytes }) => {
    if (input.length === 0) return input
    const at = rng.int(input.length)
    const piece = input.subarray(at, Math.min(input.length, at + rng.between(1, 256)))
    const times = Math.min(rng.pick([2, 10, 100, 1000, 10_000]), Math.floor(maxBytes / Math.max(1, piece.length)))
    return concat(input.subarray(0, at), ...Array.from({ length: times }, () => piece), input.subarray(at))
  },
  splice: (input, { rng, others }) => {
    if (others.length === 0) return input
    const other = rng.pick(others)
    return concat(input.subarray(0, position(rng, input.length)), other.subarray(position(rng, other.length)))
  },
  binary: (input, { rng }) => {
    const kind = rng.int(3)
    if (kind === 0) return new Uint8Array(0)
    const head = kind === 1 ? Uint8Array.from(rng.pick(MAGIC)) : new Uint8Array(0)
    return concat(head, randomBytes(rng, rng.between(0, 4096)), rng.chance(0.3) ? input.subarray(0, 256) : new Uint8Array(0))
  },
}

export { concat }

/**
 * Mutations of zip archives (bundles, .docx): a header field set to a
 * telling value, or the archive rebuilt as a well-formed zip around a
 * changed member (so the checks behind the zip layer run too): JSON of the
 * wrong shape, members dropped, added, renamed outside the folder, a bomb.
 */
import { unzipSync, zipSync } from 'fflate'
import { zipMembers } from '../src/bundle/zip.js'
import type { MutateContext, Mutator } from './mutate-bytes.js'
import { textMutators } from './mutate-text.js'
import type { Rng } from './prng.js'

const SIGNATURES: [number, number[]][] = [
  // local header: flags, method, time, date, crc, sizes, name and extra length
  [0x04034b50, [6, 8, 10, 12, 14, 18, 22, 26, 28]],
  // central header: made by, flags, method, crc, sizes, lengths, attributes, offset
  [0x02014b50, [4, 8, 10, 16, 20, 24, 28, 30, 32, 38, 42]],
  // end of central directory: counts, size, offset, comment length
  [0x06054b50, [8, 10, 12, 16, 20]],
]
const WIDE = new Set([14, 16, 18, 20, 22, 24, 12, 38, 42])

function headerField(input: Uint8Array, rng: Rng): Uint8Array {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength)
  const fields: [number, 2 | 4][] = []
  for (let i = 0; i + 4 <= input.length; i++) {
    const sig = view.getUint32(i, true)
    const found = SIGNATURES.find(([s]) => s === sig)
    if (!found) continue
    for (const off of found[1]) {
      const wide = WIDE.has(off) && !(sig === 0x06054b50 && (off === 8 || off === 10 || off === 20))
      if (i + off + (wide ? 4 : 2) <= input.length) fields.push([i + off, wide ? 4 : 2])
    }
  }
  if (fields.length === 0) return input
  const out = input.slice()
  const outView = new DataView(out.buffer)
  const [at, width] = rng.pick(fields)
  const old = width === 4 ? outView.getUint32(at, true) : outView.getUint16(at, true)
  const max = width === 4 ? 0xffffffff : 0xffff
  const value = rng.pick([0, 1, max, max - 1, old + 1, old - 1, old * 2, old >>> 1, rng.int(max)]) >>> 0
  if (width === 4) outView.setUint32(at, value >>> 0, true)
  else outView.setUint16(at, value & 0xffff, true)
  return out
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const JSON_VALUES: unknown[] = [null, [], {}, '', 'x', -1, 0, 1e308, true, '../../etc/passwd', 'a'.repeat(100_000), JSON.parse('['.repeat(5000) + ']'.repeat(5000))]

/** Replace one value somewhere in a JSON document. */
function confuseJson(bytes: Uint8Array, rng: Rng): Uint8Array {
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(bytes))
  } catch {
    return bytes
  }
  const containers: [Record<string, unknown> | unknown[], string | number][] = []
  const stack: unknown[] = [value]
  while (stack.length > 0 && containers.length < 5000) {
    const node = stack.pop()
    if (Array.isArray(node)) node.forEach((v, i) => (containers.push([node, i]), stack.push(v)))
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) containers.push([node as Record<string, unknown>, k]), stack.push(v)
  }
  if (containers.length === 0) return encoder.encode(JSON.stringify(rng.pick(JSON_VALUES)))
  const [parent, key] = rng.pick(containers)
  ;(parent as Record<string | number, unknown>)[key] = rng.pick(JSON_VALUES)
  return encoder.encode(JSON.stringify(value))
}

function member(input: Uint8Array, ctx: MutateContext, bundle: boolean): Uint8Array {
  const { rng } = ctx
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(input)
  } catch {
    return input
  }
  const names = Object.keys(files)
  if (names.length === 0) return input
  const name = rng.pick(names)
  switch (rng.int(6)) {
    case 0:
      files[name] = name.endsWith('.json') ? confuseJson(files[name]!, rng) : rng.pick(Object.values(textMutators))(files[name]!, ctx)
      break
    case 1:
      delete files[name]
      break
    case 2:
      for (let i = 0; i < rng.pick([2, 70, 300]); i++) files[`extra-${i}.txt`] = encoder.encode(String(i))
      break
    case 3:
      files[rng.pick(['../evil.txt', '/abs.txt', 'a/../../b', 'C:/x', 'dir/', 'a\\b', '\u0000x'])] = encoder.encode('x')
      break
    case 4:
      // Zeros compress about a thousandfold: over the ratio limit above 1 MB.
      files[name] = new Uint8Array(rng.pick([2, 20, 60]) * 1024 * 1024)
      break
    default:
      files[name] = textMutators['huge-value']!(files[name]!, ctx)
  }
  if (bundle) return zipMembers(new Map(Object.entries(files)))
  return zipSync(files)
}

export const zipMutators: Record<string, Mutator> = {
  'zip-header': (input, { rng }) => headerField(input, rng),
  'zip-member': (input, ctx) => member(input, ctx, true),
}

export const docxMutators: Record<string, Mutator> = {
  'zip-header': (input, { rng }) => headerField(input, rng),
  'docx-member': (input, ctx) => member(input, ctx, false),
}

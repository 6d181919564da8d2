/**
 * A report's agency and year without reading the whole report: only the
 * front matter's YAML is parsed, with the same options as read.ts. A
 * whole-tree build uses it to find two files that would be published as the
 * same report, or into the same place, before any worker starts.
 */
import { parse } from '../vendor/yaml.js'
import type { SourceRead } from './source-reads.js'

export interface ReportIdentity {
  agency: string
  year: number
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

/** Agency and year from report text, or `undefined` when the front matter is missing or broken. */
export function identityFromText(text: string): ReportIdentity | undefined {
  const match = FRONT_MATTER.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  if (!match) return undefined
  let data: unknown
  try {
    data = parse(match[1]!, { uniqueKeys: true, prettyErrors: false, maxAliasCount: 100 })
  } catch {
    // Broken YAML (or too deep to parse): the report's own validation says why.
    return undefined
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined
  const { agency, year } = data as Record<string, unknown>
  if (typeof agency !== 'string' || agency.trim() === '' || typeof year !== 'number' || !Number.isInteger(year)) return undefined
  return { agency, year }
}

/**
 * Identities by the SHA-256 of the report's bytes: `known` from the last build, `seen` filled with
 * this one's. Parsing every front matter was half of a no-op build of a thousand reports.
 */
export interface IdentityMemo {
  known: Readonly<Record<string, ReportIdentity | null>>
  seen: Record<string, ReportIdentity | null>
}

/** The identity of a source read once for the whole build (source-reads.ts), known or parsed. */
export function identityOfRead(read: SourceRead | undefined, memo: IdentityMemo): ReportIdentity | undefined {
  if (!read?.bytes) return undefined
  const known = memo.known[read.hash]
  const identity = known === undefined ? (identityFromText(read.bytes.toString('utf8')) ?? null) : known
  memo.seen[read.hash] = identity
  return identity ?? undefined
}

/**
 * manifest.json: what a bundle holds and how to check it. Lists every
 * other member with its size and SHA-256, the nianbao version that built
 * it, the report format and the SHA-256 of the author's source file.
 */
import { createHash } from 'node:crypto'
import type { FormatId } from '../formats/types.js'

export const MANIFEST_NAME = 'manifest.json'

/** Version of the bundle layout; bumped only on incompatible changes. */
export const BUNDLE_VERSION = 1

/** Members every bundle holds besides manifest.json, sorted. */
export const BUNDLE_MEMBERS = ['data.csv', 'data.json', 'index.html', 'report.pdf', 'source.md'] as const
export type BundleMember = (typeof BUNDLE_MEMBERS)[number]

/**
 * Members a bundle may hold besides those: the Word file. Listed in the
 * manifest (and checked) when present; bundles without it stay valid, so the
 * layout version is unchanged.
 */
export const OPTIONAL_MEMBERS = ['report.docx'] as const
export type OptionalMember = (typeof OPTIONAL_MEMBERS)[number]

export interface ManifestFile {
  name: string
  size: number
  sha256: string
}

export interface Manifest {
  bundleVersion: number
  /** Version of nianbao that built the bundle. */
  nianbao: string
  format: FormatId
  agency: string
  year: number
  source: { name: string; sha256: string }
  /** Every member except manifest.json, sorted by name. */
  files: ManifestFile[]
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export interface ManifestInput {
  nianbao: string
  format: FormatId
  agency: string
  year: number
  sourceName: string
  files: ReadonlyMap<string, Uint8Array>
}

export function createManifest(input: ManifestInput): Manifest {
  const names = [...input.files.keys()].sort()
  const source = input.files.get(input.sourceName)
  if (!source) throw new Error(`nianbao internal error: bundle has no ${input.sourceName}`)
  return {
    bundleVersion: BUNDLE_VERSION,
    nianbao: input.nianbao,
    format: input.format,
    agency: input.agency,
    year: input.year,
    source: { name: input.sourceName, sha256: sha256(source) },
    files: names.map((name) => {
      const bytes = input.files.get(name)!
      return { name, size: bytes.length, sha256: sha256(bytes) }
    }),
  }
}

export function manifestText(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n'
}

/** Structural check of a parsed manifest; returns a reason or `undefined` when sound. */
export function manifestProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '不是 JSON 对象'
  const m = value as Record<string, unknown>
  if (m.bundleVersion !== BUNDLE_VERSION) return `bundleVersion 应为 ${BUNDLE_VERSION}`
  for (const key of ['nianbao', 'format', 'agency'] as const) if (typeof m[key] !== 'string') return `缺少 ${key}`
  if (typeof m.year !== 'number') return '缺少 year'
  const source = m.source as Record<string, unknown> | undefined
  if (!source || typeof source.name !== 'string' || typeof source.sha256 !== 'string') return '缺少 source'
  if (!Array.isArray(m.files)) return '缺少 files'
  for (const entry of m.files as unknown[]) {
    const f = entry as Record<string, unknown> | null
    if (!f || typeof f.name !== 'string' || typeof f.size !== 'number' || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256))
      return 'files 中有不完整的条目'
  }
  return undefined
}

/**
 * The portal bundle `<agency>/<year>.zip`: page, PDF, the author's source,
 * data.json, data.csv and manifest.json. Byte-identical across rebuilds and
 * time zones: fflate (pure JS, so no dependency on Node's zlib build),
 * entries in sorted order, a fixed DOS timestamp built with the local-time
 * constructor (fflate writes DOS fields from local getters), fixed levels
 * and attributes; the PDF is already compressed and is stored.
 */
import { zipSync, type ZipOptions } from 'fflate'
import type { VFile } from 'vfile'
import { version } from '../version.js'
import { exportCsv } from './export-csv.js'
import { dataJsonText, exportData, SOURCE_NAME } from './export-json.js'
import { createManifest, MANIFEST_NAME, manifestText, type BundleMember, type Manifest, type OptionalMember } from './manifest.js'

const encoder = new TextEncoder()
const bytesOf = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data)

/** 1980-01-01 00:00 local time: the DOS epoch, the same fields in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1)
const TEXT_LEVEL = 9
/** Unix, regular file, rw-r--r--. */
const ENTRY_ATTRS: ZipOptions = { os: 3, attrs: (0o100644 << 16) >>> 0 }

export interface BundleInput {
  /** The report file, loaded and validated (its messages go into data.json). */
  file: VFile
  /** The author's file, byte for byte. */
  source: Uint8Array
  html: Uint8Array | string
  pdf: Uint8Array
  /** The Word file (report.docx), an optional member: listed in the manifest when present. */
  docx?: Uint8Array
  /** nianbao version recorded in the manifest; default: this package's. */
  nianbaoVersion?: string
}

export interface Bundle {
  zip: Uint8Array
  manifest: Manifest
  /** The zipped files by name, manifest.json included. */
  members: ReadonlyMap<string, Uint8Array>
}

/**
 * Zip named members deterministically (sorted; PDF and docx, already
 * compressed, stored). `level` is the deflate level of the others.
 */
export function zipMembers(members: ReadonlyMap<string, Uint8Array>, options: { level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 } = {}): Uint8Array {
  const entries: Record<string, [Uint8Array, ZipOptions]> = {}
  const textLevel = options.level ?? TEXT_LEVEL
  for (const name of [...members.keys()].sort()) {
    const level = /\.(pdf|docx)$/.test(name) ? 0 : textLevel
    entries[name] = [members.get(name)!, { ...ENTRY_ATTRS, level, mtime: FIXED_MTIME }]
  }
  return zipSync(entries, { level: textLevel, mtime: FIXED_MTIME })
}

/** Build the bundle of one report, or `undefined` when the file has no report model. */
export function createBundle(input: BundleInput): Bundle | undefined {
  const data = exportData(input.file)
  if (!data) return undefined
  const files = new Map<BundleMember | OptionalMember, Uint8Array>([
    ['data.csv', bytesOf(exportCsv(data.cells, data.meta))],
    ['data.json', bytesOf(dataJsonText(data))],
    ['index.html', bytesOf(input.html)],
    ['report.pdf', input.pdf],
    ['source.md', input.source],
  ])
  if (input.docx) files.set('report.docx', input.docx)
  const manifest = createManifest({
    nianbao: input.nianbaoVersion ?? version,
    format: data.format.id,
    agency: data.meta.agency,
    year: data.meta.year,
    sourceName: SOURCE_NAME,
    files,
  })
  const members = new Map<string, Uint8Array>(files)
  members.set(MANIFEST_NAME, bytesOf(manifestText(manifest)))
  return { zip: zipMembers(members), manifest, members }
}

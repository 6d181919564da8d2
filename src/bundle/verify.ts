/**
 * `nianbao verify`: check a portal bundle before ingesting it. Unsafe
 * archives (path traversal, absolute paths, links, zip bombs) are refused
 * before anything is inflated; then every member is checked against
 * manifest.json (presence, size, SHA-256) and data.json against its JSON
 * Schema. Every problem is a diagnostic naming the file.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import type { Lang } from '../diagnostics/types.js'
import { generateDataSchema } from './data-schema.js'
import { SOURCE_NAME } from './export-json.js'
import { ARCHIVE_HASH_SUFFIX, BUNDLE_MEMBERS, MANIFEST_NAME, manifestProblem, sha256, type Manifest } from './manifest.js'
import { version } from '../version.js'
import { limitParams } from '../limit-messages.js'
import { limitDefinition, limits, type LimitHit } from '../limits.js'
import { readDirectory, readEntry, ZipRefused, type ZipEntry, type ZipProblem } from './zip-read.js'
import { zipMembers } from './zip.js'

export interface VerifyOptions {
  lang?: Lang
}

let dataValidator: ValidateFunction | undefined

function validateData(value: unknown): ValidateFunction {
  dataValidator ??= new Ajv({ allErrors: true, strict: false }).compile(generateDataSchema())
  dataValidator(value)
  return dataValidator
}

/** The diagnostic of a bundle limit hit, naming the member when there is one. */
function reportLimit(file: VFile, hit: LimitHit): void {
  emit(file, limitDefinition(hit.key).ruleId, { ...limitParams(hit), file: hit.entry ?? '' }, undefined)
}

function report(file: VFile, problem: ZipProblem): void {
  const params = { file: problem.entry ?? '', reason: problem.reason }
  switch (problem.kind) {
    case 'path':
    case 'link':
      emit(file, 'bundle-entry-safe', params, undefined)
      return
    case 'limit':
      reportLimit(file, problem.hit!)
      return
    case 'bomb':
    case 'integrity':
      if (problem.entry) {
        emit(file, 'bundle-entry-intact', params, undefined)
        return
      }
      emit(file, 'bundle-zip-valid', params, undefined)
      return
    case 'structure':
      emit(file, 'bundle-zip-valid', { reason: problem.entry ? `${problem.entry}：${problem.reason}` : problem.reason }, undefined)
  }
}

const TOO_LARGE = Symbol('too large')

/** JSON members are parsed only up to `bundleJsonBytes`; over it they get that limit's diagnostic instead. */
function parseMember(file: VFile, name: string, bytes: Uint8Array): unknown {
  if (bytes.length > limits.bundleJsonBytes) {
    reportLimit(file, { key: 'bundleJsonBytes', actual: bytes.length, entry: name })
    return TOO_LARGE
  }
  return parseJson(bytes)
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return undefined
  }
}

/** Check bundle bytes already in memory; diagnostics go on `file`. */
export function verifyBundleBytes(file: VFile, bytes: Uint8Array): void {
  let members: Map<string, Uint8Array>
  let entries: ZipEntry[]
  const unreadable = new Set<string>()
  try {
    entries = readDirectory(bytes)
    members = new Map()
    for (const entry of entries) {
      try {
        members.set(entry.name, readEntry(bytes, entry))
      } catch (error) {
        if (!(error instanceof ZipRefused)) throw error
        // A bomb stops everything; a damaged member is reported and the rest still checked.
        if (error.problem.kind === 'bomb') throw error
        report(file, error.problem)
        unreadable.add(entry.name)
      }
    }
  } catch (error) {
    if (!(error instanceof ZipRefused)) throw error
    report(file, error.problem)
    return
  }

  const manifestBytes = members.get(MANIFEST_NAME)
  if (!manifestBytes) {
    if (!unreadable.has(MANIFEST_NAME)) emit(file, 'bundle-file-present', { file: MANIFEST_NAME }, undefined)
    return
  }
  const parsed = parseMember(file, MANIFEST_NAME, manifestBytes)
  if (parsed === TOO_LARGE) return
  const problem = parsed === undefined ? '不是有效的 JSON' : manifestProblem(parsed)
  if (problem) {
    emit(file, 'bundle-manifest-valid', { reason: problem }, undefined)
    return
  }
  const manifest = parsed as Manifest
  const listed = new Map(manifest.files.map((f) => [f.name, f]))

  for (const name of BUNDLE_MEMBERS) {
    if (!listed.has(name) && !members.has(name) && !unreadable.has(name)) emit(file, 'bundle-file-present', { file: name }, undefined)
    else if (!listed.has(name)) emit(file, 'bundle-file-listed', { file: name }, undefined)
  }
  for (const name of members.keys()) {
    if (name !== MANIFEST_NAME && !listed.has(name) && !(BUNDLE_MEMBERS as readonly string[]).includes(name))
      emit(file, 'bundle-file-listed', { file: name }, undefined)
  }
  const damaged = new Set<string>()
  for (const entry of manifest.files) {
    const bytes = members.get(entry.name)
    if (!bytes) {
      if (!unreadable.has(entry.name)) emit(file, 'bundle-file-present', { file: entry.name }, undefined)
      damaged.add(entry.name)
      continue
    }
    if (bytes.length !== entry.size) {
      emit(file, 'bundle-hash-matches', { file: entry.name, what: '大小', whatEn: 'size' }, undefined)
      damaged.add(entry.name)
    } else if (sha256(bytes) !== entry.sha256) {
      emit(file, 'bundle-hash-matches', { file: entry.name, what: 'SHA-256', whatEn: 'SHA-256' }, undefined)
      damaged.add(entry.name)
    }
  }
  const source = members.get(manifest.source.name)
  if (source && !damaged.has(manifest.source.name) && sha256(source) !== manifest.source.sha256)
    emit(file, 'bundle-hash-matches', { file: manifest.source.name, what: '源文件 SHA-256', whatEn: 'source SHA-256' }, undefined)
  if (manifest.source.name !== SOURCE_NAME) emit(file, 'bundle-manifest-valid', { reason: `source.name 应为 ${SOURCE_NAME}` }, undefined)

  const dataBytes = members.get('data.json')
  checkData(file, dataBytes, manifest)
  if (file.messages.some((m) => m.fatal === true)) return
  checkCompressedBytes(file, bytes, members, entries, manifest)
}

/**
 * The last bits of a deflate stream can change without changing what it inflates to, so
 * members and CRCs alone miss such a byte. Bundles are written deterministically: zip the
 * members again exactly as the build does, and every byte must be the same.
 */
function checkCompressedBytes(file: VFile, bytes: Uint8Array, members: Map<string, Uint8Array>, entries: ZipEntry[], manifest: Manifest): void {
  if (manifest.nianbao !== version) {
    // Another nianbao may compress differently: the contents were checked, the compressed bytes cannot be.
    emit(file, 'bundle-compression-checked', { version: manifest.nianbao, current: version }, undefined)
    return
  }
  const rebuilt = zipMembers(members)
  if (rebuilt.length === bytes.length && Buffer.compare(Buffer.from(rebuilt.buffer, rebuilt.byteOffset, rebuilt.length), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)) === 0) return
  let at = 0
  while (at < bytes.length && at < rebuilt.length && bytes[at] === rebuilt[at]) at++
  const entry = entries.find((e) => at >= e.offset && at < e.dataOffset + e.compressedSize)
  emit(
    file,
    'bundle-entry-intact',
    { file: entry?.name ?? 'zip', reason: '压缩数据中有字节被改动（解压结果未变，但与构建时写入的字节不同）' },
    undefined,
  )
}

function checkData(file: VFile, dataBytes: Uint8Array | undefined, manifest: Manifest): void {
  const data = dataBytes && parseMember(file, 'data.json', dataBytes)
  if (dataBytes && data !== TOO_LARGE) {
    if (data === undefined) emit(file, 'bundle-data-schema', { reason: '不是有效的 JSON' }, undefined)
    else {
      const validate = validateData(data)
      for (const error of (validate.errors ?? []).slice(0, 5))
        emit(file, 'bundle-data-schema', { reason: `${error.instancePath || '/'} ${error.message ?? ''}`.trim() }, undefined)
      const d = data as { format?: { id?: unknown }; meta?: { agency?: unknown; year?: unknown } }
      if (!validate.errors?.length && (d.format?.id !== manifest.format || d.meta?.agency !== manifest.agency || d.meta?.year !== manifest.year))
        emit(file, 'bundle-manifest-valid', { reason: '格式、机关或年度与 data.json 不一致' }, undefined)
    }
  }
}

/** Verify the bundle at `path`; diagnostics are messages on the returned file. */
export async function verifyBundle(path: string, options: VerifyOptions = {}): Promise<VFile> {
  const file = new VFile({ path })
  file.data.lang = options.lang ?? 'zh'
  file.data.severities = {}
  let bytes: Uint8Array
  try {
    const info = await stat(path)
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
    // A bundle can never be larger than everything it may unpack to; not even read when it is.
    if (info.size > limits.bundleBytes) {
      reportLimit(file, { key: 'bundleBytes', actual: info.size })
      return file
    }
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
    const reason = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '不是文件' : code
    emit(file, 'bundle-readable', { reason, reasonEn: code }, undefined)
    return file
  }
  verifyBundleBytes(file, bytes)
  await checkArchiveHash(file, path, bytes)
  return file
}

/** The `<year>.zip.sha256` the build writes beside a bundle, when it is there: the archive as a whole. */
async function checkArchiveHash(file: VFile, path: string, bytes: Uint8Array): Promise<void> {
  let text: string
  try {
    text = await readFile(`${path}${ARCHIVE_HASH_SUFFIX}`, 'utf8')
  } catch {
    return
  }
  const expected = /^[0-9a-f]{64}\b/i.exec(text.trim())?.[0]?.toLowerCase()
  if (expected !== sha256(bytes)) emit(file, 'bundle-archive-hash', { name: `${basename(path)}${ARCHIVE_HASH_SUFFIX}` }, undefined)
}

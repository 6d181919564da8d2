/**
 * A strict, safe reader for bundle zips. The central directory is parsed
 * and checked first (names, links, declared sizes) so an unsafe archive is
 * refused before a single byte is inflated; inflation then streams through
 * fflate's `Inflate` and stops as soon as an entry outgrows its declared
 * size. Every header byte is cross-checked (local against central, central
 * against what nianbao writes), so no byte of a bundle goes unchecked.
 */
import { crc32 } from 'node:zlib'
import { Inflate } from 'fflate'
import { BUNDLE_RATIO_FLOOR, limits, type LimitHit, type LimitValues } from '../limits.js'

export interface ZipEntry {
  name: string
  method: number
  flags: number
  crc: number
  compressedSize: number
  size: number
  /** Offset of the local header. */
  offset: number
  /** Offset of the entry's data. */
  dataOffset: number
  madeBy: number
  externalAttrs: number
}

/** A problem with the archive itself; `entry` names the member when there is one. */
export interface ZipProblem {
  /** `limit`: over one of the bundle limits of src/limits.ts (`hit`); `bomb`: inflates past its declared size. */
  kind: 'structure' | 'path' | 'link' | 'limit' | 'bomb' | 'integrity'
  entry?: string
  reason: string
  hit?: LimitHit
}

export class ZipRefused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.reason)
  }
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8)
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const S_IFMT = 0o170000
const S_IFREG = 0o100000

const fail = (problem: ZipProblem): never => {
  throw new ZipRefused(problem)
}

/** Why a member name is unsafe to extract, or `undefined` when it is safe. */
export function unsafeName(name: string): string | undefined {
  if (name === '') return '空文件名'
  if (name.includes('\0') || /[\u0000-\u001f]/.test(name)) return '文件名含控制字符'
  if (name.includes('\\')) return '文件名含反斜杠'
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return '绝对路径'
  const parts = name.split('/')
  if (parts.includes('..')) return '路径穿越（../）'
  if (parts.some((p) => p === '' || p === '.')) return '路径不规范'
  return undefined
}

function findEocd(bytes: Uint8Array): number {
  // The comment (≤ 65535 bytes) may follow the 22-byte record.
  for (let e = bytes.length - 22; e >= 0 && bytes.length - e <= 22 + 65535; e--) if (u32(bytes, e) === EOCD) return e
  return fail({ kind: 'structure', reason: '不是 zip 文件（找不到目录结尾记录）' })
}

function overLimit(hit: LimitHit): never {
  return fail({ kind: 'limit', reason: '', hit, ...(hit.entry ? { entry: hit.entry } : {}) })
}

/** Parse and check the directory; throws `ZipRefused` on any structural or safety problem. */
export function readDirectory(bytes: Uint8Array, values: LimitValues = limits): ZipEntry[] {
  if (bytes.length < 22) fail({ kind: 'structure', reason: '文件太短，不是 zip 文件' })
  const e = findEocd(bytes)
  const count = u16(bytes, e + 10)
  const cdSize = u32(bytes, e + 12)
  const cdOffset = u32(bytes, e + 16)
  if (u16(bytes, e + 4) !== 0 || u16(bytes, e + 6) !== 0 || u16(bytes, e + 8) !== count)
    fail({ kind: 'structure', reason: '不支持分卷 zip' })
  if (count === 0xffff || cdOffset === 0xffffffff) fail({ kind: 'structure', reason: '不支持 zip64' })
  if (u16(bytes, e + 20) !== 0 || e + 22 !== bytes.length) fail({ kind: 'structure', reason: 'zip 结尾有多余数据或注释' })
  if (cdOffset + cdSize !== e) fail({ kind: 'structure', reason: 'zip 目录位置与结尾记录不符' })
  if (count > values.bundleEntries) overLimit({ key: 'bundleEntries', actual: count })

  const decoder = new TextDecoder('utf-8', { fatal: true })
  const entries: ZipEntry[] = []
  const centrals: number[] = []
  const names = new Set<string>()
  let total = 0
  let p = cdOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > e || u32(bytes, p) !== CENTRAL) fail({ kind: 'structure', reason: 'zip 目录损坏' })
    const nameLen = u16(bytes, p + 28)
    const extraLen = u16(bytes, p + 30)
    const commentLen = u16(bytes, p + 32)
    if (p + 46 + nameLen + extraLen + commentLen > e) fail({ kind: 'structure', reason: 'zip 目录损坏' })
    let name: string
    try {
      name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen))
    } catch {
      return fail({ kind: 'path', reason: '文件名不是 UTF-8' })
    }
    const entry: ZipEntry = {
      name,
      madeBy: u16(bytes, p + 4),
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      externalAttrs: u32(bytes, p + 38),
      offset: u32(bytes, p + 42),
      dataOffset: 0,
    }
    const unsafe = unsafeName(name)
    if (unsafe) fail({ kind: 'path', entry: name, reason: unsafe })
    const type = (entry.externalAttrs >>> 16) & S_IFMT
    if ((entry.madeBy >> 8 === 3 || type !== 0) && type !== S_IFREG)
      fail({ kind: 'link', entry: name, reason: type === 0o120000 ? '符号链接' : '不是普通文件' })
    if (names.has(name)) fail({ kind: 'structure', entry: name, reason: '重复的条目' })
    names.add(name)
    if (entry.flags & 1) fail({ kind: 'structure', entry: name, reason: '加密条目' })
    if (entry.method !== 0 && entry.method !== 8) fail({ kind: 'structure', entry: name, reason: `不支持的压缩方式 ${entry.method}` })
    if (entry.method === 0 && entry.size !== entry.compressedSize) fail({ kind: 'integrity', entry: name, reason: '存储条目的大小不一致' })
    total += entry.size
    entries.push(entry)
    centrals.push(p)
    p += 46 + nameLen + extraLen + commentLen
  }
  if (p !== e) fail({ kind: 'structure', reason: 'zip 目录大小与结尾记录不符' })
  // Declared sizes only: inflation stops as soon as an entry outgrows its declared size (readEntry).
  if (total > values.bundleBytes) overLimit({ key: 'bundleBytes', actual: total })
  for (const entry of entries) {
    const ratio = entry.size / Math.max(entry.compressedSize, 1)
    if (entry.size > BUNDLE_RATIO_FLOOR && ratio > values.bundleRatio) overLimit({ key: 'bundleRatio', actual: ratio, entry: entry.name })
  }
  // Only once nothing unsafe is in the archive: the byte-level integrity of every header.
  entries.forEach((entry, i) => {
    const c = centrals[i]!
    // Bundles are written by nianbao only: every other central field has one value.
    if (entry.madeBy !== ((3 << 8) | 20) || u16(bytes, c + 30) !== 0 || u16(bytes, c + 32) !== 0 || u16(bytes, c + 34) !== 0 || u16(bytes, c + 36) !== 0)
      fail({ kind: 'integrity', entry: entry.name, reason: 'zip 目录条目与 nianbao 写入的不一致' })
    if (entry.externalAttrs >>> 16 !== 0o100644 || (entry.externalAttrs & 0xffff) !== 0)
      fail({ kind: 'integrity', entry: entry.name, reason: 'zip 目录条目的文件属性被改动' })
    checkLocalHeader(bytes, c, entry, cdOffset)
  })
  // Local records must tile the area before the directory exactly: no hidden bytes.
  const ordered = [...entries].sort((a, b) => a.offset - b.offset)
  let expected = 0
  for (const entry of ordered) {
    if (entry.offset !== expected) fail({ kind: 'structure', entry: entry.name, reason: 'zip 条目之间有多余数据' })
    expected = entry.dataOffset + entry.compressedSize
  }
  if (expected !== cdOffset) fail({ kind: 'structure', reason: 'zip 条目与目录之间有多余数据' })
  return entries
}

function checkLocalHeader(bytes: Uint8Array, central: number, entry: ZipEntry, limit: number): void {
  const l = entry.offset
  if (l + 30 > limit || u32(bytes, l) !== LOCAL) fail({ kind: 'integrity', entry: entry.name, reason: '本地文件头损坏' })
  // version needed, flags, method, time, date, crc, sizes, name length: same bytes in both headers.
  for (let k = 0; k < 22; k++)
    if (bytes[l + 4 + k] !== bytes[central + 6 + k]) fail({ kind: 'integrity', entry: entry.name, reason: '本地文件头与目录不一致' })
  const nameLen = u16(bytes, l + 26)
  const extraLen = u16(bytes, l + 28)
  if (extraLen !== 0) fail({ kind: 'integrity', entry: entry.name, reason: '本地文件头与目录不一致' })
  for (let k = 0; k < nameLen; k++)
    if (bytes[l + 30 + k] !== bytes[central + 46 + k]) fail({ kind: 'integrity', entry: entry.name, reason: '本地文件头中的文件名与目录不一致' })
  entry.dataOffset = l + 30 + nameLen
  if (entry.dataOffset + entry.compressedSize > limit) fail({ kind: 'structure', entry: entry.name, reason: '条目数据越界' })
}

const CHUNK = 16 * 1024

/** Inflate one checked entry, stopping as soon as it outgrows its declared size. */
export function readEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const raw = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)
  let out: Uint8Array
  if (entry.method === 0) out = raw.slice()
  else {
    out = new Uint8Array(entry.size)
    let length = 0
    let done = false
    const inflate = new Inflate((chunk, final) => {
      if (length + chunk.length > entry.size) fail({ kind: 'bomb', entry: entry.name, reason: '解压后大于声明的大小（疑似 zip 炸弹）' })
      out.set(chunk, length)
      length += chunk.length
      if (final) done = true
    })
    try {
      for (let i = 0; i < raw.length; i += CHUNK) inflate.push(raw.subarray(i, i + CHUNK), i + CHUNK >= raw.length)
      if (raw.length === 0) inflate.push(raw, true)
    } catch (error) {
      if (error instanceof ZipRefused) throw error
      fail({ kind: 'integrity', entry: entry.name, reason: '压缩数据损坏' })
    }
    if (!done || length !== entry.size) fail({ kind: 'integrity', entry: entry.name, reason: '解压后的大小与声明不符' })
  }
  if (crc32(out) >>> 0 !== entry.crc) fail({ kind: 'integrity', entry: entry.name, reason: 'CRC 校验不符' })
  return out
}

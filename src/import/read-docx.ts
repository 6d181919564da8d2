/**
 * Word (.docx) → HTML with mammoth (merged cells become rowspan/colspan),
 * then the HTML reader.
 *
 * A .docx is a zip, and a zip can hold a bomb (a document.xml of a few
 * kilobytes that inflates to gigabytes). So the zip is opened here first,
 * with limits: its directory (entry count, declared sizes), then every
 * entry inflated with a cap on its output, so that a header that lies
 * about the size changes nothing. mammoth only ever sees a copy rebuilt from what was measured.
 */
import { inflateRawSync } from 'node:zlib'
import { Unzip, unzipSync, zipSync, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate'
import type { SourceDocument } from './blocks.js'
import { LimitExceeded, limitFailure } from '../limit-messages.js'
import { limits, type LimitHit } from '../limits.js'
import { readHtml } from './read-html.js'

/** Hands a deflated entry's bytes on as they are (fflate has found where they end); zlib inflates them. */
class Compressed implements UnzipDecoder {
  static compression = 8
  ondata: AsyncFlateStreamHandler = () => {}
  push(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final)
  }
}

/** The entries of a zip, inflated within the limits, or why not. */
export function unzipBounded(
  bytes: Uint8Array,
  maxBytes: number = limits.docxBytes,
  maxEntries: number = limits.docxEntries,
): { files: Record<string, Uint8Array> } | { error: string; limit?: LimitHit } {
  // The central directory only (the filter keeps every entry compressed): counts and declared sizes.
  let declared = 0
  let count = 0
  try {
    unzipSync(bytes, {
      filter: (info) => {
        count++
        if (/\.(?:xml|rels)$/i.test(info.name)) declared += info.originalSize
        return false
      },
    })
  } catch (error) {
    return { error: `不是有效的 .docx 文件（${error instanceof Error ? error.message : String(error)}）` }
  }
  if (count > maxEntries) return limitFailure({ key: 'docxEntries', actual: count }, maxEntries)
  if (declared > maxBytes) return limitFailure({ key: 'docxBytes', actual: declared }, maxBytes)

  // The entries themselves, whatever their headers claim: fflate finds each entry's compressed
  // bytes, Node's zlib inflates them with a cap on the output (it stops as soon as it is passed).
  const files: Record<string, Uint8Array> = {}
  let total = 0
  let failure: { error: string; limit?: LimitHit } | undefined
  const unzip = new Unzip((file) => {
    if (failure) return
    if (++count > maxEntries * 2) {
      // More entries than the directory listed: the true count is not worth reading on.
      failure = limitFailure({ key: 'docxEntries' }, maxEntries)
      return
    }
    // Pictures and other media are not read: an empty file stands in for them (mammoth would only
    // turn them into base64 that the importer drops anyway).
    if (!/\.(?:xml|rels)$/i.test(file.name)) {
      files[file.name] = new Uint8Array(0)
      return
    }
    const chunks: Uint8Array[] = []
    file.ondata = (error, data, final) => {
      if (failure) return
      if (error) {
        failure = { error: `${file.name} 无法解压（${error.message}）` }
        return
      }
      chunks.push(data)
      if (!final) return
      const stored = Buffer.concat(chunks)
      try {
        const out = file.compression === 8 ? inflateRawSync(stored, { maxOutputLength: Math.max(1, maxBytes - total) }) : stored
        total += out.length
        if (total > maxBytes) throw new RangeError('limit')
        files[file.name] = out
      } catch (error) {
        // Stopped at the cap: the size it would have inflated to is not known, only that it is over.
        failure =
          error instanceof RangeError
            ? limitFailure({ key: 'docxBytes' }, maxBytes)
            : { error: `${file.name} 无法解压（${error instanceof Error ? error.message : String(error)}）` }
      }
    }
    if (file.compression !== 0 && file.compression !== 8) {
      failure = { error: `${file.name} 使用了不支持的压缩方式（${file.compression}）` }
      return
    }
    file.start()
  })
  unzip.register(Compressed)
  try {
    unzip.push(bytes, true)
  } catch (error) {
    return { error: `不是有效的 .docx 文件（${error instanceof Error ? error.message : String(error)}）` }
  }
  if (failure) return failure
  return { files }
}

export async function readDocx(bytes: Uint8Array): Promise<SourceDocument | { error: string; limit?: LimitHit }> {
  const unzipped = unzipBounded(bytes)
  if ('error' in unzipped) return unzipped.limit ? unzipped : { error: `无法读取 Word 文档：${unzipped.error}` }
  const { files } = unzipped
  if (!files['word/document.xml']) return { error: '无法读取 Word 文档：缺少 word/document.xml（文件可能不完整，或不是 .docx）' }
  try {
    // Loaded on demand: only Word input needs it.
    const { default: mammoth } = await import('mammoth')
    const rebuilt = zipSync(files, { level: 0 })
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(rebuilt) })
    return readHtml(result.value, 'docx')
  } catch (error) {
    if (error instanceof LimitExceeded) return limitFailure(error.hit)
    return { error: `无法读取 Word 文档（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）` }
  }
}

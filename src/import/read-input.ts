/**
 * Pick the reader for an input by its extension, or by its first bytes
 * (a .docx is a zip, a PDF starts with %PDF, an HTML page with a tag).
 */
import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { LimitExceeded, limitFailure } from '../limit-messages.js'
import { limits, type LimitHit } from '../limits.js'
import type { SourceDocument } from './blocks.js'
import { readDocx } from './read-docx.js'
import { htmlAfterPreamble, htmlInString } from './read-embedded.js'
import { readHtml } from './read-html.js'
import { readPdf } from './read-pdf.js'
import { decodeText, readText } from './read-text.js'

/** `limit`: the input is over one of the limits of src/limits.ts (`error` is its message). */
export type ReadResult = { doc: SourceDocument; encoding?: string } | { error: string; limit?: LimitHit }

/** The page's own HTML, unless a string inside it holds more of the report (a table the page lacks). */
function chooseHtml(page: string | undefined, embedded: string | undefined): string {
  if (!embedded) return page!
  if (!page) return embedded
  const tables = (html: string) => html.match(/<table\b/gi)?.length ?? 0
  // The page's tables without its scripts: a script holding the report does not count for the page.
  const visible = page.replace(/<script\b[\s\S]*?<\/script>/gi, '')
  return tables(embedded) > tables(visible) || (tables(visible) === 0 && embedded.length > visible.length / 2) ? embedded : page
}

export async function readInputBytes(bytes: Uint8Array, name: string): Promise<ReadResult> {
  const read = await readAnyInput(bytes, name)
  // Recognition compares every line with the headings and table rows: a document of a million short lines is refused here.
  if ('doc' in read && read.doc.blocks.length > limits.importLines) return limitFailure({ key: 'importLines', actual: read.doc.blocks.length })
  return read
}

async function readAnyInput(bytes: Uint8Array, name: string): Promise<ReadResult> {
  const ext = extname(name).toLowerCase()
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
  if (ext === '.docx' || isZip) {
    if (!isZip) return { error: '不是有效的 .docx 文件（文件可能不完整）' }
    const doc = await readDocx(bytes)
    return 'error' in doc ? doc : { doc }
  }
  const isPdf = bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46
  if (ext === '.pdf' || isPdf) {
    if (!isPdf) return { error: '不是有效的 PDF 文件' }
    const doc = await readPdf(bytes)
    return 'error' in doc ? doc : { doc }
  }
  if (ext === '.doc' || ext === '.wps') {
    return { error: `不支持 ${ext} 文件；请先另存为 .docx、PDF、网页（.html）或纯文本（.txt）` }
  }
  const decoded = decodeText(bytes)
  if ('error' in decoded) return decoded
  if (decoded.text.length > limits.importTextChars) return limitFailure({ key: 'importTextChars', actual: decoded.text.length })
  const text = decoded.text
  const looksHtml = ext === '.html' || ext === '.htm' || /^\s*(?:<!doctype html|<html|<head|<body|<table|<div|<p[\s>])/i.test(text.slice(0, 500))
  // A saved page whose report is in a script's string, or HTML after a script preamble.
  const embedded = htmlInString(text)
  const html = looksHtml ? text : htmlAfterPreamble(text)
  try {
    const doc = html !== undefined || embedded !== undefined ? readHtml(chooseHtml(html, embedded)) : readText(text)
    return { doc, encoding: decoded.encoding }
  } catch (error) {
    if (error instanceof LimitExceeded) return { error: error.message, limit: error.hit }
    throw error
  }
}

export async function readInput(path: string): Promise<ReadResult> {
  let bytes: Uint8Array
  try {
    const size = (await stat(path)).size
    if (size > limits.importFileBytes) return limitFailure({ key: 'importFileBytes', actual: size })
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { error: code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是文件夹，不是文件' : `无法读取（${code ?? '未知错误'}）` }
  }
  if (bytes.length === 0) return { error: '文件是空的' }
  return readInputBytes(bytes, path)
}

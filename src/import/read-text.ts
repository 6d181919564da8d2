/**
 * Plain text → lines. Every shape the seeds show is kept as it is (tabs
 * split into cells, one cell per line, whole tables on one line); telling
 * them apart is the recogniser's job, not the reader's.
 */
import type { LineBlock, SourceDocument } from './blocks.js'

/** Decode bytes as UTF-8, else GB18030 (older sites), else report why not. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } | { error: string } {
  if (bytes.subarray(0, 8192).includes(0)) return { error: '二进制文件，不是文本' }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' }
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' }
    } catch {
      return { error: '既不是 UTF-8 也不是 GB18030 编码的文本' }
    }
  }
}

const PIPE_ROW = /^\s*\|.*\|\s*$/

export function lineBlock(text: string, at: number): LineBlock {
  const clean = text.replace(/[\u200b\ufeff\u00ad]/g, '').replace(/\u00a0/g, ' ')
  if (PIPE_ROW.test(clean)) {
    // A Markdown-style table row (`| 规章 | 0 | 0 |`): the pipes separate cells like tabs.
    const cells = clean.trim().slice(1, -1).split('|').map((c) => c.trim())
    if (cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '')) return { type: 'line', text: '', cells: [''], at }
    return { type: 'line', text: cells.join(' ').trim(), cells, at }
  }
  return { type: 'line', text: clean.trim(), cells: clean.split('\t'), at }
}

export function readText(text: string): SourceDocument {
  const lines = text.split(/\r\n|\r|\n/)
  return { kind: 'text', blocks: lines.map((line, i) => lineBlock(line, i + 1)) }
}

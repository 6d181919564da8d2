/**
 * Word (.docx) → HTML with mammoth (merged cells become rowspan/colspan),
 * then the HTML reader.
 */
import type { SourceDocument } from './blocks.js'
import { readHtml } from './read-html.js'

export async function readDocx(bytes: Uint8Array): Promise<SourceDocument | { error: string }> {
  try {
    // Loaded on demand: only Word input needs it.
    const { default: mammoth } = await import('mammoth')
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })
    return readHtml(result.value, 'docx')
  } catch (error) {
    return { error: `无法读取 Word 文档（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）` }
  }
}

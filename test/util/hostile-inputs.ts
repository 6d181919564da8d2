/**
 * Hostile inputs for the importer, made here so that the repository holds
 * no such files: broken PDFs (a page tree that refers to itself, a broken
 * flate stream, a bad xref entry, a stream that inflates to a gigabyte) and
 * .docx zip bombs (honest or lying about the size of document.xml).
 */
import { constants, deflateRawSync } from 'node:zlib'

/** A PDF from its object bodies, with a correct xref table unless `xref` rewrites it. */
export function pdfFrom(objects: (string | Uint8Array)[], xref?: (offsets: number[]) => number[]): Uint8Array {
  const parts: Uint8Array[] = []
  let length = 0
  const push = (p: string | Uint8Array) => {
    const bytes = typeof p === 'string' ? Buffer.from(p, 'latin1') : p
    parts.push(bytes)
    length += bytes.length
  }
  push('%PDF-1.4\n')
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(length)
    push(`${i + 1} 0 obj\n`)
    push(body)
    push('\nendobj\n')
  })
  const start = length
  const table = xref ? xref(offsets) : offsets
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`)
  for (const offset of table) push(`${String(offset).padStart(10, '0')} 00000 n \n`)
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${start}\n%%EOF\n`)
  return Buffer.concat(parts)
}

const font = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
const page = (content: number) =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents ${content} 0 R >>`

function stream(data: Uint8Array, dict = ''): Uint8Array {
  return Buffer.concat([Buffer.from(`<< /Length ${data.length} ${dict}>>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')])
}

/** The 129-byte PDF whose page tree lists itself as its own kid. */
export function pdfLoopingPageTree(): Uint8Array {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF',
    'latin1',
  )
}

/** A page whose content stream claims FlateDecode but holds garbage. */
export function pdfBrokenFlate(): Uint8Array {
  const garbage = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 256))
  garbage[0] = 0x78
  garbage[1] = 0x9c
  return pdfFrom(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(5), font, stream(garbage, '/Filter /FlateDecode ')])
}

/** A small text PDF whose xref entries point into the middle of other objects. */
export function pdfBadXref(): Uint8Array {
  const text = Buffer.from('BT /F1 12 Tf 72 720 Td (2024 annual report) Tj ET', 'latin1')
  return pdfFrom(
    ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(5), font, stream(text)],
    (offsets) => offsets.map((o, i) => (i === 1 ? 999_999 : o + 3)),
  )
}

/**
 * Deflate data of `total` bytes of spaces without ever holding them: one
 * self-contained segment (ending in a sync flush) repeated, then an empty
 * final block. `raw`: no zlib header (zip); else zlib-wrapped (PDF).
 */
export function deflatedSpaces(total: number, raw: boolean): Uint8Array {
  const chunk = 16 * 1024 * 1024
  const segment = deflateRawSync(Buffer.alloc(chunk, 0x20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH })
  const parts: Uint8Array[] = raw ? [] : [Buffer.from([0x78, 0xda])]
  for (let n = 0; n < Math.ceil(total / chunk); n++) parts.push(segment)
  parts.push(Buffer.from([0x03, 0x00]))
  // The zlib trailer (Adler-32) is left wrong: a reader stops at the size long before checking it.
  if (!raw) parts.push(Buffer.alloc(4))
  return Buffer.concat(parts)
}

/** A PDF whose one content stream inflates to about `total` bytes. */
export function pdfFlateBomb(total = 1024 ** 3): Uint8Array {
  return pdfFrom([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page(5),
    font,
    stream(deflatedSpaces(total, false), '/Filter /FlateDecode '),
  ])
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(n)
  return b
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n >>> 0)
  return b
}

/** A zip of already-deflated entries; `declared` overrides the size the headers claim. */
export function zipOf(entries: { name: string; data: Uint8Array; size: number; declared?: number }[]): Uint8Array {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const claimed = entry.declared ?? entry.size
    const common = [u16(20), u16(0), u16(8), u16(0), u16(0x21), u32(0), u32(entry.data.length), u32(claimed), u16(name.length), u16(0)]
    const local = Buffer.concat([u32(0x04034b50), ...common, name, entry.data])
    central.push(Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]))
    locals.push(local)
    offset += local.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(directory.length), u32(offset), u16(0)])
  return Buffer.concat([...locals, directory, end])
}

/** A .docx whose word/document.xml inflates to `total` bytes; `lie`: its headers claim 4 KB. */
export function docxBomb(total = 1024 ** 3, lie = false): Uint8Array {
  const small = (text: string) => {
    const data = Buffer.from(text, 'utf8')
    return { data: deflateRawSync(data), size: data.length }
  }
  return zipOf([
    { name: '[Content_Types].xml', ...small('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'word/document.xml', data: deflatedSpaces(total, true), size: total >= 2 ** 32 ? 0xffffffff : total, ...(lie ? { declared: 4096 } : {}) },
  ])
}


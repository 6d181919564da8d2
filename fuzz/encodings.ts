/**
 * Re-encode text the way files arrive from other systems: GBK (older
 * Windows editors and sites), UTF-16 with and without a byte order mark,
 * Latin-1 mojibake. Node decodes GBK but does not encode it, so the table
 * is built once from the decoder (every two-byte GBK code).
 */
let gbk: Map<string, [number, number]> | undefined

function gbkTable(): Map<string, [number, number]> {
  if (gbk) return gbk
  gbk = new Map()
  const decoder = new TextDecoder('gbk', { fatal: true })
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      try {
        const ch = decoder.decode(new Uint8Array([lead, trail]))
        if (ch.length === 1 && !gbk.has(ch)) gbk.set(ch, [lead, trail])
      } catch {
        // not a GBK code
      }
    }
  }
  return gbk
}

/** GBK bytes of `text`; characters GBK lacks become `?`. */
export function encodeGbk(text: string): Uint8Array {
  const table = gbkTable()
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80) out.push(code)
    else {
      const pair = table.get(ch)
      if (pair) out.push(pair[0], pair[1])
      else out.push(0x3f)
    }
  }
  return Uint8Array.from(out)
}

export function encodeUtf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le')
  if (endian === 'le') return new Uint8Array(le)
  const be = new Uint8Array(le.length)
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1]!
    be[i + 1] = le[i]!
  }
  return be
}

/** UTF-8 bytes read as Latin-1 and written out again as UTF-8: the classic mojibake. */
export function mojibake(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.from(Buffer.from(bytes).toString('latin1'), 'utf8'))
}

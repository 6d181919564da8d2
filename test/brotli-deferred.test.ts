import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { test } from 'node:test'
import { brotliCompressSync } from 'node:zlib'
import { pdfmake } from '../src/render/pdf/fonts.js'

test('brotli (WOFF2 only) is loaded on first use, not with fontkit, and then decompresses as itself', () => {
  pdfmake()
  const req = createRequire(import.meta.url)
  const fontkit = req.resolve('fontkit', { paths: [dirname(req.resolve('pdfkit'))] })
  const decoder = req.resolve('brotli/dec/decode.js', { paths: [dirname(fontkit)] })
  const entry = req.resolve('brotli/decompress.js', { paths: [dirname(fontkit)] })
  assert.ok(req.cache[fontkit], 'fontkit is loaded')
  assert.equal(req.cache[decoder], undefined, 'the decoder is not loaded yet')

  // What fontkit calls for a WOFF2 table: the stand-in, which loads the real decoder now.
  const decompress = req.cache[entry]!.exports as (buffer: Uint8Array, size?: number) => Uint8Array
  const text = Buffer.from('政府信息公开工作年度报告 '.repeat(200))
  const out = decompress(brotliCompressSync(text), text.length)
  assert.ok(req.cache[decoder], 'loaded on first use')
  assert.ok(Buffer.from(out).equals(text))
  assert.ok(Buffer.from(decompress(brotliCompressSync(text), text.length)).equals(text), 'and again')
})

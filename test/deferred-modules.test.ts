import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { test } from 'node:test'
import { createHash } from 'node:crypto'
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

test('encryption hashes and ciphers and the PNG decoder are not loaded for a PDF, and work as themselves when used', async () => {
  const { renderPdf } = await import('../src/render/pdf/index.js')
  const { VFile } = await import('vfile')
  const pdf = await renderPdf('<!doctype html><html lang="zh-CN"><head><title>例</title></head><body><h1 class="report-title">例</h1><p>正文</p></body></html>', new VFile())
  assert.ok(pdf && pdf.length > 1000, 'a PDF is made')
  const req = createRequire(import.meta.url)
  const from = { paths: [dirname(req.resolve('pdfkit'))] }
  const real = (request: string) => req.cache[req.resolve(request, from)]
  for (const request of ['@noble/hashes/utils', '@noble/hashes/sha2', '@noble/ciphers/aes', 'png-js']) {
    // A stand-in is a proxy: its source reads as native code without loading anything; the real module's would be its own.
    assert.match(Function.prototype.toString.call(real(request)?.exports), /\[native code\]/, `${request}: not loaded, the stand-in is in place`)
  }
  // What pdfkit's encryption would call: the stand-ins load the real modules and answer as they do.
  const sha2 = real('@noble/hashes/sha2')!.exports as { sha256(data: Uint8Array): Uint8Array }
  const utils = real('@noble/hashes/utils')!.exports as { concatBytes(...parts: Uint8Array[]): Uint8Array }
  const data = Buffer.from('政府信息公开')
  assert.equal(Buffer.from(sha2.sha256(data)).toString('hex'), createHash('sha256').update(data).digest('hex'))
  assert.deepEqual([...utils.concatBytes(new Uint8Array([1]), new Uint8Array([2, 3]))], [1, 2, 3])
  // The PNG decoder is a class: constructing the stand-in constructs it.
  const PNG = real('png-js')!.exports as new (data: Uint8Array) => object
  assert.throws(() => new PNG(new Uint8Array(8)))
  assert.equal(typeof (real('png-js')!.exports as { decode?: unknown }).decode, 'function')
})

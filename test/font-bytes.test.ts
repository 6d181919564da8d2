import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fontMagic, readFontBytes, shareFontBytes, useSharedFontBytes } from '../src/render/pdf/font-bytes.js'
import { defaultFontFiles } from '../src/render/pdf/fonts.js'

test('fonts read by the main thread are shared with workers, not copied, and missing files are left to the worker', () => {
  const path = defaultFontFiles.sans.bold
  const missing = join(import.meta.dirname, 'no-such-font.ttf')
  const shared = shareFontBytes([path, missing])
  assert.deepEqual(Object.keys(shared), [path])
  assert.ok(shared[path] instanceof SharedArrayBuffer)
  assert.ok(Buffer.from(shared[path]!).equals(readFileSync(path)), 'the whole file, byte for byte')
  // The main thread's own PDFs (the roll-up's) use the shared memory too: no second copy.
  assert.equal(readFontBytes(path).buffer, shared[path])

  // A worker: a path handed over is never read from disk (here it does not even exist).
  const elsewhere = join(import.meta.dirname, 'handed-over.ttf')
  useSharedFontBytes({ [elsewhere]: shared[path]! })
  const bytes = readFontBytes(elsewhere)
  assert.equal(bytes.buffer, shared[path], 'a view of the shared memory')
  assert.equal(readFontBytes(elsewhere), bytes, 'the same Buffer every time (fontkit memoizes on it)')
  assert.equal(fontMagic(elsewhere).toString('hex'), bytes.subarray(0, 4).toString('hex'))
})

test('the format tag of a font file is read without the rest of the file', () => {
  assert.equal(fontMagic(defaultFontFiles.serif.normal).toString('hex'), '00010000')
  assert.throws(() => fontMagic(join(import.meta.dirname, 'no-such-font.ttf')), { code: 'ENOENT' })
})

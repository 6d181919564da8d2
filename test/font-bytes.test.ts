import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
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
  // Read sparsely (sparse-font.ts): the file's size, its table directory as in the file.
  const file = readFileSync(path)
  assert.equal(shared[path]!.byteLength, file.byteLength)
  const directory = 12 + 16 * file.readUInt16BE(4)
  assert.ok(Buffer.from(shared[path]!, 0, directory).equals(file.subarray(0, directory)))
  // The main thread's own PDFs (the roll-up's) use the shared memory too: no second copy.
  assert.equal(readFontBytes(path).buffer, shared[path])
  assert.equal(shareFontBytes([path])[path], shared[path], 'read once per process')

  // A worker: a path handed over is not read again; only its glyphs will be, into the shared memory.
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-fonts-'))
  const elsewhere = join(dir, 'handed-over.ttf')
  copyFileSync(path, elsewhere)
  useSharedFontBytes({ [elsewhere]: shared[path]! })
  const bytes = readFontBytes(elsewhere)
  assert.equal(bytes.buffer, shared[path], 'a view of the shared memory')
  assert.equal(readFontBytes(elsewhere), bytes, 'the same Buffer every time (fontkit memoizes on it)')
  assert.equal(fontMagic(elsewhere).toString('hex'), bytes.subarray(0, 4).toString('hex'))
  // A worker that cannot open the file (to read its glyphs) does not take the memory: it reads, and says why.
  const gone = join(dir, 'gone.ttf')
  useSharedFontBytes({ [gone]: shared[path]! })
  assert.throws(() => readFontBytes(gone), { code: 'ENOENT' })
})

test('the format tag of a font file is read without the rest of the file', () => {
  assert.equal(fontMagic(defaultFontFiles.serif.normal).toString('hex'), '00010000')
  assert.throws(() => fontMagic(join(import.meta.dirname, 'no-such-font.ttf')), { code: 'ENOENT' })
})

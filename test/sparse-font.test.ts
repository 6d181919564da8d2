import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { test } from 'node:test'
import { buildTree } from '../src/build/build-tree.js'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { defaultFontFiles } from '../src/render/pdf/fonts.js'
import { adoptSparseFont, ensureGlyph, readSparseFont } from '../src/render/pdf/sparse-font.js'

const root = join(import.meta.dirname, '..')

test('a TrueType file is read without its outlines: every other table is there, the outlines are not', () => {
  const path = defaultFontFiles.serif.normal
  const whole = readFileSync(path)
  const bytes = readSparseFont(path)!
  assert.equal(bytes.length, whole.length)
  const count = whole.readUInt16BE(4)
  let outlines = 0
  for (let i = 0; i < count; i++) {
    const tag = whole.toString('latin1', 12 + 16 * i, 16 + 16 * i)
    const offset = whole.readUInt32BE(20 + 16 * i)
    const length = whole.readUInt32BE(24 + 16 * i)
    if (tag === 'glyf') outlines = length
    else assert.ok(bytes.subarray(offset, offset + length).equals(whole.subarray(offset, offset + length)), `table ${tag}`)
  }
  assert.ok(outlines > 0.9 * whole.length, 'the outlines are most of the file')
  const read = bytes.reduce((n, b) => n + (b === 0 ? 0 : 1), 0)
  assert.ok(read < 0.05 * whole.length, `only the tables are read (${read} non-zero bytes of ${whole.length})`)
})

test('a file that is not a plain TrueType font is left to be read whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-sparse-'))
  const notFont = join(dir, 'a.ttf')
  writeFileSync(notFont, 'OTTO' + 'x'.repeat(100))
  assert.equal(readSparseFont(notFont), undefined)
  // A directory that points past the end of the file.
  const cut = join(dir, 'cut.ttf')
  writeFileSync(cut, readFileSync(defaultFontFiles.sans.normal).subarray(0, 4096))
  assert.equal(readSparseFont(cut), undefined)
})

test('hostile offsets read nothing past the end of the file, and a file replaced since is not taken over', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-sparse-'))
  const path = join(dir, 'font.ttf')
  copyFileSync(defaultFontFiles.sans.normal, path)
  const bytes = readSparseFont(path)!
  const before = Buffer.from(bytes)
  // A damaged loca: glyph 1 runs from the last byte far past the end; glyph 2 backwards.
  const font = { stream: { buffer: bytes }, loca: { offsets: [0, bytes.length - 1, 4 * bytes.length, 0] } }
  ensureGlyph(font, 1)
  ensureGlyph(font, 2)
  assert.equal(bytes.length, before.length)
  // The shared copy of another thread, after the file was replaced by a shorter one.
  writeFileSync(path, readFileSync(defaultFontFiles.sans.normal).subarray(0, 1 << 20))
  assert.equal(adoptSparseFont(path, Buffer.from(bytes)), false)
  assert.equal(adoptSparseFont(join(dir, 'gone.ttf'), Buffer.from(bytes)), false)
})

test('the seeds render to the same bytes with fonts read glyph by glyph as with whole files', async () => {
  const files = (await validatePaths([join(root, 'content')])).filter((f) => f.data.report)
  assert.ok(files.length >= 5)
  const sparse: string[] = []
  for (const file of files) {
    const pdf = await renderPdf((await renderHtml(file))!, file)
    sparse.push(createHash('sha256').update(pdf!).digest('hex'))
  }
  // Another process, handed whole files in shared memory first.
  const script = `
    import { createHash } from 'node:crypto'
    import { readFileSync } from 'node:fs'
    import { useSharedFontBytes } from ${JSON.stringify(join(root, 'src/render/pdf/font-bytes.ts'))}
    import { defaultFontFiles } from ${JSON.stringify(join(root, 'src/render/pdf/fonts.ts'))}
    import { validatePaths } from ${JSON.stringify(join(root, 'src/pipeline.ts'))}
    import { renderHtml } from ${JSON.stringify(join(root, 'src/render/html.ts'))}
    import { renderPdf } from ${JSON.stringify(join(root, 'src/render/pdf/index.ts'))}
    const { serif, sans } = defaultFontFiles
    const whole = {}
    for (const path of [serif.normal, serif.bold, sans.normal, sans.bold]) {
      const bytes = readFileSync(path)
      whole[path] = new SharedArrayBuffer(bytes.length)
      new Uint8Array(whole[path]).set(bytes)
    }
    useSharedFontBytes(whole)
    const files = (await validatePaths([${JSON.stringify(join(root, 'content'))}])).filter((f) => f.data.report)
    for (const file of files) console.log(createHash('sha256').update((await renderPdf((await renderHtml(file)), file))).digest('hex'))
  `
  const whole = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }).trim().split('\n')
  assert.deepEqual(sparse, whole)

  // A whole-tree build's workers, which read their glyphs into memory shared with each other.
  const out = mkdtempSync(join(tmpdir(), 'nianbao-sparse-build-'))
  const summary = await buildTree({ root: join(root, 'content'), outDir: out, targets: ['pdf'], jobs: 2, tty: false, stdout: () => {}, stderr: () => {} })
  assert.equal(summary.failed, 0)
  const built = files.map((f) => createHash('sha256').update(readFileSync(join(out, basename(dirname(f.path)), `${f.data.report!.meta.year}`, 'report.pdf'))).digest('hex'))
  assert.deepEqual(built, sparse)

  // A long-lived process (a preview, the language server) builds again and again: the font files
  // stay open once each here, and what a worker opened closes with it.
  const fonts = new Set(Object.values(defaultFontFiles).flatMap((f) => [f.normal, f.bold]))
  const openFonts = () => readdirSync('/proc/self/fd').filter((fd) => { try { return fonts.has(readlinkSync(`/proc/self/fd/${fd}`)) } catch { return false } }).length
  const before = openFonts()
  assert.ok(before <= 2 * fonts.size, `${before} font files open`)
  await buildTree({ root: join(root, 'content'), outDir: out, targets: ['pdf'], jobs: 2, force: true, tty: false, stdout: () => {}, stderr: () => {} })
  assert.equal(openFonts(), before)
})

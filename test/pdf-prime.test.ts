/**
 * The Han characters of a text laid out ahead in one fontkit call
 * (speedups.ts `primeHan`) are laid out exactly as each one alone; words of
 * mixed text that recur across documents are shaped once per process, up to a bound.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { test } from 'node:test'
import { defaultFontFiles, fontSet, pdfmake } from '../src/render/pdf/fonts.js'
import { installPdfPatches } from '../src/render/pdf/patches.js'
import { pdfmakeInternal } from '../src/render/pdf/pdfmake-internals.js'
import { primeHan, WORD_LENGTH, WORDS_KEPT, WORDS_SEEN, wordLayoutStats } from '../src/render/pdf/speedups.js'

interface Run {
  glyphs: { id: number }[]
  positions: ({ xAdvance: number } & Record<string, number>)[]
  advanceWidth: number
}
interface Embedded {
  font: object
  layoutRun(text: string): Run
}

const seeds = join(import.meta.dirname, 'fixtures', 'seeds')

/** pdfkit's own embedded font for `file` (the class pdfmake draws with). */
function embeddedFont(file: string): Embedded {
  pdfmake()
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as new () => { font(src: Buffer): unknown; _font: Embedded }
  const doc = new PDFDocument()
  doc.font(readFileSync(file))
  return doc._font
}

const plain = (run: Run) => ({ ids: run.glyphs.map((g) => g.id), positions: run.positions.map((p) => ({ ...p })), advanceWidth: run.advanceWidth })

for (const [role, file] of [['regular', defaultFontFiles.serif.normal], ['bold sans', defaultFontFiles.sans.bold]] as const) {
  test(`every Han character of the seeds laid out ahead equals its layout alone (${role})`, () => {
    const embedded = embeddedFont(file)
    const text = readdirSync(seeds).map((name) => readFileSync(join(seeds, name), 'utf8')).join('')
    const common = new Map<string, unknown>()
    primeHan(embedded, text, common)
    // The seeds hold 662 distinct Han characters and CJK punctuation marks: none is moved or replaced in context.
    assert.equal(common.size, 662)
    for (const [ch, run] of common) assert.deepEqual(plain(run as Run), plain(embedded.layoutRun(ch)), ch)
    // Latin letters and digits are shaped in context: never laid out ahead.
    assert.equal([...common.keys()].some((ch) => /[A-Za-z0-9]/.test(ch)), false)
  })
}

test('a character the call moved or replaced is left to be laid out alone; known ones are not laid out again', () => {
  const real = embeddedFont(defaultFontFiles.serif.normal)
  const kerned: Embedded = {
    font: real.font,
    layoutRun(text) {
      const run = real.layoutRun(text)
      // As a kerning pair would: the first character's advance changed.
      run.positions[0]!.xAdvance -= 50
      // As a contextual substitution would: the third is another glyph.
      run.glyphs[2] = run.glyphs[1]!
      return run
    },
  }
  const common = new Map<string, unknown>([['年', 'known']])
  primeHan(kerned, '政府年信息公开', common)
  assert.deepEqual([...common.keys()].sort(), ['年', '公', '开', '府', '息'].sort())
  assert.equal(common.get('年'), 'known')
  assert.equal(common.has('政'), false, 'moved')
  assert.equal(common.has('信'), false, 'replaced')
  // One new character is laid out when it comes, as before.
  const single = new Map<string, unknown>()
  primeHan(real, '政', single)
  assert.equal(single.size, 0)
})

/** A document as pdfmake makes one (its provideFont carries the speed-ups), with the default serif. */
function pdfmakeDocument(): { provideFont(family: string, bold: boolean, italics: boolean): Embedded & { layoutCached(text: string): Run } } {
  const pm = pdfmake()
  installPdfPatches()
  const PDFDocument = pdfmakeInternal<new (...args: unknown[]) => ReturnType<typeof pdfmakeDocument>>('PDFDocument')
  return new PDFDocument(fontSet().dictionary, {}, {}, {}, {}, pm.virtualfs)
}

test('a word of mixed text met by a second document is kept for the process, up to WORDS_KEPT words; one met once is not', () => {
  const body = () => pdfmakeDocument().provideFont('body', false, false)
  const label = `1.属于国家秘密${process.pid}`
  const [first, second, third] = [body(), body(), body()]
  assert.notEqual(second, first, 'another document, another embedded font')
  const before = { ...wordLayoutStats }
  // Met by one document only (twice): laid out in that document, not kept.
  const own = first.layoutCached(label)
  assert.equal(first.layoutCached(label), own, "the document's own cache")
  assert.equal(wordLayoutStats.kept - before.kept, 0)
  // Met by a second document: kept, and the next document reuses it.
  const run = second.layoutCached(label)
  assert.equal(wordLayoutStats.kept - before.kept, 1)
  assert.equal(third.layoutCached(label), run, 'reused by the third document')
  assert.equal(wordLayoutStats.reused - before.reused, 1)
  // Shaped as fontkit shapes it: digits and the full stop in context, not put together character by character.
  assert.deepEqual(plain(run), plain(first.layoutRun(label)))
  assert.deepEqual(plain(own), plain(run))
  // A word longer than WORD_LENGTH stays with its document, however often it comes.
  const long = `${'A'.repeat(WORD_LENGTH)}${process.pid}`
  first.layoutCached(long)
  second.layoutCached(long)
  assert.equal(wordLayoutStats.kept - before.kept, 1)
  // Bounded: past WORDS_KEPT words, a recurring word stays in each document's own cache.
  for (let i = 0; wordLayoutStats.kept < WORDS_KEPT + 10 && i < WORDS_KEPT + 10; i++) {
    first.layoutCached(`x${i}-${process.pid}`)
    second.layoutCached(`x${i}-${process.pid}`)
  }
  const late = `late-${process.pid}`
  first.layoutCached(late)
  const lateRun = second.layoutCached(late)
  assert.notEqual(third.layoutCached(late), lateRun, 'not kept for the next document')
  assert.deepEqual(plain(lateRun), plain(second.layoutRun(late)))
  assert.ok(WORDS_SEEN >= WORDS_KEPT)
})

/**
 * Lines drawn with their inlines joined (src/render/pdf/speedups.ts
 * `mergeInlines`): fewer text showings, the same pages. And streams deflated
 * with zlib's larger hash table (speedups-stack.ts).
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { deflateSync, inflateSync } from 'node:zlib'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'
import { renderPdf } from '../src/render/pdf/index.js'
import { drawing, mergeInlines } from '../src/render/pdf/speedups.js'

const root = join(import.meta.dirname, '..')

/** A justified line as pdfmake leaves it: each inline after the first moved right by `shift` times its index. */
function justified(texts: string[], shift: number) {
  const font = {}
  let x = 0
  return texts.map((text, i) => {
    const width = 16 * text.length
    const inline = { text, x: x + i * shift, width, font, fontSize: 16, color: 'black', opacity: 1, characterSpacing: 0, ...(i > 0 ? { justifyShift: shift } : {}) }
    x += width
    return inline
  })
}

test('on a justified line, single Han characters join with the shift as character spacing; shaped text does not', () => {
  const joined = mergeInlines(justified(['汝', '州', '，', '“', '市', '卫', '300', '年'], 0.25))
  assert.deepEqual(
    joined.map((i) => [i.text, i.characterSpacing]),
    [
      ['汝州，', 0.25],
      ['“', 0],
      ['市卫', 0.25],
      ['300', 0],
      ['年', 0],
    ],
    'a quotation mark is kerned with its neighbours, and spacing inside 300 would move its digits',
  )
  assert.equal(joined[0]!.width, 16 * 3 + 0.25 * 2, 'from the first character to the end of the last')
  // Not justified: plain neighbours join whatever their text (as before).
  assert.deepEqual(mergeInlines(justified(['汝', '“', '300'], 0)).map((i) => i.text), ['汝“300'])
})

/** Text showings (TJ) in the PDF's page content streams. */
function textShowings(pdf: Uint8Array): number {
  const bytes = Buffer.from(pdf)
  const latin = bytes.toString('latin1')
  let count = 0
  for (const m of latin.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length
    let content: string
    try {
      content = inflateSync(bytes.subarray(start, start + Number(m[1]))).toString('latin1')
    } catch {
      continue
    }
    count += content.match(/\] TJ/g)?.length ?? 0
  }
  return count
}

const tool = (name: string) => {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

test('a report draws half as many text showings, and its pages are the same pixels', async (t) => {
  const [file] = await validatePaths([join(root, 'content', 'ruzhou-wsjkw', '2024.md')])
  const html = (await renderHtml(file!))!
  const joined = (await renderPdf(html, file!))!
  drawing.joinInlines = false
  let apart: Uint8Array
  try {
    apart = (await renderPdf(html, file!))!
  } finally {
    drawing.joinInlines = true
  }
  const [few, many] = [textShowings(joined), textShowings(apart)]
  assert.ok(many > 0 && few < many / 1.8, `${few} text showings joined, ${many} apart`)
  if (!tool('pdftoppm')) return t.skip('poppler-utils (pdftoppm) not installed; .ci/run installs it')
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-join-'))
  await writeFile(join(dir, 'joined.pdf'), joined)
  await writeFile(join(dir, 'apart.pdf'), apart)
  for (const name of ['joined', 'apart']) execFileSync('pdftoppm', ['-r', '200', '-gray', join(dir, `${name}.pdf`), join(dir, name)])
  const pages = (await readdir(dir)).filter((f) => f.startsWith('joined-')).sort()
  assert.ok(pages.length >= 5)
  for (const page of pages) {
    const [a, b] = await Promise.all([readFile(join(dir, page)), readFile(join(dir, page.replace('joined', 'apart')))])
    assert.ok(a.equals(b), `${page}: not the same pixels`)
  }
})

test('every stream is deflated at the default level with memLevel 9, and inflates to what was written', async () => {
  const [file] = await validatePaths([join(root, 'content', 'ruzhou-wsjkw', '2024.md')])
  const bytes = Buffer.from((await renderPdf((await renderHtml(file!))!, file!))!)
  let streams = 0
  let largest = 0
  // Each stream's dictionary, to its Length; those without a filter (the XMP metadata) are stored as they are.
  for (const m of bytes.toString('latin1').matchAll(/<<((?:(?!<<|>>)[\s\S])*?\/Length (\d+)(?:(?!<<|>>)[\s\S])*)>>\s*stream\r?\n/g)) {
    if (!m[1]!.includes('/FlateDecode')) continue
    const start = m.index! + m[0].length
    const stored = bytes.subarray(start, start + Number(m[2]))
    const data = inflateSync(stored)
    assert.ok(Buffer.from(deflateSync(data, { memLevel: 9 })).equals(stored), 'deflated as the renderer says')
    streams++
    largest = Math.max(largest, data.length)
  }
  assert.ok(streams >= 10 && largest > 50_000, `${streams} streams, the largest (the body font's subset) ${largest} bytes`)
})

/**
 * Long runs in the PDF (issues 14.9, 15.6): a long Chinese paragraph, an
 * unbreakable ASCII token, a long inline code span and a run of h4–h6
 * headings render with every character in order, and the layout work grows
 * linearly with the run. Work is counted (lines, inlines placed, look-ahead
 * steps, characters measured, layout passes), not timed: times are in
 * `node --import tsx bench/long-runs.ts` and `npm run bench`.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { longRunHtml, renderLongRun, runText, type LongRunShape } from '../bench/long-runs.js'
import { VFile } from 'vfile'
import { renderPdf } from '../src/render/pdf/index.js'
import { cutLongRuns, layoutStats, LONG_RUN, type Word } from '../src/render/pdf/line-builder.js'
import { plainText, readPdf } from './util/pdf-text.js'

/** Printed text without page numbers and whitespace. */
async function printed(pdf: Uint8Array): Promise<string> {
  const text = await readPdf(pdf)
  return plainText(text.items.filter((i) => !/^—\s*\d+\s*—$/.test(i.text.trim())))
}

/** The layout work of one render. */
async function work(shape: LongRunShape, n: number): Promise<{ steps: number; lines: number; passes: number }> {
  const before = { ...layoutStats }
  await renderLongRun(shape, n)
  return {
    steps:
      layoutStats.inlinesPlaced - before.inlinesPlaced + (layoutStats.fitSteps - before.fitSteps) + (layoutStats.charsMeasured - before.charsMeasured),
    lines: layoutStats.lines - before.lines,
    passes: layoutStats.passes - before.passes,
  }
}

for (const shape of ['han', 'token', 'code'] as const) {
  test(`a ${shape} run of 10,000 characters is printed whole and in order`, async () => {
    const pdf = await renderLongRun(shape, 10000)
    const text = await printed(pdf)
    assert.ok(text.includes(runText(shape, 10000)), `every character of the ${shape} run, in order`)
  })

  test(`layout work for a ${shape} run grows linearly (2,000 → 8,000 characters)`, async () => {
    const small = await work(shape, 2000)
    const large = await work(shape, 8000)
    // Four times the text: about four times the work (pdfmake's own builder did 16×).
    const ratio = large.steps / small.steps
    assert.ok(ratio > 3 && ratio < 4.6, `work ratio ${ratio.toFixed(2)} (${small.steps} → ${large.steps})`)
    assert.ok(large.lines / small.lines < 4.6, 'lines')
  })
}

test('200 h4–h6 headings: one layout pass, every heading printed, no page of headings only', async () => {
  const before = layoutStats.passes
  const pdf = await renderLongRun('headings', 200)
  assert.equal(layoutStats.passes - before, 1, 'no page break forced before a heading that starts its page')
  const text = await readPdf(pdf)
  const all = plainText(text.items)
  for (let i = 1; i <= 200; i++) assert.ok(all.includes(`第${i}个小标题`), `heading ${i}`)
  assert.ok(text.pages <= 12, `${text.pages} pages for 200 one-line headings`)
})

test('a heading at the foot of a page still moves to the next page with its text', async () => {
  // One-line paragraphs fill the page to about its last line, then a heading and its paragraph.
  let moved = 0
  for (let k = 0; k < 6; k++) {
    const passes = layoutStats.passes
    const lines = Array.from({ length: 17 + k }, () => '<p>正文一行。</p>').join('')
    const html = longRunHtml('han', 10).replace('<p>', `${lines}<h3>（一）小标题</h3><p>`)
    const pdf = await renderPdf(html, new VFile({ path: 'x/2024.md' }))
    assert.ok(pdf)
    const text = await readPdf(pdf)
    const heading = text.items.find((i) => i.text.includes('小标题'))!
    const after = text.items.filter((i) => i.page === heading.page && i.y < heading.y && !/^—/.test(i.text.trim()))
    assert.ok(after.length > 0, `heading after ${17 + k} lines is followed by text on its page ${heading.page}`)
    if (layoutStats.passes - passes > 1) moved++
  }
  assert.ok(moved > 0, 'in at least one case the heading fell at the foot of a page and was moved')
})

test('cutting long runs keeps every character and ties only the last piece to what follows', () => {
  const word = { text: 'x'.repeat(LONG_RUN + 5) + '😀', noNewLine: true, bold: true }
  const pieces = cutLongRuns<Word>([{ text: '甲' }, word])
  assert.equal(pieces.map((p) => p.text).join(''), '甲' + word.text)
  assert.equal(pieces.at(-1)!.text, '😀', 'a surrogate pair stays one piece')
  assert.ok(pieces.slice(1, -1).every((p) => !p.noNewLine && (p as { bold?: boolean }).bold === true))
  assert.equal(pieces.at(-1)!.noNewLine, true)
  const short = [{ text: 'y'.repeat(LONG_RUN) }]
  assert.equal(cutLongRuns(short), short, 'runs up to the limit are left alone')
})

/**
 * The PDF thread of a one-report build (src/build/pdf-thread.ts): the same
 * bytes and the same messages as rendering in the main thread, a fallback
 * when the thread is gone, and the argument reading that starts it early
 * (src/cli/early-pdf.ts).
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { VFile } from 'vfile'
import { PdfThread } from '../src/build/pdf-thread.js'
import { isPdfBuild } from '../src/cli/early-pdf.js'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'
import { renderPdf } from '../src/render/pdf/index.js'

const root = join(import.meta.dirname, '..')

test('the thread renders the same bytes as the main thread, and its messages land on the report', async () => {
  const [file] = await validatePaths([join(root, 'content', 'ruzhou-wsjkw', '2024.md')])
  const html = (await renderHtml(file!))!
  const thread = new PdfThread()
  try {
    const here = await renderPdf(html, file!)
    const there = await thread.render(html, file!)
    assert.ok(here && there)
    assert.equal(Buffer.compare(Buffer.from(here), Buffer.from(there)), 0, 'byte-identical')

    // A broken config above the report: the thread's diagnostic comes back, in the report's language.
    const dir = await mkdtemp(join(tmpdir(), 'nianbao-pdf-thread-'))
    await mkdir(join(dir, 'agency'))
    await writeFile(join(dir, 'nianbao.config.json'), '{ "pdf": { "fonts": { "body": 3 } } }')
    const bad = new VFile({ path: join(dir, 'agency', '2024.md') })
    bad.data.lang = 'en'
    assert.equal(await thread.render(html, bad), undefined)
    assert.equal(bad.messages.length, 1)
    assert.equal(bad.messages[0]!.ruleId, 'pdf-config-valid')
    assert.equal(bad.messages[0]!.fatal, true)
    assert.match(bad.messages[0]!.reason, /^The configuration file .*nianbao\.config\.json is invalid/, 'in English, as the report asked')
  } finally {
    await thread.close()
  }
})

test('without its thread (closed or dead), the PDF is rendered in the main thread', async () => {
  const html = await readFile(join(root, 'test', 'fixtures', 'pdf', 'contract-report', 'input.html'), 'utf8')
  const thread = new PdfThread()
  await thread.close()
  const file = new VFile({ path: 'agency/2024.md' })
  const pdf = await thread.render(html, file)
  assert.ok(pdf && Buffer.from(pdf.subarray(0, 5)).toString('latin1') === '%PDF-')
})

test('the command line starts the thread early only for named reports built to PDF or a bundle', () => {
  assert.equal(isPdfBuild(['build', 'a/2024.md', '--to', 'pdf']), true)
  assert.equal(isPdfBuild(['build', '--to=html,bundle', 'a/2024.md']), true)
  assert.equal(isPdfBuild(['build', '--out', 'x', '--to', 'pdf', 'a/2024.md', '--force']), true)
  assert.equal(isPdfBuild(['build', 'a/2024.md']), false, 'HTML only, by default')
  assert.equal(isPdfBuild(['build', 'a/2024.md', '--to', 'html,docx']), false)
  assert.equal(isPdfBuild(['build', '--to', 'pdf']), false, 'the whole tree has its own workers')
  assert.equal(isPdfBuild(['build', '--out', 'pdf', '--to', 'pdf']), false, 'an option value is not a path')
  assert.equal(isPdfBuild(['validate', 'a/2024.md', '--to', 'pdf']), false)
  assert.equal(isPdfBuild(['build', '--', 'a/2024.md', '--to', 'pdf']), false, 'unsure: no')
})

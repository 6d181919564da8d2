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

test('a one-report build sends the page as soon as the report is parsed, and takes that PDF only for the same page', async () => {
  const { speculatePdf } = await import('../src/cli/speculative-pdf.js')
  const path = join(root, 'content', 'ruzhou-wsjkw', '2024.md')
  const thread = new PdfThread()
  try {
    const hook = speculatePdf(thread, {})
    const seen: { path: string; checked: boolean }[] = []
    const [file] = await validatePaths([path], {
      onLoaded: async (f) => {
        seen.push({ path: f.path, checked: f.data.previousReport !== undefined })
        await hook(f)
      },
    })
    assert.deepEqual(seen, [{ path, checked: false }], 'once, for the named report only (not last year’s), before the checks')
    assert.ok(file!.data.previousReport, 'last year’s report was read after')
    assert.equal(thread.jobsSent, 1, 'sent before the build asked')
    const html = (await renderHtml(file!))!
    const there = await thread.render(html, file!)
    assert.equal(thread.jobsSent, 1, 'the same page: the PDF already under way is taken')
    const here = await renderPdf(html, file!)
    assert.equal(Buffer.compare(Buffer.from(here!), Buffer.from(there!)), 0)

    // Another page (the report changed between parse and build, say): rendered afresh, never the stale PDF.
    await hook(file!) // a second call starts nothing
    assert.equal(thread.jobsSent, 1)
    thread.speculate(html, file!)
    const other = html.replace('</body>', '<p>另一页</p></body>')
    const otherPdf = await thread.render(other, file!)
    assert.equal(thread.jobsSent, 3)
    assert.equal(Buffer.compare(Buffer.from(otherPdf!), Buffer.from((await renderPdf(other, file!))!)), 0)
  } finally {
    await thread.close()
  }
})

test('the early page’s own problems are not the report’s: a broken agency template is said once, by the build', async () => {
  const { speculatePdf } = await import('../src/cli/speculative-pdf.js')
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-speculate-'))
  await mkdir(join(dir, 'agency', 'templates'), { recursive: true })
  await writeFile(join(dir, 'agency', '2024.md'), await readFile(join(root, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8'))
  await writeFile(join(dir, 'agency', 'templates', 'report.hbs'), '{{#if}}')
  const thread = new PdfThread()
  try {
    const [file] = await validatePaths([join(dir, 'agency', '2024.md')], { onLoaded: speculatePdf(thread, {}) })
    assert.equal(thread.jobsSent, 0, 'no page, nothing sent')
    assert.equal(file!.messages.filter((m) => m.ruleId?.startsWith('template-')).length, 0, 'the early merge said nothing on the report')
    assert.equal(await renderHtml(file!), undefined)
    assert.equal(file!.messages.filter((m) => m.ruleId?.startsWith('template-')).length, 1, 'the build’s merge says it, once')
  } finally {
    await thread.close()
  }
})

/**
 * The importer's and the language server's limits are entries of
 * src/limits.ts like every other (issue 14, "limits as data"): each hit is
 * its own rule with the figure and the limit, and the readers take their
 * values from there. Inputs are generated here, never committed.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { zipSync } from 'fflate'
import { catalog } from '../src/diagnostics/catalog.js'
import { importBytes } from '../src/import/index.js'
import { readInput } from '../src/import/read-input.js'
import { limitMessage } from '../src/limit-messages.js'
import { limitDefinitions, limits } from '../src/limits.js'
import { MAX_DOCUMENT_CHARS } from '../src/lsp/bounds.js'
import { defaultSettings } from '../src/lsp/settings.js'

const root = join(import.meta.dirname, '..')
const dir = mkdtempSync(join(tmpdir(), 'nianbao-limits-import-'))

test('the import and editor limits are in src/limits.ts, each its own rule of its stage', () => {
  const stages = new Map<string, string>(limitDefinitions.map((d) => [d.ruleId, d.stage]))
  for (const id of ['import-file-size-limit', 'import-text-limit', 'import-lines-limit', 'import-pdf-pages-limit', 'import-pdf-items-limit']) {
    assert.equal(stages.get(id), 'import', id)
  }
  for (const id of ['import-pdf-time-limit', 'import-pdf-inflate-limit', 'import-pdf-memory-limit', 'import-docx-size-limit', 'import-docx-entries-limit']) {
    assert.equal(stages.get(id), 'import', id)
  }
  assert.equal(stages.get('document-size-limit'), 'editor')
  assert.equal(stages.get('analysis-time-limit'), 'editor')
  assert.equal(catalog.get('analysis-time-limit')?.source, 'editor')
  // The server reads its values from there.
  assert.equal(MAX_DOCUMENT_CHARS, limits.editorDocumentChars)
  assert.equal(defaultSettings.timeLimitMs, limits.editorAnalysisMillis)
})

test('a reader stopped at a limit (a time, a capped inflate) says the input is over, without a figure', () => {
  assert.equal(
    limitMessage({ key: 'editorAnalysisMillis' }, 'zh', 1),
    '编辑器内一次校验的时间超过上限 0.001 秒；已停止：文档中可能有极深的嵌套或大量括号，请检查最近的修改',
  )
  assert.match(limitMessage({ key: 'pdfMillis' }, 'en'), /^The time to read the PDF goes over the limit of 10 s; /)
  assert.match(limitMessage({ key: 'pdfPages', actual: 1200 }), /^PDF 的页数为 1,200 页，超过上限 200 页；/)
})

test('import: more lines than importLines is refused before recognition', async () => {
  const text = Array.from({ length: limits.importLines + 1 }, () => '政府信息公开').join('\n')
  const result = await importBytes(Buffer.from(text), 'long.txt')
  assert.ok('error' in result)
  assert.equal(result.limit?.key, 'importLines')
  assert.match(result.error, /^导入文件读出的行数为 100,001 行，超过上限 100,000 行/)
})

test('import: text over importTextChars is refused after decoding', async () => {
  const result = await importBytes(Buffer.from('a'.repeat(limits.importTextChars + 1)), 'huge.txt')
  assert.ok('error' in result)
  assert.equal(result.limit?.key, 'importTextChars')
  assert.match(result.error, /^导入的文本或网页的字符数为 8,388,609 个字符，超过上限 8,388,608 个字符/)
})

test('import: a file over importFileBytes is refused by its size, without being read', async () => {
  const path = join(dir, 'huge.pdf')
  // Sparse: 65 MB on paper, nothing on disk.
  writeFileSync(path, '')
  truncateSync(path, limits.importFileBytes + 1024 * 1024)
  const result = await readInput(path)
  assert.ok('error' in result)
  assert.equal(result.limit?.key, 'importFileBytes')
  assert.match(result.error, /^导入文件的大小为 65 MB，超过上限 64 MB/)
})

test('import: a .docx with more members than docxEntries gets import-docx-entries-limit from the CLI', { timeout: 60_000 }, () => {
  const files = Object.fromEntries(Array.from({ length: limits.docxEntries + 1 }, (_, i) => [`media/f${i}.bin`, new Uint8Array([i & 255])]))
  const path = join(dir, 'many.docx')
  writeFileSync(path, zipSync(files))
  const run = spawnSync(process.execPath, [join(root, 'bin', 'nianbao.js'), 'import', path, '--agency-id', 'x', '--out-dir', join(dir, 'out')], {
    encoding: 'utf8',
    cwd: dir,
  })
  assert.equal(run.status, 2, run.stdout + run.stderr)
  assert.match(run.stdout, /Word 文档（\.docx）中的文件个数为 2,001 个，超过上限 2,000 个.*import-docx-entries-limit/)
  assert.doesNotMatch(run.stderr, /内部错误|at .*\.js:\d+/)
})

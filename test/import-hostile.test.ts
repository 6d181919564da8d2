/**
 * Hostile and broken inputs (issue 15): each ends in a clear error result
 * (the `import-input-readable` diagnostic in the CLI), never an exception,
 * a hang or gigabytes of memory; and one bad input never stops the others.
 * The inputs are made by test/util/hostile-inputs.ts. Time and memory are
 * measured by bench/import.ts, not asserted here.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { importBytes } from '../src/import/index.js'
import type { LimitKey } from '../src/limits.js'
import { docxBomb, pdfBadXref, pdfBrokenFlate, pdfFlateBomb, pdfLoopingPageTree } from './util/hostile-inputs.js'

const root = new URL('..', import.meta.url).pathname

/** `limit`: the limit of src/limits.ts the input is over (its own rule id in the CLI). */
async function refused(bytes: Uint8Array, name: string, why: RegExp, limit?: LimitKey): Promise<void> {
  const result = await importBytes(bytes, name)
  assert.ok('error' in result, `${name} is refused`)
  assert.match(result.error, why)
  assert.equal(result.limit?.key, limit)
}

describe('import: broken and hostile inputs end in a clear error', () => {
  it('a 129-byte PDF whose page tree refers to itself', async () => {
    const bytes = pdfLoopingPageTree()
    assert.equal(bytes.length, 129)
    await refused(bytes, 'loop.pdf', /无法读取 PDF（.*circular/)
  })

  it('a PDF whose flate stream is broken', async () => {
    await refused(pdfBrokenFlate(), 'flate.pdf', /无法读取 PDF（.*flate/i)
  })

  it('a PDF whose xref entries point into the wrong places', async () => {
    // pdfjs rebuilds the xref and reads the one line of text, which is no report.
    await refused(pdfBadXref(), 'xref.pdf', /不像是政府信息公开工作年度报告|无法读取 PDF/)
  })

  it('a PDF whose content stream inflates to a gigabyte', async () => {
    await refused(pdfFlateBomb(), 'bomb.pdf', /PDF 中压缩数据解压后的大小超过上限 64 MB；.*压缩炸弹/, 'pdfStreamBytes')
  })

  it('a .docx whose document.xml inflates to a gigabyte, declared in its headers', async () => {
    await refused(docxBomb(), 'bomb.docx', /解压后的大小为 1024 MB（1,073,741,922 字节），超过上限 32 MB；.*压缩炸弹/, 'docxBytes')
  })

  it('the same .docx whose headers claim 4 KB', async () => {
    await refused(docxBomb(1024 ** 3, true), 'lying.docx', /解压后的大小超过上限 32 MB；.*压缩炸弹/, 'docxBytes')
  })
})

describe('nianbao import: one bad input never stops the others', () => {
  const bin = join(root, 'bin/nianbao.js')
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-import-hostile-'))
    writeFileSync(join(dir, 'bad.pdf'), pdfLoopingPageTree())
    writeFileSync(join(dir, 'bomb.docx'), docxBomb())
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('import bad.pdf bomb.docx good.txt writes good.txt and reports the others (exit 2)', () => {
    const good = join(root, 'test/fixtures/seeds/000_bf461e1a26bfa25f.txt')
    const r = spawnSync(process.execPath, [bin, 'import', 'bad.pdf', 'bomb.docx', good, '--agency-id', 'ruzhou-wsjkw'], {
      cwd: dir,
      encoding: 'utf8',
    })
    assert.equal(r.status, 2, r.stdout + r.stderr)
    assert.ok(existsSync(join(dir, 'content/ruzhou-wsjkw/2024.md')), 'good.txt was imported')
    assert.match(r.stdout, /bad\.pdf[^\n]*\n[^\n]*circular[^\n]*import-input-readable/)
    assert.match(r.stdout, /bomb\.docx[^\n]*\n[^\n]*压缩炸弹[^\n]*import-docx-size-limit/)
    assert.doesNotMatch(r.stderr, /内部错误|at .*\.js:\d+/)
  })
})

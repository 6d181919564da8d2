import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'
import type { Element, ElementContent } from 'hast'
import { toText } from 'hast-util-to-text'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { parseDocument, isMap, isPair, isScalar } from 'yaml'
import { expandGrid } from '../src/import/blocks.js'
import { importBytes, importFile, type Imported } from '../src/import/index.js'
import type { Report } from '../src/source/report.js'
import { loadReportFromText } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'
import { diagnosticsOf } from '../src/diagnostics/emit.js'

const root = new URL('..', import.meta.url).pathname
const seedsDir = join(root, 'test/fixtures/seeds')
const fixtures = join(root, 'test/fixtures/import')

const seeds: [string, string][] = [
  ['000', 'content/ruzhou-wsjkw/2024.md'],
  ['001', 'content/shixing-wsjkj/2024.md'],
  ['002', 'content/xinjiang-county-wjw/2023.md'],
  ['003', 'content/jiyuan-wsjkw/2019.md'],
  ['004', 'content/yanzhou-wsjkj/2024.md'],
]

function seedPath(id: string): string {
  const name = readdirSync(seedsDir).find((f) => f.startsWith(`${id}_`))
  assert.ok(name, `seed ${id} present`)
  return join(seedsDir, name)
}

async function imported(path: string): Promise<Imported> {
  const result = await importFile(path)
  if ('error' in result) assert.fail(`import failed: ${result.error}`)
  return result
}

function reportOf(text: string, name = 'imported.md'): Report {
  const report = loadReportFromText(name, text).data.report
  assert.ok(report, `${name} has a report model`)
  return report
}

type CellKey = string
/** Every cell value of a report: `table/row/column` → value (null = ~ or missing). */
function cellsOf(report: Report): Map<CellKey, number | null> {
  const out = new Map<CellKey, number | null>()
  for (const [table, values] of report.stats) {
    for (const rows of values.blocks.values()) {
      for (const [row, cells] of rows) for (const [column, cell] of cells) out.set(`${table}/${row}/${column}`, cell.value)
    }
  }
  return out
}

function assertSameCells(actual: Report, expected: Report, skip: (key: string) => boolean = () => false): number {
  const got = cellsOf(actual)
  const want = cellsOf(expected)
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), 'same cells')
  let compared = 0
  for (const [key, value] of want) {
    if (skip(key)) continue
    assert.equal(got.get(key), value, `cell ${key}`)
    compared++
  }
  return compared
}

function sectionNumbers(report: Report): number[] {
  return report.body.sections.map((s) => s.def?.number ?? 0)
}

/** Paths of flagged rows (待核对) in the import report. */
function flagged(result: Imported): string[] {
  return result.checks.map((c) => c.path)
}

/** Paths of rows read with certainty in a way the import report mentions (split by the sums, blank cells). */
function noted(result: Imported): string[] {
  return result.infos.map((c) => c.path)
}

/** The `/` cell of the HTML fixture: ~ as printed, mentioned, not flagged (the validator warns of blank cells). */
function assertSlashCellNoted(result: Imported): void {
  assert.deepEqual(flagged(result), [])
  assert.deepEqual(noted(result), ['requests.carried_over'])
  assert.deepEqual(result.infos[0]!.columns, ['科研机构'])
  assert.match(result.infos[0]!.reason, /「\/」.*写作 ~/)
}

describe('import: the five seeds', () => {
  for (const [id, content] of seeds) {
    it(`seed ${id} imports to the statistics and sections of ${content}`, async () => {
      const result = await imported(seedPath(id))
      const got = reportOf(result.text)
      const want = reportOf(readFileSync(join(root, content), 'utf8'), content)
      assert.equal(got.format.id, want.format.id, 'format detected from the table layout')
      const compared = assertSameCells(got, want)
      assert.ok(compared >= 198, `compared ${compared} cells`)
      assert.deepEqual(sectionNumbers(got), sectionNumbers(want))
      const squash = (t: string) => t.replace(/\s+/g, '')
      got.body.sections.forEach((section, i) => {
        assert.equal(squash(section.text), squash(want.body.sections[i]!.text), `text of section ${section.def?.numeral}`)
      })
      // The body line by line: headings (## and ###) and paragraphs as in the hand-made file.
      const bodyLines = (text: string) => text.split('\n---\n')[1]!.split('\n').map((l) => l.trim()).filter(Boolean)
      assert.deepEqual(bodyLines(result.text), bodyLines(readFileSync(join(root, content), 'utf8')))
      if (want.meta.agency !== '县卫生健康委员会') assert.equal(got.meta.agency, want.meta.agency)
      assert.equal(got.meta.year, want.meta.year)
      assert.equal(got.meta.published, want.meta.published)
    })
  }

  it('seed 003: the table-4 row with 16 values for 15 cells is flagged on every row, not silently cut', async () => {
    const result = await imported(seedPath('003'))
    assert.deepEqual(flagged(result), ['appeals.review', 'appeals.lawsuit_direct', 'appeals.lawsuit_after_review'])
    for (const check of result.checks) assert.match(check.reason, /16 个数.*应为 15 个/)
    const lines = result.text.split('\n')
    for (const check of result.checks) assert.match(lines[check.line - 1]!, /# 待核对: /)
  })

  it('seed 001 (2024 report in the 2019 layout): columns the table lacks are ~ and flagged', async () => {
    const result = await imported(seedPath('001'))
    assert.equal(result.recognized.format.id, 'gb-2019')
    assert.deepEqual(flagged(result), ['active.licensing', 'active.other_services', 'active.penalty', 'active.coercion'])
    for (const check of result.checks) assert.deepEqual(check.columns, ['上一年项目数量', '本年增/减'])
    assert.match(result.text, /^# 原表为 gb-2019 版式/m)
  })

  it('seed 002 (no title): agency and year are marked 待核对, not invented silently', async () => {
    const result = await imported(seedPath('002'))
    assert.deepEqual(flagged(result), ['agency', 'year'])
    assert.match(result.text, /^agency: ~ +# 待核对: /m)
    assert.match(result.text, /^year: 2023 +# 待核对: /m)
  })

  it('seeds 000 and 004 read without a single cell to check', async () => {
    for (const id of ['000', '004']) assert.deepEqual(flagged(await imported(seedPath(id))), [])
  })

  it('writes one flow row per line, in official order, with the label as a comment', async () => {
    for (const [id] of seeds) {
      const result = await imported(seedPath(id))
      const front = result.text.split('\n---\n')[0]!.replace(/^---\n/, '')
      const doc = parseDocument(front)
      const format = result.recognized.format
      for (const table of format.tables) {
        const node = doc.get(table.key, true)
        assert.ok(isMap(node), `${table.key} is a map`)
        const keys = node.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : ''))
        const official = [...new Set(table.blocks.flatMap((b) => b.rows.map((r) => r.path[0]!)))]
        assert.deepEqual(keys, official, `${id}: ${table.key} rows in official order`)
      }
      for (const table of format.tables) {
        for (const block of table.blocks) {
          for (const row of block.rows) {
            const key = row.path.at(-1)!
            const line = front.split('\n').find((l) => new RegExp(`^\\s+${key}: [\\[{~\\d]`).test(l) && l.includes(row.label))
            assert.ok(line, `${id}: ${table.key}.${row.path.join('.')} on one line with 「${row.label}」`)
          }
        }
      }
    }
  })
})

describe('import: HTML and Word', () => {
  const expected = () => reportOf(readFileSync(join(fixtures, 'html-merged/expected.md'), 'utf8'), 'expected.md')

  it('reads an HTML page whose tables use rowspan/colspan, cell by cell', async () => {
    const result = await imported(join(fixtures, 'html-merged/input.html'))
    const got = reportOf(result.text)
    assertSameCells(got, expected())
    assert.deepEqual(sectionNumbers(got), [1, 2, 3, 4, 5, 6])
    assert.equal(got.meta.agency, '杭州市临安区示例局', 'breadcrumb above the title is not part of the agency')
    assert.equal(got.meta.published, '2024-01-22')
    assertSlashCellNoted(result)
    assert.doesNotMatch(result.text, /var x|首页/, 'scripts and navigation are not imported')
  })

  it('expands merged cells into a rectangular grid', () => {
    const grid = expandGrid([
      [{ text: 'corner', rowSpan: 2, colSpan: 2 }, { text: '申请人情况', rowSpan: 1, colSpan: 2 }],
      [{ text: '自然人', rowSpan: 1, colSpan: 1 }, { text: '总计', rowSpan: 1, colSpan: 1 }],
    ])
    assert.deepEqual(
      grid.map((row) => row.map((s) => `${s.cell.text}${s.origin ? '' : '*'}`)),
      [
        ['corner', 'corner*', '申请人情况', '申请人情况*'],
        ['corner*', 'corner*', '自然人', '总计'],
      ],
    )
  })

  let docx: Uint8Array
  before(async () => {
    docx = await docxFromHtml(readFileSync(join(fixtures, 'html-merged/input.html'), 'utf8'))
  })

  it('reads a .docx (made here with the docx package) with merged cells, cell by cell', async () => {
    const result = await importBytes(docx, 'report.docx')
    if ('error' in result) assert.fail(result.error)
    const got = reportOf(result.text)
    assertSameCells(got, expected())
    assert.deepEqual(sectionNumbers(got), [1, 2, 3, 4, 5, 6])
    assert.equal(got.meta.agency, '杭州市临安区示例局')
    assertSlashCellNoted(result)
  })

  it('reports a truncated .docx as unreadable instead of throwing', async () => {
    const result = await importBytes(docx.subarray(0, Math.floor(docx.length / 2)), 'broken.docx')
    assert.ok('error' in result)
    assert.match(result.error, /Word|docx/)
  })
})

describe('import: plain-text shapes of the same table', () => {
  // The HTML fixture's tables copied out as text the ways the seeds show: tabs, one cell per line,
  // everything on one line, and on one line with the numbers touching the labels.
  const expected = () => reportOf(readFileSync(join(fixtures, 'html-merged/expected.md'), 'utf8'), 'expected.md')
  for (const shape of ['tabs', 'cell-per-line', 'flat', 'flat-digits-touching-labels']) {
    it(`${shape}: every cell as in the HTML page`, async () => {
      const result = await imported(join(fixtures, `text-shapes/${shape}.txt`))
      assertSameCells(reportOf(result.text), expected())
      assertSlashCellNoted(result)
    })
  }

  it('a row with the right count whose 总计 is not the sum: read as printed, no repair; the validator reports it', async () => {
    const text = readFileSync(join(fixtures, 'text-shapes/tabs.txt'), 'utf8').replace('5\t1\t0\t0\t1\t0\t7', '5\t1\t0\t0\t1\t0\t8')
    const result = await importBytes(new TextEncoder().encode(text), 'sum.txt')
    if ('error' in result) assert.fail(result.error)
    assert.match(result.text, /^ {2}received: \[5, 1, 0, 0, 1, 0, 8\] +# [^#\n]*$/m)
    assert.deepEqual(flagged(result), [])
    const file = loadReportFromText('sum.md', result.text)
    validateReport(file)
    const rules = diagnosticsOf(file).map((d) => d.ruleId)
    assert.ok(rules.includes('total-column-equals-sum'), rules.join(' '))
  })

  it('a blank cell in a one-cell-per-line dump is ~ and flagged, the rest of the row is kept', async () => {
    const result = await imported(join(fixtures, 'text-shapes/cell-per-line-blank-cell.txt'))
    const got = reportOf(result.text)
    assertSameCells(got, expected(), (key) => key === 'requests/received/total')
    assert.equal(cellsOf(got).get('requests/received/total'), null)
    assert.ok(!flagged(result).includes('requests.received'))
    const info = result.infos.find((c) => c.path === 'requests.received')
    assert.deepEqual(info?.columns, ['总计'])
    assert.match(info!.reason, /空白/)
  })

  it('a table 3 printed without its 总计 column: totals left out (computed), nothing to check', async () => {
    const result = await imported(join(fixtures, 'text-shapes/no-total-column.txt'))
    // carried_over's computed 总计 cannot be summed over its ~ cell.
    assertSameCells(reportOf(result.text), expected(), (key) => key === 'requests/carried_over/total')
    assert.match(result.text, /^ {2}received: \[5, 1, 0, 0, 1, 0\] /m)
    assert.deepEqual(flagged(result), [])
  })

  it('a 总计 column left blank in every row: totals ~ and every row flagged', async () => {
    const result = await imported(join(fixtures, 'text-shapes/total-column-blank.txt'))
    const got = reportOf(result.text)
    assertSameCells(got, expected(), (key) => key.startsWith('requests/') && key.endsWith('/total'))
    for (const [key, value] of cellsOf(got)) if (key.startsWith('requests/') && key.endsWith('/total')) assert.equal(value, null, key)
    assert.equal(result.checks.filter((c) => c.path.startsWith('requests.')).length, 25)
    assert.match(result.checks[0]!.reason, /按缺「总计」列读取/)
  })

  it('a table-3 header naming the columns in another order: every row flagged', async () => {
    const result = await imported(join(fixtures, 'text-shapes/columns-reordered.txt'))
    const rows = result.checks.filter((c) => c.path.startsWith('requests.'))
    assert.equal(rows.length, 25)
    for (const row of rows) assert.match(row.reason, /列序.*与官方格式不同/)
  })

  it('table 4 written one row per line, rows in another order: each row by its label', async () => {
    const result = await imported(join(fixtures, 'text-shapes/table-4-rows-by-label.txt'))
    assertSameCells(reportOf(result.text), expected())
    assertSlashCellNoted(result)
  })

  it('table 4 with its 诉讼 groups named in another order: every row flagged, nothing silently swapped', async () => {
    const result = await imported(join(fixtures, 'text-shapes/table-4-groups-swapped.txt'))
    const rows = result.checks.filter((c) => c.path.startsWith('appeals.'))
    assert.deepEqual(rows.map((r) => r.path), ['appeals.review', 'appeals.lawsuit_direct', 'appeals.lawsuit_after_review'])
    for (const row of rows) assert.match(row.reason, /顺序.*与官方格式不同/)
  })

  it('a whole report on one line (seed 002 without line breaks): sections and tables still found', async () => {
    const result = await imported(join(fixtures, 'text-shapes/seed-002-on-one-line.txt'))
    const got = reportOf(result.text)
    const want = reportOf(readFileSync(join(root, 'content/xinjiang-county-wjw/2023.md'), 'utf8'), 'xinjiang.md')
    assertSameCells(got, want)
    assert.deepEqual(sectionNumbers(got), [1, 2, 3, 4, 5, 6])
    assert.deepEqual(flagged(result), ['agency', 'year'])
  })

  it('row numbering written apart from the label (「1 属于国家秘密」) is not taken for a value', async () => {
    const result = await imported(join(fixtures, 'text-shapes/seed-002-numbering-apart.txt'))
    const want = reportOf(readFileSync(join(root, 'content/xinjiang-county-wjw/2023.md'), 'utf8'), 'xinjiang.md')
    assertSameCells(reportOf(result.text), want)
    assert.deepEqual(flagged(result), ['agency', 'year'])
    assert.deepEqual(result.notes, [])
  })
})

describe('import: text taken from a PDF', () => {
  // The text pdfjs gives for PDFs nianbao rendered from content/: label cells wrapped around
  // their numbers, table headers repeated on the next page, page footers, hard-wrapped paragraphs.
  for (const [name, content] of [
    ['ruzhou-2024', 'content/ruzhou-wsjkw/2024.md'],
    ['yanzhou-2024', 'content/yanzhou-wsjkj/2024.md'],
  ] as const) {
    it(`${name}: every cell and every section as in ${content}`, async () => {
      const result = await imported(join(fixtures, `pdf-text/${name}.txt`))
      const got = reportOf(result.text)
      const want = reportOf(readFileSync(join(root, content), 'utf8'), content)
      assertSameCells(got, want)
      assert.deepEqual(flagged(result), [])
      assert.deepEqual(sectionNumbers(got), sectionNumbers(want))
      const squash = (t: string) => t.replace(/\s+/g, '')
      got.body.sections.forEach((section, i) => assert.equal(squash(section.text), squash(want.body.sections[i]!.text)))
    })
  }
})

describe('import: PDF', () => {
  it('reads a PDF (rendered by nianbao from content/jiyuan-wsjkw/2019.md) back to the same cells and sections', async () => {
    const result = await imported(join(fixtures, 'pdf/jiyuan-2019.pdf'))
    const got = reportOf(result.text)
    const want = reportOf(readFileSync(join(root, 'content/jiyuan-wsjkw/2019.md'), 'utf8'), 'jiyuan.md')
    assert.equal(got.format.id, 'gb-2019')
    assertSameCells(got, want)
    assert.deepEqual(flagged(result), [])
    assert.deepEqual(sectionNumbers(got), sectionNumbers(want))
    assert.equal(got.meta.agency, want.meta.agency)
    assert.equal(got.meta.year, 2019)
  })

  it('reports a damaged PDF as unreadable', async () => {
    const bytes = readFileSync(join(fixtures, 'pdf/jiyuan-2019.pdf'))
    const result = await importBytes(bytes.subarray(0, 2000), 'broken.pdf')
    assert.ok('error' in result)
    assert.match(result.error, /PDF/)
  })
})

describe('import: robustness', () => {
  const ruzhou = () => reportOf(readFileSync(join(root, 'content/ruzhou-wsjkw/2024.md'), 'utf8'), 'ruzhou.md')

  it('other agencies’ wording of the same rows (本年新收申请数量, （1）, straight quotes, 部分公开 without its note, 其它, a dropped character, a unit after the label)', async () => {
    const result = await imported(join(fixtures, 'other-wording/input.txt'))
    assertSameCells(reportOf(result.text), ruzhou())
    assert.deepEqual(flagged(result), [])
  })

  it('sections out of order keep their order and their tables', async () => {
    const result = await imported(join(fixtures, 'out-of-order/input.txt'))
    const got = reportOf(result.text)
    assertSameCells(got, ruzhou())
    assert.deepEqual(sectionNumbers(got), [1, 5, 2, 3, 4, 6])
  })

  it('a missing table becomes ~ with 待核对 on every row, the rest is read', async () => {
    const result = await imported(join(fixtures, 'table-missing/input.txt'))
    const got = reportOf(result.text)
    assertSameCells(got, ruzhou(), (key) => key.startsWith('appeals/'))
    for (const [key, value] of cellsOf(got)) if (key.startsWith('appeals/')) assert.equal(value, null, key)
    assert.deepEqual(flagged(result), ['appeals.review', 'appeals.lawsuit_direct', 'appeals.lawsuit_after_review'])
    assert.ok(result.notes.some((n) => n.includes('表四')))
    assert.match(got.body.sections[3]!.text, /本年度未发生/, 'the sentence in section 四 is kept as text')
  })

  it('a table printed under another section heading is read from there, and said so', async () => {
    const result = await imported(join(fixtures, 'table-under-other-heading/input.txt'))
    const got = reportOf(result.text)
    assertSameCells(got, ruzhou())
    assert.ok(result.notes.some((n) => n.startsWith('表二不在「二、主动公开政府信息情况」标题下')))
    assert.doesNotMatch(got.body.sections[0]!.text, /第二十条/, 'the table is not copied into section 一')
    assert.match(got.body.sections[0]!.text, /（五）监督保障情况/)
  })

  it('paragraphs hard-wrapped into lines (text from a PDF) are joined back', async () => {
    const result = await imported(join(fixtures, 'hard-wrapped/input.txt'))
    const want = readFileSync(join(root, 'content/ruzhou-wsjkw/2024.md'), 'utf8')
    const bodyLines = (text: string) => text.split('\n---\n')[1]!.split('\n').map((l) => l.trim()).filter(Boolean)
    assert.deepEqual(bodyLines(result.text), bodyLines(want))
    assertSameCells(reportOf(result.text), ruzhou())
  })

  it('a truncated file: rows before the cut are read, the cut row and everything after are ~ and flagged', async () => {
    const result = await imported(join(fixtures, 'truncated/input.txt'))
    const got = reportOf(result.text)
    const cells = cellsOf(got)
    const want = cellsOf(ruzhou())
    const lost = ['not_processed.', 'other.', 'total/', 'carried_forward/']
    let kept = 0
    for (const [key, value] of want) {
      const isLost = key.startsWith('appeals/') || lost.some((l) => key.includes(`requests/${l}`))
      if (isLost) assert.equal(cells.get(key), null, `${key} is ~`)
      else {
        assert.equal(cells.get(key), value, key)
        kept++
      }
    }
    assert.ok(kept > 100)
    const paths = flagged(result)
    for (const path of ['requests.not_processed.petition', 'requests.total', 'requests.carried_forward', 'appeals.review']) {
      assert.ok(paths.includes(path), `${path} flagged`)
    }
    assert.match(result.checks.find((c) => c.path === 'requests.not_processed.petition')!.reason, /只有 4 个数/)
    assert.deepEqual(sectionNumbers(got), [1, 2, 3])
    assert.ok(result.notes.some((n) => n.includes('五、存在的主要问题及改进情况')))
  })

  it('digits run together: split where the sum rules allow exactly one reading (said in an info), else ~ and flagged', async () => {
    const result = await imported(join(fixtures, 'digits-run-together/input.txt'))
    const got = reportOf(result.text)
    assertSameCells(got, ruzhou(), (key) => key.includes('/unable.not_held/'))
    for (const [key, value] of cellsOf(got)) if (key.includes('/unable.not_held/')) assert.equal(value, null, key)
    assert.deepEqual(flagged(result), ['requests.unable.not_held'])
    assert.deepEqual(noted(result), ['requests.received'])
    assert.match(result.infos[0]!.reason, /数字连在一起（3000003）.*只有一种读法符合勾稽关系：3 0 0 0 0 0 3/)
    assert.match(result.checks[0]!.reason, /300003/)
  })

  it('digits run together into the label: 「规章000」 has one reading, 「行政规范性文件2115」 several', async () => {
    const text = '某县某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章000 行政规范性文件2115\n'
    const result = await importBytes(new TextEncoder().encode(text), 'run-together.txt')
    if ('error' in result) assert.fail(result.error)
    const cells = cellsOf(reportOf(result.text))
    for (const column of ['issued', 'repealed', 'in_force']) {
      assert.equal(cells.get(`active/regulations/${column}`), 0)
      assert.equal(cells.get(`active/normative_documents/${column}`), null)
    }
    const firstBlock = flagged(result).filter((p) => p === 'active.regulations' || p === 'active.normative_documents')
    assert.deepEqual(firstBlock, ['active.normative_documents'])
    assert.ok(!noted(result).includes('active.regulations'), 'one reading only: nothing to say')
    const reason = result.checks.find((c) => c.path === 'active.normative_documents')?.reason ?? ''
    assert.match(reason, /数字连在一起（2115）.*无法确定如何拆分。候选：2 1 15 ｜ 2 11 5 ｜ 21 1 5/)
  })

  it('a column header one character off (上年项目数量) still names its column; negative 本年增/减 kept', async () => {
    const text = '某县某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t上年项目数量\t本年增/减\t处理决定数量\n行政许可\t11\t-2\t894\n'
    const result = await importBytes(new TextEncoder().encode(text), 'header.txt')
    if ('error' in result) assert.fail(result.error)
    assert.equal(result.recognized.format.id, 'gb-2019')
    assert.match(result.text, /^ {2}licensing: \{last_year: 11, change: -2, decisions: 894\} +# [^\n]*$/m)
    assert.ok(!flagged(result).includes('active.licensing'))
  })

  it('digits run together in a row without a sum rule are not split at all', async () => {
    const result = await imported(join(fixtures, 'digits-run-together-2019/input.txt'))
    const got = reportOf(result.text)
    const jiyuan = reportOf(readFileSync(join(root, 'content/jiyuan-wsjkw/2019.md'), 'utf8'), 'jiyuan.md')
    assertSameCells(got, jiyuan, (key) => key.startsWith('active/licensing/'))
    for (const column of ['last_year', 'change', 'decisions']) assert.equal(cellsOf(got).get(`active/licensing/${column}`), null)
    assert.ok(flagged(result).includes('active.licensing'))
    assert.match(result.checks.find((c) => c.path === 'active.licensing')!.reason, /数字连在一起（110894）/)
  })

  it('reads text saved in GBK/GB18030 (older sites), not only UTF-8', async () => {
    const result = await imported(join(fixtures, 'gbk/input.txt'))
    const got = reportOf(result.text)
    assertSameCells(got, ruzhou())
    assert.equal(got.meta.agency, '汝州市卫生健康委员会')
  })

  it('takes 索引号 and 发布日期 from the page metadata above the title', async () => {
    const text = '索引号：11410482MB1234567X/2025-00001\n发布日期：2025-01-20\n某某县某某局2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常。\n'
    const result = await importBytes(new TextEncoder().encode(text), 'page.txt')
    if ('error' in result) assert.fail(result.error)
    const got = reportOf(result.text)
    assert.equal(got.meta.agency, '某某县某某局')
    assert.equal(got.meta.published, '2025-01-20')
    assert.equal(got.meta.index_no, '11410482MB1234567X/2025-00001')
    assert.ok(result.notes.some((n) => n.includes('表三')), 'the missing tables are reported')
  })

  it('refuses input that is not a report, and binary input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-'))
    try {
      writeFileSync(join(dir, 'notes.txt'), '会议纪要\n\n今天讨论了三件事。\n')
      writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff]))
      for (const name of ['notes.txt', 'binary.txt', 'absent.txt']) {
        const result = await importFile(join(dir, name))
        assert.ok('error' in result, `${name} is refused`)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('nianbao import (CLI)', () => {
  const bin = join(root, 'bin/nianbao.js')
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-import-cli-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'import', ...args], { cwd: dir, encoding: 'utf8' })

  it('writes content/<agency-id>/<year>.md, validates it and exits 0 when nothing needs checking', () => {
    const r = run(seedPath('000'), '--agency-id', 'ruzhou-wsjkw', '--out-dir', 'content')
    assert.equal(r.status, 0, r.stdout + r.stderr)
    const out = join(dir, 'content/ruzhou-wsjkw/2024.md')
    assert.ok(existsSync(out))
    assert.match(r.stdout, /待核对 0 处/)
    assertSameCells(reportOf(readFileSync(out, 'utf8')), reportOf(readFileSync(join(root, 'content/ruzhou-wsjkw/2024.md'), 'utf8')))
    assert.deepEqual(readdirSync(join(dir, 'content/ruzhou-wsjkw')), ['2024.md'], 'no temporary file left')
  })

  it('never overwrites an existing file without --force (exit 2), and does with it', () => {
    const out = join(dir, 'content/ruzhou-wsjkw/2024.md')
    writeFileSync(out, 'hand edits\n')
    const refused = run(seedPath('000'), '--agency-id', 'ruzhou-wsjkw', '--out-dir', 'content')
    assert.equal(refused.status, 2)
    assert.match(refused.stdout, /已存在，未覆盖.*--force/)
    assert.match(refused.stdout, /import-no-overwrite/)
    assert.equal(readFileSync(out, 'utf8'), 'hand edits\n')
    const forced = run(seedPath('000'), '--agency-id', 'ruzhou-wsjkw', '--out-dir', 'content', '--force')
    assert.equal(forced.status, 0, forced.stdout)
    assert.match(readFileSync(out, 'utf8'), /^---\nformat: gb-2021/)
  })

  it('exits 1 and lists every 待核对 line when cells need checking; each mark is an error until removed', () => {
    const r = run(seedPath('003'), '--out', 'jiyuan-2019.md')
    assert.equal(r.status, 1, r.stdout)
    // Listed once per mark, as the validator's error at the mark (the gate CI enforces).
    const lines = r.stdout.split('\n').filter((l) => l.includes('待核对') && !l.includes(' → '))
    assert.equal(lines.filter((l) => l.includes('import-reviewed')).length, 3, r.stdout)
    assert.match(lines[0]!, /^\s+42:\d+-42:\d+\s+错误\s+`appeals\.review`：「待核对」标注尚未处理（原文有 16 个数/)
    const validate = (path: string) => spawnSync(process.execPath, [bin, 'validate', path], { cwd: dir, encoding: 'utf8' })
    const before = validate('jiyuan-2019.md')
    assert.equal(before.status, 1)
    assert.equal(before.stdout.split('import-reviewed').length - 1, 3)
    // Reviewed: the marks deleted, the values kept as read.
    const path = join(dir, 'jiyuan-2019.md')
    writeFileSync(path, readFileSync(path, 'utf8').replace(/ # 待核对: .*$/gm, ''))
    const after = validate('jiyuan-2019.md')
    assert.ok(!after.stdout.includes('import-reviewed'), after.stdout)
  })

  it('reports a table the original lacks as a note on the written file', () => {
    const r = run(join(root, 'test/fixtures/import/table-missing/input.txt'), '--out', 'table-missing.md')
    assert.equal(r.status, 1, r.stdout)
    assert.match(r.stdout, /1:1\s+提示\s+原文未找到表四.*import-note/)
  })

  it('exits 2 for unreadable input or an agency id it cannot find, writing nothing', () => {
    const missing = run(join(dir, 'nope.txt'), '--agency-id', 'x-y')
    assert.equal(missing.status, 2)
    assert.match(missing.stdout, /文件不存在/)
    assert.match(missing.stdout, /import-input-readable/)
    // Seed 002 has no title: no agency name to derive the id from.
    const noId = run(seedPath('002'))
    assert.equal(noId.status, 2)
    assert.match(noId.stdout, /--agency-id/)
    assert.match(noId.stdout, /import-output-path/)
    assert.ok(!existsSync(join(dir, 'content/x-y')))
    const badId = run(seedPath('004'), '--agency-id', '兖州')
    assert.equal(badId.status, 2)
    assert.match(badId.stderr, /机关标识/)
  })
})

describe('nianbao import: batches', () => {
  const bin = join(root, 'bin/nianbao.js')
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-import-batch-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'import', ...args], { cwd: dir, encoding: 'utf8' })

  it('a folder: every report imported, agency ids derived from the titles, one summary table at the end', () => {
    const r = run(seedsDir, '--out-dir', 'batch')
    // Seed 002 has no title (exit 2 for it); the others are written.
    assert.equal(r.status, 2, r.stdout + r.stderr)
    assert.deepEqual(readdirSync(join(dir, 'batch')).sort(), ['ruzhou-wsjkw', 'shixing-wsjkj', 'yanzhou-wsjkj'])
    const table = r.stdout.slice(r.stdout.lastIndexOf('文件 '))
    const lines = table.trimEnd().split('\n')
    assert.match(lines[0]!, /^文件 +格式 +已读单元格 +待核对单元格 +校验错误 +结果$/)
    assert.match(table, /000_bf461e1a26bfa25f\.txt +gb-2021 +200\/200 +0 +0 +batch\/ruzhou-wsjkw\/2024\.md（机关标识由标题得出）/)
    assert.match(table, /002_5d92887a64b2732a\.txt +gb-2021 +200\/200 +0 +— +未写出/)
    assert.match(table, /003_13863c369ac78f75\.txt +gb-2019 +183\/198 +15 +— +未写出/, 'seed 003 has no place in its title')
    assert.match(lines.at(-1)!, /^共 5 个文件：导入 3 个，未导入 2 个；待核对单元格 23 个$/)
  })

  it('--map names the agency ids (by agency name or file name); --format json for scripts; --lang en', () => {
    writeFileSync(join(dir, 'ids.yaml'), '卫生健康委员会: jiyuan-wsjkw\n002_5d92887a64b2732a.txt: xinjiang-county-wjw\n')
    const r = run(seedPath('002'), seedPath('003'), '--map', 'ids.yaml', '--out-dir', 'mapped', '--format', 'json', '--lang', 'en')
    assert.equal(r.status, 1, r.stderr)
    const results = JSON.parse(r.stdout) as { input: string; status: string; output: string; agencyId: { id: string; how: string }; cells: { total: number; read: number; flagged: number }; diagnostics: { ruleId: string; message: string }[] }[]
    assert.deepEqual(results.map((x) => [x.output, x.agencyId.how]), [
      ['mapped/xinjiang-county-wjw/2023.md', 'map'],
      ['mapped/jiyuan-wsjkw/2019.md', 'map'],
    ])
    assert.deepEqual(results[1]!.cells, { total: 198, read: 183, flagged: 15 })
    assert.ok(results[1]!.diagnostics.some((d) => d.ruleId === 'import-reviewed' && d.message.startsWith('`appeals.review`: unreviewed 待核对 mark')))
  })
})

/** A .docx with the same paragraphs and merged tables as an HTML page (test setup only). */
async function docxFromHtml(html: string): Promise<Uint8Array> {
  const tree = unified().use(rehypeParse).parse(html)
  const children: (Paragraph | Table)[] = []
  const isEl = (n: ElementContent | undefined): n is Element => n?.type === 'element'
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!isEl(child)) continue
      if (['script', 'style', 'head'].includes(child.tagName)) continue
      if (['p', 'h1', 'h2'].includes(child.tagName)) {
        children.push(new Paragraph({ children: [new TextRun(toText(child).trim())], alignment: AlignmentType.LEFT }))
      } else if (child.tagName === 'table') {
        const rows = child.children.filter(isEl).flatMap((n) => (n.tagName === 'tbody' ? n.children.filter(isEl) : [n]))
        children.push(
          new Table({
            rows: rows
              .filter((r) => r.tagName === 'tr')
              .map(
                (tr) =>
                  new TableRow({
                    children: tr.children.filter(isEl).map(
                      (td) =>
                        new TableCell({
                          children: toText(td, { whitespace: 'pre' })
                            .split('\n')
                            .map((line) => new Paragraph(line.trim())),
                          columnSpan: Number(td.properties.colSpan ?? 1),
                          rowSpan: Number(td.properties.rowSpan ?? 1),
                        }),
                    ),
                  }),
              ),
          }),
        )
      } else visit(child)
    }
  }
  const body = (tree.children.find((n) => isEl(n as ElementContent) && (n as Element).tagName === 'html') as Element | undefined) ?? undefined
  if (body) visit(body)
  const doc = new Document({ sections: [{ children }] })
  return new Uint8Array(await Packer.toBuffer(doc))
}

describe('import: a row repeated many times', () => {
  it('gets one note that says how often, not one note per repeat (found by the fuzzer)', async () => {
    const text = readFileSync(seedPath('003'), 'utf8')
    const row = text.split('\n').find((line) => /^一、\s*本年新收政府信息公开申请数量/.test(line))
    assert.ok(row, 'the seed has the row on one line')
    const repeated = text.replace(row, Array.from({ length: 40 }, () => row).join('\n'))
    const result = await importBytes(new TextEncoder().encode(repeated), 'repeated.txt')
    if ('error' in result) assert.fail(result.error)
    const notes = [...result.checks, ...result.infos].map((c) => JSON.stringify(c)).filter((c) => c.includes('此行在原文中出现了'))
    assert.equal(notes.length, 1, notes.join('\n'))
    assert.match(notes[0]!, /出现了 40 次/)
    assert.equal(notes[0]!.match(/出现了/g)!.length, 1)
  })
})

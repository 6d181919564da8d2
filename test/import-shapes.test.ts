/**
 * The shapes real published reports come in (issue 12), one fixture folder
 * each under test/fixtures/import/shapes/<case>/: the input(s) `input*.*`,
 * `truth.md` (the numbers the report really has, written by hand),
 * `expected.md` (the imported file, reviewed) and `flagged.txt` (the rows
 * and columns left to check, with why). Every cell must be right or
 * flagged — none wrong and silent.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { importFile, type Imported } from '../src/import/index.js'
import { loadReportFromText, type Report } from '../src/source/report.js'
import { assertExpected } from './util/fixtures.js'

const shapes = new URL('./fixtures/import/shapes/', import.meta.url).pathname

function cellsOf(report: Report): Map<string, number | null> {
  const out = new Map<string, number | null>()
  for (const [table, values] of report.stats) {
    for (const rows of values.blocks.values()) {
      for (const [row, cells] of rows) for (const [column, cell] of cells) out.set(`${table}.${row}|${column}`, cell.value)
    }
  }
  return out
}

function reportOf(text: string, name: string): Report {
  const report = loadReportFromText(name, text).data.report
  assert.ok(report, `${name} has a report model`)
  return report
}

/** `path (columns): reason`, one per flagged row. */
function flaggedText(result: Imported): string {
  return result.checks.map((c) => `${c.path}${c.columns.length ? ` (${c.columns.join('、')})` : ''}: ${c.reason}`).join('\n') + '\n'
}

/** Whether the check list covers a cell (a whole row, or the row with that column's label). */
function isFlagged(result: Imported, report: Report, key: string): boolean {
  const [path, column] = key.split('|') as [string, string]
  const table = report.format.tables.find((t) => path.startsWith(`${t.key}.`))
  const label = table?.blocks.flatMap((b) => b.columns).find((c) => c.key === column)?.label
  return result.checks.some((c) => c.path === path && (c.columns.length === 0 || (label !== undefined && c.columns.includes(label))))
}

for (const name of readdirSync(shapes).sort()) {
  const dir = join(shapes, name)
  const inputs = readdirSync(dir).filter((f) => f.startsWith('input'))
  describe(`import shape: ${name}`, () => {
    for (const input of inputs) {
      const suffix = input.replace(/^input/, '').replace(/\.[^.]+$/, '')
      it(`${input}: every cell right or flagged, as expected${suffix}.md`, async () => {
        const result = await importFile(join(dir, input))
        if ('error' in result) assert.fail(result.error)
        assertExpected(join(dir, `expected${suffix}.md`), result.text)
        assertExpected(join(dir, `flagged${suffix}.txt`), flaggedText(result))
        const truth = reportOf(readFileSync(join(dir, 'truth.md'), 'utf8'), 'truth.md')
        const got = reportOf(result.text, 'imported.md')
        assert.equal(got.format.id, truth.format.id, 'format')
        assert.equal(got.meta.agency, truth.meta.agency, 'agency')
        assert.equal(got.meta.year, truth.meta.year, 'year')
        assert.equal(got.meta.published, truth.meta.published, 'published')
        const want = cellsOf(truth)
        const cells = cellsOf(got)
        assert.deepEqual([...cells.keys()].sort(), [...want.keys()].sort(), 'same cells')
        let right = 0
        for (const [key, value] of want) {
          const actual = cells.get(key)
          if (actual === value) right++
          else assert.ok(actual === null && isFlagged(result, got, key), `${key}: imported ${actual}, truth ${value}, not flagged`)
        }
        assert.ok(right / want.size >= 0.9, `${right} of ${want.size} cells right`)
      })
    }
  })
}

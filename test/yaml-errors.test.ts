/**
 * YAML mistakes as a clerk makes them (a Chinese input method, a slip of
 * indentation, an unclosed list) are explained in words and reported at the
 * line that is wrong, not where the YAML library noticed it.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { loadReportFromText } from '../src/source/report.js'
import { validateReport } from '../src/validate/index.js'

const base = readFileSync(join(import.meta.dirname, 'fixtures', 'rules', 'meta-value', 'ok.md'), 'utf8')

function errors(text: string) {
  const file = loadReportFromText('agency/2024.md', text)
  validateReport(file)
  return diagnosticsOf(file).filter((d) => d.severity === 'error')
}

function edit(find: string, replace: string): string {
  assert.ok(base.includes(find), find)
  return base.replace(find, replace)
}

/** [case, text, [line, column, rule id, message pattern] of the only error]. */
const cases: [string, string, [number, number, string, RegExp]][] = [
  ['full-width commas in a list', edit('granted: [0, 0, 0, 0, 0, 0, 0]', 'granted: [6，1，0，0，0，0，7]'), [17, 12, 'ascii-punctuation', /全角逗号「，」.*应写 \[6, 1, 0, 0, 0, 0, 7\]/]],
  ['full-width colon after a key', edit('  licensing: 12\n', '  licensing：45\n'), [10, 12, 'ascii-punctuation', /键 `licensing` 后是全角冒号「：」/]],
  ['no space after the colon', edit('  licensing: 12\n', '  licensing:45\n'), [10, 12, 'yaml-syntax', /冒号后缺少空格：应写 `licensing: 45`/]],
  ['full-width colon in a flow map', edit('{issued: 1,', '{issued：1,'), [9, 25, 'ascii-punctuation', /应写 `issued: 1`/]],
  ['an empty list item', edit('carried_over: [0, 0,', 'carried_over: [0, ,'), [16, 21, 'yaml-syntax', /空项.*请写 ~/]],
  ['a "/" for a blank cell', edit('  penalty: 3\n', '  penalty: /\n'), [11, 12, 'number-not-text', /请写 ~/]],
  ['an unclosed [ is reported at the [', edit('received: [3, 0, 0, 0, 0, 0, 3]', 'received: [3, 0, 0, 0, 0, 0, 3'), [15, 13, 'yaml-syntax', /「\[」没有闭合/]],
  ['a line indented too far among its siblings', edit('    enforcement_files:', '      enforcement_files:'), [26, 7, 'yaml-syntax', /缩进 6 个空格.*应为 4 个空格/]],
  ['the first item of a block indented too far', edit('    not_held:', '     not_held:'), [29, 6, 'yaml-syntax', /缩进 5 个空格.*应为 4 个空格/]],
  ['a line indented too little among its siblings', edit('    needs_creation:', '  needs_creation:'), [30, 3, 'yaml-syntax', /缩进 2 个空格.*应为 4 个空格/]],
  ['a key indented under a scalar', edit('  penalty: 3\n', '    penalty: 3\n'), [11, 5, 'yaml-syntax', /多缩进了 2 个空格/]],
  ['a key indented one space too little', edit('  licensing: 12\n', ' licensing: 12\n'), [10, 2, 'yaml-syntax', /缩进 1 个空格.*应为 2 个空格/]],
]

for (const [name, text, [line, column, ruleId, message]] of cases) {
  test(name, () => {
    const found = errors(text)
    assert.equal(found.length, 1, JSON.stringify(found, null, 1))
    const [d] = found
    assert.deepEqual([d!.line, d!.column, d!.ruleId], [line, column, ruleId])
    assert.match(d!.message, message)
  })
}

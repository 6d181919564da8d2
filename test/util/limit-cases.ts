/**
 * Generated inputs for the limits (never committed): the hostile structures
 * of issue 14.7/14.8, each with the rules it must raise, and the worst
 * files that are still within every limit (the bench measures what they
 * cost). Shared by test/limits-hostile.test.ts, bench/limits.ts and the
 * fuzz harness.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { limits } from '../../src/limits.js'

const report = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rules', 'text-encoding', 'ok.md'), 'utf8')
const frontEnd = report.indexOf('\n---\n') + 1

/** A valid report (the rule fixtures' `ok.md`). */
export const validReport = report

/** The valid report with `yaml` added to its front matter. */
export const withYaml = (yaml: string) => `${report.slice(0, frontEnd)}${yaml}\n${report.slice(frontEnd)}`
/** The valid report with `markdown` added to its body. */
export const withBody = (markdown: string) => `${report}\n${markdown}\n`

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('')

export interface LimitCase {
  name: string
  make: () => string
  /** Rules the file must raise (hostile cases), none for the cases within the limits. */
  rules: string[]
}

/** Issue 14.7 and 14.8 as written, plus the same structures kept within the size limits. */
export const hostileCases: LimitCase[] = [
  { name: 'YAML maps nested 5,000 deep (indented)', make: () => withYaml(range(5000, (i) => `${' '.repeat(i)}k:\n`) + ' '.repeat(5000) + 'v'), rules: ['file-size-limit'] },
  { name: 'YAML maps nested 10,000 deep (flow)', make: () => withYaml(`x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`), rules: ['yaml-depth-limit'] },
  { name: 'YAML sequences nested 10,000 deep (block)', make: () => withYaml(`x:\n${'- '.repeat(10_000)}1`), rules: ['yaml-depth-limit'] },
  {
    name: 'YAML sequences nested 3,000 deep, then a dedent (the syntax-tree parser recurses too)',
    make: () => withYaml(`a:\n  b: 1\n${'- '.repeat(3000)}x\n  c: 2`),
    rules: ['yaml-depth-limit'],
  },
  { name: 'YAML maps indented 340 deep (within the front matter limit)', make: () => withYaml(range(340, (i) => `${' '.repeat(i)}k:\n`) + 'z: 1'), rules: ['yaml-depth-limit'] },
  { name: 'YAML maps indented 200 deep (measured on the syntax tree)', make: () => withYaml(range(200, (i) => `${' '.repeat(i)}k:\n`) + 'z: 1'), rules: ['yaml-depth-limit'] },
  { name: 'YAML explicit keys nested 3,000 deep', make: () => withYaml(`${'? '.repeat(3000)}x\nz: 1`), rules: ['yaml-depth-limit'] },
  { name: 'YAML sequences nested 5,000 deep (flow)', make: () => withYaml(`x: ${'['.repeat(5000)}${']'.repeat(5000)}`), rules: ['yaml-depth-limit'] },
  { name: 'Markdown blockquotes nested 10,000 deep', make: () => withBody(`${'>'.repeat(10_000)} 引用`), rules: ['markdown-depth-limit'] },
  { name: 'Markdown lists nested 3,000 deep (indented)', make: () => withBody(range(3000, (i) => `${' '.repeat(2 * i)}- 项\n`)), rules: ['file-size-limit'] },
  { name: 'Markdown lists nested 10,000 deep (one line)', make: () => withBody(`${'- '.repeat(10_000)}项`), rules: ['markdown-depth-limit', 'markdown-list-items-limit'] },
  { name: 'Markdown lists nested 300 deep (indented, within the size limit)', make: () => withBody(range(300, (i) => `${' '.repeat(2 * i)}- 项\n`)), rules: ['markdown-depth-limit'] },
  { name: '100,000 `[` brackets', make: () => withBody('['.repeat(100_000)), rules: ['markdown-brackets-limit'] },
  { name: '100,000 top-level YAML keys', make: () => withYaml(range(100_000, (i) => `k${i}: 0\n`)), rules: ['file-size-limit'] },
  { name: '6,000 top-level YAML keys (within the size limits)', make: () => withYaml(range(6000, (i) => `k${i}: 0\n`)), rules: ['yaml-nodes-limit'] },
  { name: 'a 50 MB YAML string', make: () => withYaml(`agency: "${'政'.repeat(17_000_000)}"`), rules: ['file-size-limit'] },
  { name: 'a 1,000-character YAML string (within the size limit)', make: () => withYaml(`region: "${'政'.repeat(1_001)}"`), rules: ['yaml-string-limit'] },
  { name: '20 MB of list rows', make: () => withBody('- 项\n'.repeat(3_500_000)), rules: ['file-size-limit'] },
  { name: '20,000 list rows (within the size limit)', make: () => withBody('- 项\n'.repeat(20_000)), rules: ['file-lines-limit', 'markdown-list-items-limit'] },
  { name: '80,000 closing brackets after a list (each looked back over the paragraph)', make: () => withBody(`[0, 0], ${'0], '.repeat(80_000)}`), rules: ['markdown-brackets-limit'] },
  { name: '50,000 link brackets', make: () => withBody('[a]('.repeat(50_000)), rules: ['markdown-brackets-limit'] },
  { name: '10,000 footnotes', make: () => withBody(range(10_000, (i) => `[^${i}]`) + '\n\n' + range(10_000, (i) => `[^${i}]: 注\n`)), rules: ['file-lines-limit', 'markdown-brackets-limit'] },
  { name: '10,000 link references', make: () => withBody(range(10_000, (i) => `[r${i}] `) + '\n\n' + range(10_000, (i) => `[r${i}]: http://a.cn\n`)), rules: ['file-lines-limit', 'markdown-brackets-limit'] },
  { name: '100,000 entities', make: () => withBody('&amp;'.repeat(100_000)), rules: ['markdown-entities-limit'] },
  { name: '5,000 setext headings', make: () => withBody(range(5000, () => '标题\n===\n')), rules: ['file-lines-limit', 'markdown-setext-limit'] },
  { name: 'a 1,000,000-element list', make: () => withYaml(`x: [${'0,'.repeat(1_000_000)}0]`), rules: ['file-size-limit'] },
  { name: 'a 30,000-element list (within the size limit)', make: () => withYaml(`x: [${'0,'.repeat(30_000)}0]`), rules: ['yaml-nodes-limit'] },
  {
    name: 'an alias bomb',
    make: () => withYaml(`a: &a [0,0,0,0,0,0,0,0,0,0]\nb: &b [${'*a,'.repeat(9)}*a]\nc: &c [${'*b,'.repeat(9)}*b]\nd: &d [${'*c,'.repeat(9)}*c]\ne: [${'*d,'.repeat(9)}*d]`),
    rules: ['yaml-aliases-limit'],
  },
  { name: 'backtick runs of every length', make: () => withBody(range(200, (i) => '`'.repeat(i + 1) + ' ')), rules: ['markdown-backticks-limit', 'markdown-marks-limit'] },
  { name: 'emphasis nested 2,500 deep (5,000 `*` each side of a word, within the count of marks)', make: () => withBody(`${'*'.repeat(5000)}强调${'*'.repeat(5000)}`), rules: ['markdown-nesting-limit'] },
  {
    name: 'emphasis nested 1,000 deep, one mark per word',
    make: () => withBody(range(1000, (i) => (i % 2 ? '_甲 ' : '*甲 ')) + '乙' + range(1000, (i) => (i % 2 ? ' 丙*' : ' 丙_'))),
    rules: ['markdown-nesting-limit'],
  },
  { name: 'emphasis on every word of a 500 KB paragraph', make: () => withBody('*政务* '.repeat(56_000)), rules: ['markdown-marks-limit'] },
]

const sentence = '政务公开工作稳步推进，信息发布及时准确。'
/** Text of about `bytes` UTF-8 bytes (3 per character). */
const prose = (bytes: number) => sentence.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(sentence))))
/** Room left in the body under the size limit, with a margin. */
const room = () => limits.fileBytes - Buffer.byteLength(report) - 4096
/** Lines left under the line limit, with a margin. */
const lines = () => limits.fileLines - report.split('\n').length - 20

/** The costliest files within every limit, by construct (the bench prints what each costs). */
export const atLimitCases: LimitCase[] = [
  { name: 'one paragraph of the largest size', make: () => withBody(prose(room())), rules: [] },
  { name: 'the most short paragraphs', make: () => withBody(range(Math.floor(lines() / 2), (i) => `第 ${i} 段。\n\n`)), rules: [] },
  { name: 'the most list items', make: () => withBody(range(limits.markdownListItems, (i) => `- 第 ${i} 项\n`)), rules: [] },
  {
    name: 'the most list items, nested to the depth limit',
    make: () => withBody(range(Math.floor(limits.markdownListItems / limits.markdownDepth), () => `${'- '.repeat(limits.markdownDepth)}项\n`)),
    rules: [],
  },
  { name: 'block quotes at the depth limit on every line', make: () => withBody(range(lines(), () => `${'>'.repeat(limits.markdownDepth)} 引\n`)), rules: [] },
  { name: 'the most unmatched `[` in the largest paragraph', make: () => withBody('[a]('.repeat(limits.markdownBrackets) + prose(room() - 4 * limits.markdownBrackets)), rules: [] },
  {
    name: 'the most footnotes',
    make: () => withBody(range(limits.markdownBrackets / 2, (i) => `[^${i}]`) + '\n\n' + range(limits.markdownBrackets / 2, (i) => `[^${i}]: 注\n`)),
    rules: [],
  },
  { name: 'the most entities', make: () => withBody('&amp;'.repeat(limits.markdownEntities)), rules: [] },
  {
    name: 'the most setext headings after the most lines',
    make: () => withBody(range(Math.floor(lines() / 2) - 2 * limits.markdownSetextHeadings, (i) => `第 ${i} 段。\n\n`) + range(limits.markdownSetextHeadings, () => '标题\n===\n')),
    rules: [],
  },
  {
    name: 'backtick runs of every allowed length in the largest paragraph',
    make: () => withBody(range(limits.markdownBacktickRun, (i) => '`'.repeat(i + 1) + ' ') + prose(room() - 600)),
    rules: [],
  },
  { name: 'the largest table', make: () => withBody('| 项目 | 数量 |\n| --- | --- |\n' + range(Math.floor(limits.markdownTableCells / 3) - 2, (i) => `| 第 ${i} 项 | ${i} |\n`)), rules: [] },
  { name: 'the most emphasis in one paragraph', make: () => withBody('*政务* '.repeat(Math.floor(limits.markdownInlineMarks / 2) - 50)), rules: [] },
  { name: 'emphasis nested to the depth limit', make: () => withBody(`${'*'.repeat(2 * (limits.markdownTreeDepth - 4))}强调${'*'.repeat(2 * (limits.markdownTreeDepth - 4))}`), rules: [] },
  { name: 'the most YAML keys in one map', make: () => withYaml(range(Math.floor(limits.yamlNodes / 2) - 400, (i) => `k${i}: 0\n`)), rules: [] },
  {
    name: 'the most alias expansion',
    make: () => withYaml(`z: &z [0, 0, 0, 0, 0, 0, 0, 0, 0]\n${range(Math.floor(limits.yamlAliasNodes / 9), (i) => `a${i}: *z\n`)}`),
    rules: [],
  },
]

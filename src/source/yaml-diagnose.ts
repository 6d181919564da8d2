/**
 * YAML syntax errors as a clerk would understand them, at the line that is
 * wrong. The `yaml` library reports a problem where it notices it: a
 * mis-indented line is reported at the siblings after it, an unclosed `[`
 * at the next line, `licensing：45` (full-width colon, typed with a Chinese
 * input method) as a key spanning two lines. Small handlers, in the spirit of
 * Quarto's error handlers, map each raw error back to its cause; what they
 * do not recognise keeps the library's position and a translated reason.
 */
import type { YAMLError, YAMLWarning } from 'yaml'
import { yamlErrorText } from './yaml-errors.js'

export interface YamlProblem {
  /** Offsets in the YAML text. */
  start: number
  end: number
  /** The catalogue rule: a syntax error, or full-width punctuation. */
  ruleId: 'yaml-syntax' | 'ascii-punctuation'
  /** [zh, en] explanation. */
  reason: [string, string]
  /** The library's own message, for `--verbose`. */
  note?: string
}

interface Line {
  start: number
  text: string
  indent: number
  /** Blank or comment only. */
  empty: boolean
}

function splitLines(yaml: string): Line[] {
  const lines: Line[] = []
  let start = 0
  for (const text of yaml.split('\n')) {
    const body = text.replace(/\r$/, '')
    const indent = body.length - body.trimStart().length
    lines.push({ start, text: body, indent, empty: /^\s*(#.*)?$/.test(body) })
    start += text.length + 1
  }
  return lines
}

/** A key line with no value on it (`refused:`): it opens a block. */
const opens = (line: Line) => /^\s*[^#\s][^#]*:\s*(#.*)?$/.test(line.text) && !/^\s*-\s/.test(line.text)

const KEY = '[A-Za-z_][\\w-]*'
const FULLWIDTH_COLON = new RegExp(`^(\\s*)(${KEY})\\s*：`)
const NO_SPACE = new RegExp(`^(\\s*)(${KEY}):(?=[^\\s:])`)

/** Problems found on the text itself (input-method punctuation, a missing space); claimed lines. */
function punctuation(lines: Line[]): { problems: YamlProblem[]; claimed: Set<number> } {
  const problems: YamlProblem[] = []
  const claimed = new Set<number>()
  lines.forEach((line, i) => {
    const full = FULLWIDTH_COLON.exec(line.text)
    if (full) {
      const at = line.start + line.text.indexOf('：', full[1]!.length)
      problems.push({
        start: at,
        end: at + 1,
        ruleId: 'ascii-punctuation',
        reason: [
          `键 \`${full[2]}\` 后是全角冒号「：」，应为半角冒号加空格「: 」（中文输入法下请切换到英文标点）`,
          `the key \`${full[2]}\` is followed by a full-width colon 「：」; write an ASCII colon and a space ": "`,
        ],
      })
      claimed.add(i)
      return
    }
    const tight = NO_SPACE.exec(line.text)
    if (tight) {
      const at = line.start + tight[1]!.length + tight[2]!.length
      const value = line.text.slice(tight[0].length).trim()
      problems.push({
        start: at,
        end: at + 1,
        ruleId: 'yaml-syntax',
        reason: [`冒号后缺少空格：应写 \`${tight[2]}: ${value}\``, `missing space after the colon: write \`${tight[2]}: ${value}\``],
      })
      claimed.add(i)
    }
  })
  return { problems, claimed }
}

/** Index of the line holding `offset`. */
function lineAt(lines: Line[], offset: number): number {
  let lo = 0
  let hi = lines.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (lines[mid]!.start <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

const previous = (lines: Line[], i: number) => {
  for (let j = i - 1; j >= 0; j--) if (!lines[j]!.empty) return j
  return -1
}
const next = (lines: Line[], i: number) => {
  for (let j = i + 1; j < lines.length; j++) if (!lines[j]!.empty) return j
  return -1
}

/**
 * "All mapping items must start at the same column", reported at line `l`: which line is
 * really out of line, and the indentation its siblings share.
 */
function misaligned(lines: Line[], l: number): { line: number; expected: number } {
  const p = previous(lines, l)
  const n = next(lines, l)
  const indent = (i: number) => lines[i]!.indent
  if (p >= 0 && !opens(lines[p]!)) {
    const pp = previous(lines, p)
    // The first item of a block set the column; the rest agree with `l`: the first one is wrong.
    if (indent(p) > indent(l) && pp >= 0 && opens(lines[pp]!) && indent(pp) < indent(l) && n >= 0 && indent(n) === indent(l))
      return { line: p, expected: indent(l) }
    // `p` stepped out of the block and `l` is back where `p`'s predecessor was: `p` is wrong.
    if (indent(p) < indent(l) && pp >= 0 && !opens(lines[pp]!) && indent(pp) === indent(l)) return { line: p, expected: indent(l) }
    return { line: l, expected: indent(p) }
  }
  return { line: l, expected: n >= 0 ? indent(n) : indent(l) }
}

/** The nearest `[` or `{` before `offset` that is not closed, scanning back a few lines. */
function unclosedOpener(lines: Line[], offset: number): number | undefined {
  for (let i = lineAt(lines, offset), seen = 0; i >= 0 && seen < 50; i--, seen++) {
    const { text, start } = lines[i]!
    const stack: number[] = []
    let quote = ''
    for (let k = 0; k < text.length && start + k < offset; k++) {
      const ch = text[k]!
      if (quote) {
        if (ch === quote) quote = ''
        continue
      }
      if (ch === '"' || ch === "'") quote = ch
      else if (ch === '#' && (k === 0 || /\s/.test(text[k - 1]!))) break
      else if (ch === '[' || ch === '{') stack.push(k)
      else if ((ch === ']' || ch === '}') && stack.length) stack.pop()
    }
    if (stack.length) return start + stack.at(-1)!
    if (i < lineAt(lines, offset) && !lines[i]!.empty && lines[i]!.indent < lines[lineAt(lines, offset)]!.indent) break
  }
  return undefined
}

/** The sibling block of line `l` (indented `indent`): from `l` to the line before one indented less. */
function blockEnd(lines: Line[], l: number, indent: number): number {
  let end = l
  for (let j = l + 1; j < lines.length; j++) {
    if (lines[j]!.empty) continue
    if (lines[j]!.indent < indent) break
    end = j
  }
  return end
}

/**
 * The parser ran out of stack inside a deeply nested value. Where it gave up depends on the
 * stack left (a worker thread has more than the main one), and what follows are consequences:
 * one error, at the top-level key whose value it is, the same however deep the stack.
 */
function tooDeep(lines: Line[], error: YAMLError): YamlProblem {
  let top = lineAt(lines, error.pos[0])
  while (top > 0 && (lines[top]!.empty || lines[top]!.indent > 0)) top--
  const line = lines[top]!
  const colon = line.text.indexOf(':', line.indent)
  return {
    start: line.start + line.indent,
    end: line.start + (colon > line.indent ? colon : line.text.length),
    ruleId: 'yaml-syntax',
    reason: ['此项的值嵌套层次过深，无法读取；前置数据只需几层缩进或括号', 'this value is nested too deep to read; the front matter needs only a few levels'],
    note: 'RESOURCE_EXHAUSTION',
  }
}

const spaces = (n: number): [string, string] => [`${n} 个空格`, `${n} space${n === 1 ? '' : 's'}`]

export function diagnoseYaml(yaml: string, errors: readonly YAMLError[]): YamlProblem[] {
  const lines = splitLines(yaml)
  const exhausted = errors.find((e) => e.code === 'RESOURCE_EXHAUSTION')
  if (exhausted) return [tooDeep(lines, exhausted)]
  const { problems, claimed } = punctuation(lines)
  // Lines already explained: later errors starting there are consequences.
  const covered = (line: number) => claimed.has(line)
  const claim = (from: number, to: number) => {
    for (let j = from; j <= to; j++) claimed.add(j)
  }
  for (const error of errors) {
    const [from, to] = error.pos
    const line = lineAt(lines, from)
    const endLine = lineAt(lines, Math.max(from, to - 1))
    if (covered(line) || (endLine !== line && covered(endLine))) continue
    const note = error.message.split('\n')[0] ?? ''
    const message = error.message

    if (error.code === 'BAD_INDENT' && /same column/.test(message)) {
      const { line: wrong, expected } = misaligned(lines, line)
      const target = lines[wrong]!
      const [actualZh, actualEn] = spaces(target.indent)
      const [expectedZh, expectedEn] = spaces(expected)
      problems.push({
        start: target.start + target.indent,
        end: target.start + target.text.length,
        ruleId: 'yaml-syntax',
        reason: [
          `此行缩进 ${actualZh}，与同级的键不一致（应为 ${expectedZh}）`,
          `this line is indented ${actualEn}, unlike its sibling keys (expected ${expectedEn})`,
        ],
        note,
      })
      claim(Math.min(wrong, line), blockEnd(lines, Math.max(wrong, line), Math.min(expected, target.indent)))
      continue
    }
    if (/Flow (sequence|mapping)|end with a [\]}]/.test(message) || (error.code === 'MISSING_CHAR' && /[\]}]/.test(message))) {
      const opener = unclosedOpener(lines, from)
      if (opener !== undefined) {
        const list = yaml[opener] === '['
        problems.push({
          start: opener,
          end: opener + 1,
          ruleId: 'yaml-syntax',
          reason: list
            ? ['列表的「[」没有闭合：在这一行的末尾补上「]」', 'the list opened by "[" is not closed: add "]" at the end of this line']
            : ['「{」没有闭合：在这一行的末尾补上「}」', 'the mapping opened by "{" is not closed: add "}" at the end of this line'],
          note,
        })
        claim(lineAt(lines, opener), Math.max(endLine, line))
        continue
      }
    }
    if (error.code === 'UNEXPECTED_TOKEN' && /Unexpected , in flow/.test(message)) {
      problems.push({
        start: from,
        end: Math.max(to, from + 1),
        ruleId: 'yaml-syntax',
        reason: ['列表中有空项（两个逗号之间没有值）；空白单元格请写 ~（空白不等于 0）', 'an empty item in a list (nothing between two commas); write ~ for a blank cell'],
        note,
      })
      continue
    }
    if ((error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY') && endLine > line) {
      const deeper = next(lines, line)
      if (deeper >= 0 && deeper <= endLine && lines[deeper]!.indent > lines[line]!.indent && !opens(lines[line]!)) {
        const target = lines[deeper]!
        const [extraZh, extraEn] = spaces(target.indent - lines[line]!.indent)
        problems.push({
          start: target.start + target.indent,
          end: target.start + target.text.length,
          ruleId: 'yaml-syntax',
          reason: [`此行比上一行多缩进了 ${extraZh}；同级的键应对齐`, `this line is indented ${extraEn} more than the line above; sibling keys must line up`],
          note,
        })
        claim(line, deeper)
        continue
      }
    }
    if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && endLine === line && errors.some((e) => e !== error && e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === from)) continue
    problems.push({ start: from, end: to, ruleId: 'yaml-syntax', reason: [yamlErrorText(error.code, 'zh'), yamlErrorText(error.code, 'en')], note })
  }
  return problems.sort((a, b) => a.start - b.start)
}

/** A failure with no position (the conversion to data failed): why, in words. */
export function unplacedYamlFailure(message: string): [string, string] {
  if (/call stack|recursion/i.test(message))
    return ['嵌套层次过深，无法读取；前置数据只需几层缩进', 'nested too deep to read; the front matter needs only a few levels']
  if (/alias/i.test(message))
    return ['别名（*名称）展开的次数过多，无法读取；请直接写出数值', 'too many alias (*name) expansions to read; write the values out']
  return [`无法读取（${message}）`, `cannot be read (${message})`]
}

/** A YAML warning in words: the value was read, but not as the author may think. */
export function yamlWarningText(warning: YAMLWarning): [string, string] {
  const tag = /tag:? (\S+)/i.exec(warning.message)?.[1]
  if (warning.code === 'TAG_RESOLVE_FAILED')
    return [`未知的标签 ${tag ?? ''}，已按普通文本读取；请删去标签`.replace('  ', ' '), `unknown tag ${tag ?? ''}, read as plain text; delete the tag`.replace('  ', ' ')]
  return [yamlErrorText(warning.code, 'zh'), yamlErrorText(warning.code, 'en')]
}

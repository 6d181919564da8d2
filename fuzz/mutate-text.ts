/**
 * Mutations that know reports are text: YAML values of the wrong type,
 * deep nesting, huge values, Markdown and HTML constructs by the thousand,
 * the characters a Chinese input method produces, other encodings and
 * line endings.
 */
import { encodeGbk, encodeUtf16, mojibake } from './encodings.js'
import type { MutateContext, Mutator } from './mutate-bytes.js'
import type { Rng } from './prng.js'

const decoder = new TextDecoder('utf-8', { fatal: false })
const encoder = new TextEncoder()

/** A mutation of the text; bytes that are not UTF-8 are decoded with replacement characters. */
const onText =
  (f: (text: string, ctx: MutateContext) => string): Mutator =>
  (input, ctx) => {
    const out = encoder.encode(f(decoder.decode(input), ctx))
    return out.length > ctx.maxBytes ? out.subarray(0, ctx.maxBytes) : out
  }

const lineStarts = (text: string) => {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** Insert `piece` at the start of a random line. */
const atLine = (text: string, rng: Rng, piece: string) => {
  const at = rng.pick(lineStarts(text))
  return text.slice(0, at) + piece + text.slice(at)
}

const size = (rng: Rng) => rng.pick([2, 10, 40, 100, 1000, 5000, 10_000, 100_000])

const VALUES = [
  '[]', '{}', '~', 'null', '""', '"文字"', '-1', '-0', '1.5', '1e400', '1e-400', '9007199254740993', '0x1F', '0o17', '.inf', '-.inf', '.nan',
  '[1, [2, [3]]]', '{a: 1}', '*nope', '&a 1', '!!binary aGVsbG8=', '!custom x', '|\n  多行\n  文字', '>-\n  折叠', 'true', 'no', "'０１２'",
  '1,234', '6，1，0，0，0，0，7', '１２', '2025-02-30', '0000-00-00', '9999-12-31', '"\\u0000"', '"\\ud800"', '[0, , 0]', '/', '[~, ~, ~, ~, ~, ~]',
  '[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]', '[1e400, 0, 0, 0, 0, 0]', '"   "', '? complex\n  : key', '# 待核对: 原文不清',
]

const TOKENS = [
  '---\n', '...\n', '# 待核对: x\n', '：', '，', '、', '０', '１', '\u00a0', '\u3000', '\u200b', '\u202e', '\ufeff', '\u0000', '\t', '\r', '😀', '\ud800',
  '## 一、总体情况\n', '## 七、附录\n', '# 标题\n', '<script>alert(1)</script>', '<!--', '-->', '{{', '}}', '{{#each x}}', '$', '\\', '`', '~~~\n',
  '```\n', '| a | b |\n|---|---|\n', '[^1]', '[^1]: 注\n', '![图](http://a.cn/x.png)', '<http://a.cn>', 'www.a.cn）中文', 'javascript:alert(1)',
]

const NESTING: ((n: number) => string)[] = [
  (n) => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`,
  (n) => `x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`,
  (n) => `x:\n${'- '.repeat(n)}1\n`,
  (n) => Array.from({ length: Math.min(n, 3000) }, (_, i) => `${' '.repeat(i)}k:\n`).join('') + ' '.repeat(Math.min(n, 3000)) + 'v\n',
  (n) => `${'>'.repeat(n)} 引用\n`,
  (n) => `${'- '.repeat(n)}项\n`,
  (n) => Array.from({ length: Math.min(n, 3000) }, (_, i) => `${' '.repeat(2 * i)}- 项\n`).join(''),
  (n) => `${'> - '.repeat(n)}项\n`,
  (n) => `${'1. '.repeat(n)}项\n`,
  (n) => `${'<div>'.repeat(n)}文字${'</div>'.repeat(n)}\n`,
  (n) => '<b><i>文字</b>'.repeat(n) + '\n',
  (n) => `${'<table><tr><td>'.repeat(n)}x\n`,
  (n) => `${'*'.repeat(n)}强调${'*'.repeat(n)}\n`,
]

const CONSTRUCTS = [
  '[', '[a](', '[a]', '[a][b]', '![', '[^1]', '&amp;', '&#123;', '&nbsp;', '*a* ', '_a_ ', '~~a~~ ', '`a` ', '<span>a</span>', '\\*', '<http://a.cn> ',
  'www.a.cn ', 'a@b.cn ', '| a ', '标题\n===\n', '段落\n---\n', '- 项\n', '> 引\n', '[r]: http://a.cn\n', '[^n]: 注\n', '    代码\n', '```\n',
  '<!-- ', '<div>', '</div>', '\n\n', '文字，', '2024年', '１２３', '【】', '〔2024〕1号',
]

const NUMBERS = ['-1', '1e400', '9007199254740993', '0.1', '1,000', '１０', '007', '1_000', '0x10', '.5', '5.', '99999999999999999999', '~', '/']

export const textMutators: Record<string, Mutator> = {
  'yaml-value': onText((text, { rng }) => {
    // A `key: value` line of the front matter gets a value of another type.
    const end = text.indexOf('\n---', 4)
    const lines = lineStarts(text).filter((at) => end < 0 || at < end)
    for (let tries = 0; tries < 8; tries++) {
      const at = rng.pick(lines)
      const lineEnd = text.indexOf('\n', at)
      const line = text.slice(at, lineEnd < 0 ? text.length : lineEnd)
      const colon = line.indexOf(': ')
      if (colon < 0) continue
      return text.slice(0, at + colon + 2) + rng.pick(VALUES) + text.slice(lineEnd < 0 ? text.length : lineEnd)
    }
    return text
  }),
  numbers: onText((text, { rng }) => {
    let count = 0
    return text.replace(/\b\d+\b/g, (m) => (rng.chance(0.1) && count++ < 20 ? rng.pick(NUMBERS) : m))
  }),
  'insert-token': onText((text, { rng }) => {
    const at = rng.int(text.length + 1)
    return text.slice(0, at) + rng.pick(TOKENS) + text.slice(at)
  }),
  'deep-nesting': onText((text, { rng }) => atLine(text, rng, rng.pick(NESTING)(size(rng)))),
  'huge-value': onText((text, { rng, maxBytes }) => {
    const starts = lineStarts(text)
    const i = rng.int(starts.length)
    const line = text.slice(starts[i]!, (starts[i + 1] ?? text.length + 1) - 1)
    const mode = rng.int(3)
    const times = Math.max(1, Math.min(size(rng), Math.floor(maxBytes / 3 / Math.max(1, line.length + 1))))
    // The line repeated (rows), its last word repeated in place (one long value), or one long run.
    if (mode === 0) return text.slice(0, starts[i]!) + `${line}\n`.repeat(times) + text.slice(starts[i]!)
    if (mode === 1) return text.slice(0, starts[i]! + line.length) + line.slice(-4).repeat(times) + text.slice(starts[i]! + line.length)
    return atLine(text, rng, `${rng.pick(['政', 'a', '0', ' ', 'x'.repeat(7) + '/'])}`.repeat(Math.min(times * 8, Math.floor(maxBytes / 3))) + '\n')
  }),
  'markdown-construct': onText((text, { rng }) => {
    const piece = rng.pick(CONSTRUCTS).repeat(size(rng))
    return rng.chance(0.5) ? atLine(text, rng, piece) : text + '\n' + piece
  }),
  'swap-lines': onText((text, { rng }) => {
    const lines = text.split('\n')
    for (let n = rng.between(1, 3); n > 0 && lines.length > 1; n--) {
      const a = rng.int(lines.length)
      const b = rng.int(lines.length)
      ;[lines[a], lines[b]] = [lines[b]!, lines[a]!]
    }
    return lines.join('\n')
  }),
  'line-endings': onText((text, { rng }) => {
    const kind = rng.int(3)
    return kind === 0 ? text.replace(/\n/g, '\r\n') : kind === 1 ? text.replace(/\n/g, '\r') : text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r']))
  }),
  encoding: (input, { rng }) => {
    const text = decoder.decode(input)
    switch (rng.int(6)) {
      case 0:
        return encodeGbk(text)
      case 1:
        return encodeUtf16(text, 'le', rng.chance(0.7))
      case 2:
        return encodeUtf16(text, 'be', rng.chance(0.7))
      case 3:
        return mojibake(input)
      case 4:
        return encoder.encode('\ufeff' + text)
      default: {
        // A BOM, or a stray invalid sequence, in the middle.
        const at = rng.int(input.length + 1)
        const bad = rng.pick([[0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xff], [0xe4, 0xb8]])
        const out = new Uint8Array(input.length + bad.length)
        out.set(input.subarray(0, at))
        out.set(bad, at)
        out.set(input.subarray(at), at + bad.length)
        return out
      }
    }
  },
}

/**
 * The one-walk style lookup of the PDF speed-ups (speedups-stack.ts `lookUpAll`) gives what
 * pdfmake's own `StyleContextStack#getProperty` gives, name by name. This file installs no
 * patch, so the stack here walks as pdfmake wrote it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { pdfmakeInternal } from '../src/render/pdf/pdfmake-internals.js'
import { lookUpAll, type Stack } from '../src/render/pdf/speedups-stack.js'

type RealStack = Stack & { getProperty(name: string): unknown; push(item: unknown): void }
const StyleContextStack = pdfmakeInternal<new (dictionary: object, defaultStyle?: object) => RealStack>('StyleContextStack')

const NAMES = ['font', 'bold', 'fontSize', 'color', 'alignment', 'lineHeight', 'opacity', 'noWrap', 'margin']
const FALLBACK = 'fallback'

/** A small deterministic generator, so a failure names its case. */
function random(seed: number): () => number {
  let s = seed
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648)
}

function styleFrom(next: () => number): Record<string, unknown> {
  const style: Record<string, unknown> = {}
  for (const name of NAMES) {
    const r = next()
    if (r < 0.15) style[name] = null
    else if (r < 0.2) style[name] = undefined
    else if (r < 0.45) style[name] = `${name}-${Math.floor(next() * 100)}`
    else if (r < 0.5) style[name] = 0
    else if (r < 0.55) style[name] = false
  }
  return style
}

function check(stack: RealStack, label: string): void {
  const wanted = NAMES.map((name) => [name, FALLBACK] as const)
  const out: Record<string, unknown> = {}
  lookUpAll(stack, wanted, out)
  const expected = Object.fromEntries(NAMES.map((name) => {
    const value = stack.getProperty(name)
    return [name, value !== undefined && value !== null ? value : FALLBACK]
  }))
  assert.deepEqual(out, expected, label)
}

test('one walk down the stack gives what getProperty gives for every name (500 random stacks)', () => {
  for (let seed = 1; seed <= 500; seed++) {
    const next = random(seed)
    const dictionary: Record<string, Record<string, unknown>> = { a: styleFrom(next), b: styleFrom(next), c: styleFrom(next) }
    const stack = new StyleContextStack(dictionary, next() < 0.7 ? styleFrom(next) : undefined)
    const depth = Math.floor(next() * 6)
    for (let i = 0; i < depth; i++) {
      const r = next()
      stack.push(r < 0.4 ? ['a', 'b', 'c', 'missing'][Math.floor(next() * 4)]! : styleFrom(next))
    }
    check(stack, `seed ${seed}`)
  }
})

test('a style that extends another, and a style name as a String object, are looked up as pdfmake does', () => {
  const dictionary = {
    base: { font: 'serif', color: 'black' },
    heading: { extends: 'base', bold: true, fontSize: 16 },
    body: { fontSize: 12, color: null },
  }
  const extending = new StyleContextStack(dictionary, { lineHeight: 1.5 })
  extending.push('body')
  extending.push('heading')
  check(extending, 'extends')
  const out: Record<string, unknown> = {}
  lookUpAll(extending, [['font', FALLBACK]], out)
  assert.equal(out.font, 'serif', 'from the style it extends')
  const stringObject = new StyleContextStack(dictionary)
  stringObject.push(new String('body'))
  stringObject.push({ bold: false })
  check(stringObject, 'String object')
})

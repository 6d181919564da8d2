/**
 * The labelled narrative corpus is well-formed, and the named false
 * alarm and misses are read right. The aggregate precision and recall are
 * measured by `npm run bench` (bench/narrative.ts), not asserted here.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findDerived } from '../src/source/derived.js'
import { classify, loadCorpus } from './util/narrative-corpus.js'

const corpus = loadCorpus()

test('the corpus is well-formed: 150 or more labelled sentences, each with a loaded report and a known figure', () => {
  assert.ok(corpus.sentences.length >= 150, `only ${corpus.sentences.length} sentences`)
  const seen = new Set<string>()
  for (const s of corpus.sentences) {
    assert.ok(typeof s.text === 'string' && s.text.trim() !== '', 'empty sentence')
    assert.ok(!seen.has(`${s.report}\u0000${s.text}`), `duplicate: ${s.text}`)
    seen.add(`${s.report}\u0000${s.text}`)
    assert.ok(corpus.reports.has(s.report), `unknown report ${s.report}`)
    assert.ok(['agrees', 'contradicts', 'none'].includes(s.label), `bad label ${s.label}`)
    assert.ok(['seed', 'variant'].includes(s.origin), `bad origin ${s.origin}`)
    if (s.label !== 'none') {
      assert.ok(s.figure, `a ${s.label} sentence names its figure: ${s.text}`)
      assert.ok(findDerived(corpus.reports.get(s.report)!.report.format, s.figure), `unknown figure ${s.figure}`)
    }
  }
  for (const label of ['agrees', 'contradicts', 'none']) assert.ok(corpus.sentences.filter((s) => s.label === label).length >= 30, `few ${label}`)
  assert.ok(corpus.sentences.filter((s) => s.origin === 'seed').length >= 20, 'few seed sentences')
})

const named = (name: string) => {
  const sentence = corpus.sentences.find((s) => s.case === name)
  assert.ok(sentence, `the corpus lacks the case ${name}`)
  return { sentence, ...classify(corpus, sentence) }
}

test('false alarm of the issue: 「共受理…16 件（其中上年结转 1 件）」 is 15 new + 1 carried over', () => {
  const { label, findings } = named('total-adds-carried-over')
  assert.equal(label, 'agrees')
  const total = findings.find((f) => f.claim.stated === 16)!
  assert.equal(total.matched?.key, 'received')
  assert.equal(findings.find((f) => f.claim.stated === 1)?.matched?.key, 'carried_over')
})

for (const [name, figure] of [
  ['carried-forward-contradicts', 'carried_forward'],
  ['handled-contradicts', 'handled'],
  ['on-request-contradicts', 'received'],
] as const) {
  test(`miss of the issue now found: ${name}`, () => {
    const { label, findings } = named(name)
    assert.equal(label, 'contradicts')
    const wrong = findings.find((f) => f.verdict === 'contradicts')!
    assert.ok(wrong.compared.some((c) => c.def.key === figure), `compared with ${wrong.compared.map((c) => c.def.key)}`)
  })
}

test('a sentence about another year is not compared', () => {
  const { label, findings } = named('another-year')
  assert.equal(label, 'none')
  assert.deepEqual(findings, [])
})

test('the 12345 hotline counts are not compared with the applications', () => {
  assert.equal(named('hotline-counts').label, 'none')
})

test('numbers spelt in Chinese are read: 十六件, 一件', () => {
  const { label, findings } = named('chinese-numerals')
  assert.equal(label, 'agrees')
  assert.deepEqual(findings.map((f) => f.claim.stated), [16, 1])
})

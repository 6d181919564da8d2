/**
 * Loads started a few items ahead: given in order, never more than `ahead`
 * in flight, a failure thrown in its turn (and never unhandled before it).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readAhead } from '../src/read-ahead.js'

test('items come in order, with at most `ahead` loads in flight', async () => {
  const items = Array.from({ length: 20 }, (_, i) => i)
  let started = 0
  let done = 0
  let most = 0
  // Later items resolve first: the order must still be the items'.
  const load = (i: number) => {
    started++
    most = Math.max(most, started - done)
    return new Promise<number>((resolve) =>
      setTimeout(() => {
        done++
        resolve(i * 10)
      }, 20 - i),
    )
  }
  const out: number[] = []
  for await (const value of readAhead(items, 3, load)) out.push(value)
  assert.deepEqual(out, items.map((i) => i * 10))
  assert.equal(most, 3, 'three loads in flight, no more')
  assert.equal(started, items.length)
})

test('a failed load is thrown in its turn, after the items before it', async () => {
  let unhandled = 0
  const count = () => unhandled++
  process.on('unhandledRejection', count)
  try {
    const load = (i: number) => (i === 2 ? Promise.reject(new Error('gone')) : new Promise<number>((resolve) => setTimeout(() => resolve(i), 10)))
    const out: number[] = []
    await assert.rejects(async () => {
      for await (const value of readAhead([0, 1, 2, 3, 4], 4, load)) out.push(value)
    }, /gone/)
    assert.deepEqual(out, [0, 1])
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(unhandled, 0)
  } finally {
    process.off('unhandledRejection', count)
  }
})

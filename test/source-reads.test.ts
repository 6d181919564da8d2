/**
 * A whole-tree build reads each source once (src/source/source-reads.ts): the
 * identity that finds copies and the cache key (own text and the previous
 * year's) share that read. That an edit of last year's source still rebuilds
 * this year's report is test/record-reuse.test.ts.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { limits } from '../src/limits.js'
import { SourceReads } from '../src/source/source-reads.js'

test('SourceReads: one read per path, hashed; a file over the size limit is hashed by size and time, not read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-reads-'))
  const path = join(dir, '2024.md')
  writeFileSync(path, '---\nyear: 2024\n---\n')
  const reads = new SourceReads()
  const first = reads.read(path)
  assert.equal(first?.hash, createHash('sha256').update('---\nyear: 2024\n---\n').digest('hex'))
  assert.equal(first?.bytes?.toString('utf8'), '---\nyear: 2024\n---\n')
  writeFileSync(path, 'changed')
  assert.equal(reads.read(path), first, 'the second ask is the first read')
  reads.releaseBytes()
  assert.deepEqual(reads.read(path), { hash: first!.hash }, 'bytes dropped, hash kept')

  const big = join(dir, '2023.md')
  writeFileSync(big, Buffer.alloc(limits.fileBytes + 1, 0x61))
  const bigRead = new SourceReads().read(big)
  assert.equal(bigRead?.bytes, undefined)
  assert.match(bigRead?.hash ?? '', /^size:\d+:mtime:\d+$/)

  assert.equal(reads.read(join(dir, 'missing.md')), undefined)
  assert.equal(reads.read(dir), undefined, 'a folder is no source')
})

/**
 * A whole-tree build finds copies and clashes by each source's agency and
 * year (src/source/identity.ts). It keeps them in the build cache by the
 * text's SHA-256, so a no-op build does not parse a thousand front
 * matters again; a changed text, or other nianbao code, is read afresh.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { buildTree, CACHE_NAME } from '../src/build/build-tree.js'
import { limits } from '../src/limits.js'
import { identityFromText, identityOfRead, type IdentityMemo } from '../src/source/identity.js'
import { SourceReads } from '../src/source/source-reads.js'

const repo = join(import.meta.dirname, '..')
/** As a build does it: one read of the file, then its identity, known or parsed. */
const readReportIdentity = async (path: string, memo: IdentityMemo) => identityOfRead(new SourceReads().read(path), memo)
const sha = (path: string) => createHash('sha256').update(readFileSync(path, 'utf8')).digest('hex')

test('identityOfRead: a known hash is taken as it is, an unknown text is parsed; both are kept for next time', async () => {
  const path = join(repo, 'content', 'ruzhou-wsjkw', '2024.md')
  const parsed = identityFromText(readFileSync(path, 'utf8'))
  assert.deepEqual(parsed, { agency: '汝州市卫生健康委员会', year: 2024 })
  const fresh: IdentityMemo = { known: {}, seen: {} }
  assert.deepEqual(await readReportIdentity(path, fresh), parsed)
  assert.deepEqual(fresh.seen, { [sha(path)]: parsed })
  const kept: IdentityMemo = { known: { [sha(path)]: { agency: '缓存中的机关', year: 1999 } }, seen: {} }
  assert.deepEqual(await readReportIdentity(path, kept), { agency: '缓存中的机关', year: 1999 })
  assert.deepEqual(kept.seen, kept.known)
  const none: IdentityMemo = { known: { [sha(path)]: null }, seen: {} }
  assert.equal(await readReportIdentity(path, none), undefined, 'a text known to have no identity')
})

test('a file over the size limit has no identity and is not read (its validation says why)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-identity-big-'))
  const path = join(dir, '2024.md')
  const text = readFileSync(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
  writeFileSync(path, text)
  assert.ok(await readReportIdentity(path, { known: {}, seen: {} }), 'a report of normal size has one')
  writeFileSync(path, text + 'x'.repeat(limits.fileBytes))
  const memo: IdentityMemo = { known: {}, seen: {} }
  assert.equal(await readReportIdentity(path, memo), undefined)
  assert.deepEqual(memo.seen, {}, 'nothing hashed')
})

test('the build takes identities from its cache until the text changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-identity-'))
  const content = join(dir, 'content')
  cpSync(join(repo, 'content'), content, { recursive: true })
  // A copy of 兖州 2024 in another folder: the same report twice, so neither is built.
  const original = join(content, 'yanzhou-wsjkj', '2024.md')
  const copy = join(content, 'yanzhou-copy', '2024.md')
  cpSync(original, copy)
  appendFileSync(copy, '\n')
  const options = { root: content, outDir: join(dir, 'out'), jobs: 1, targets: ['html' as const], stdout: () => undefined, stderr: () => undefined, tty: false }
  const notBuilt = async () => (await buildTree(options)).results.filter((r) => !r.built).map((r) => r.path).sort()
  assert.deepEqual(await notBuilt(), [original, copy].sort())

  // The cache is believed: told the copy is another agency's, the build no longer sees the clash.
  const cachePath = join(dir, 'out', CACHE_NAME)
  const cache = JSON.parse(readFileSync(cachePath, 'utf8')) as { identities: { byHash: Record<string, unknown> } }
  assert.deepEqual(cache.identities.byHash[sha(copy)], { agency: '济宁市兖州区卫生健康局', year: 2024 })
  cache.identities.byHash[sha(copy)] = { agency: '缓存中的机关', year: 2024 }
  writeFileSync(cachePath, JSON.stringify(cache))
  assert.deepEqual(await notBuilt(), [])

  // An edit changes the text's hash: it is read again, and the clash is found again.
  appendFileSync(copy, '\n补充说明。\n')
  assert.deepEqual(await notBuilt(), [original, copy].sort())
})

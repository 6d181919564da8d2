/**
 * `nianbao validate --watch`: a saved change prints a new block between the
 * begin and end markers, each line read by the problem matcher the README
 * documents (the test takes the matcher from the README itself), and
 * Ctrl-C ends it cleanly.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const repo = join(import.meta.dirname, '..')
const bin = join(repo, 'bin', 'nianbao.js')

interface Matcher {
  pattern: { regexp: string; file: number; line: number; column: number; endLine: number; endColumn: number; severity: number; code: number; message: number }
  background: { beginsPattern: string; endsPattern: string }
}

/** The problem matcher of the README's tasks.json snippet. */
function readmeMatcher(): Matcher {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8')
  const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('"problemMatcher"'))
  assert.ok(block, 'README has a tasks.json with a problemMatcher')
  const tasks = JSON.parse(block) as { tasks: { problemMatcher: Matcher }[] }
  return tasks.tasks[0]!.problemMatcher
}

test('--watch prints a new block after a change, in the format of the README problem matcher; Ctrl-C ends it', async () => {
  const matcher = readmeMatcher()
  const pattern = new RegExp(matcher.pattern.regexp)
  const begins = new RegExp(matcher.background.beginsPattern)
  const ends = new RegExp(matcher.background.endsPattern)

  const dir = await mkdtemp(join(tmpdir(), 'nianbao-watch-'))
  const path = join(dir, 'agency', '2024.md')
  await cp(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), path)
  const child = spawn(process.execPath, [bin, 'validate', '--watch', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const blocks = (): string[][] => {
    const out: string[][] = []
    let current: string[] | undefined
    for (const line of stdout.split('\n')) {
      if (begins.test(line)) current = []
      else if (ends.test(line) && current) {
        out.push(current)
        current = undefined
      } else current?.push(line)
    }
    return out
  }
  const waitForBlocks = (n: number) =>
    new Promise<string[][]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${n} blocks within 30 s:\n${stdout}\n${stderr}`)), 30000)
      const check = () => {
        if (blocks().length < n) return
        clearTimeout(timer)
        child.stdout.off('data', onData)
        resolve(blocks())
      }
      const onData = (chunk: Buffer) => {
        stdout += chunk.toString()
        check()
      }
      child.stdout.on('data', onData)
      check()
    })
  try {
    const first = await waitForBlocks(1)
    assert.deepEqual(first[0], [], 'the report starts clean')

    const text = await readFile(path, 'utf8')
    const line = text.split('\n').findIndex((l) => l.startsWith('  licensing:'))
    await writeFile(path, text.replace(/^ {2}licensing: 0/m, '  licensing: -1'))
    const second = (await waitForBlocks(2))[1]!
    assert.equal(second.length, 1, second.join('\n'))
    const match = pattern.exec(second[0]!)
    assert.ok(match, `the matcher reads ${second[0]}`)
    const group = (name: keyof Matcher['pattern']) => match[matcher.pattern[name] as number]
    assert.equal(group('file'), path)
    assert.equal(Number(group('line')), line + 1)
    assert.equal(Number(group('column')), 14)
    assert.equal(Number(group('endColumn')), 16)
    assert.equal(group('severity'), 'error')
    assert.equal(group('code'), 'count-non-negative-integer')
    assert.match(group('message')!, /件数应为非负整数/)
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    assert.equal(await exited, 0)
    assert.equal(stderr, '')
    await rm(dir, { recursive: true, force: true })
  }
})

/**
 * `nianbao lsp` through a real protocol client (a spawned server, JSON-RPC
 * over stdio): the published diagnostics equal `nianbao validate --format
 * json` for the same files, they follow edits (and the previous year's
 * file, from disk or from the editor), hover names the official labels,
 * completion offers the definition's keys and the official headings.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import type { Diagnostic as LspDiagnostic, MarkupContent } from 'vscode-languageserver-protocol'
import type { Diagnostic } from '../src/diagnostics/types.js'
import { looksLikeReport } from '../src/lsp/analyze.js'
import { LspClient } from './util/lsp-client.js'

const repo = join(import.meta.dirname, '..')
const bin = join(repo, 'bin', 'nianbao.js')
const rules = join(repo, 'test', 'fixtures', 'rules')
const seed = join(repo, 'content', 'ruzhou-wsjkw', '2024.md')
const uriOf = (path: string) => pathToFileURL(path).href

function validateJson(paths: string[], lang: 'zh' | 'en' = 'zh'): Diagnostic[] {
  const run = spawnSync(process.execPath, [bin, 'validate', ...paths, '--format', 'json', '--lang', lang], { encoding: 'utf8', maxBuffer: 1 << 26 })
  assert.ok(run.status === 0 || run.status === 1, run.stderr)
  return JSON.parse(run.stdout) as Diagnostic[]
}

const point = (line: number, column: number) => ({ line: line - 1, character: column - 1 })

/** What the protocol should carry for one of `validate`'s diagnostics. */
function expectedLsp(d: Diagnostic, uri: string): LspDiagnostic {
  const start = point(d.line, d.column)
  const out: LspDiagnostic = {
    range: { start, end: d.endLine !== undefined ? point(d.endLine, d.endColumn!) : start },
    severity: d.severity === 'error' ? 1 : d.severity === 'warning' ? 2 : 3,
    code: d.ruleId,
    source: 'nianbao',
    message: d.message,
  }
  if (d.cause) {
    const cause = d.cause
    const causeStart = point(cause.line, cause.column)
    const causeUri = cause.file === d.file ? uri : pathToFileURL(resolve(cause.file)).href
    out.relatedInformation = [
      { location: { uri: causeUri, range: { start: causeStart, end: cause.endLine !== undefined ? point(cause.endLine, cause.endColumn!) : causeStart } }, message: cause.message },
    ]
  }
  return out
}

/** Every not-ok input of the rule fixtures that is text (the binary and GBK cases cannot be open in an editor). */
function fixtureInputs(): string[] {
  const out: string[] = []
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name))
    else if (path.endsWith('.md')) out.push(path)
  }
  for (const rule of readdirSync(rules).sort()) {
    const single = join(rules, rule, 'not-ok.md')
    if (existsSync(single)) out.push(single)
    else if (existsSync(join(rules, rule, 'not-ok'))) walk(join(rules, rule, 'not-ok'))
  }
  return out.filter((path) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path))
      return !readFileSync(path).includes(0)
    } catch {
      return false
    }
  })
}

let client: LspClient
let dir: string

before(async () => {
  client = await LspClient.start({ snippets: true })
  dir = await mkdtemp(join(tmpdir(), 'nianbao-lsp-'))
})

after(async () => {
  assert.equal(await client.stop(), 0)
  assert.equal(client.stderr.join(''), '')
  await rm(dir, { recursive: true, force: true })
})

test('published diagnostics equal validate --format json for every rule fixture', async () => {
  // A Markdown file neither named <year>.md nor with a report's front matter is not a report to the
  // server (a README stays quiet): such a fixture is checked under a report's name.
  const inputs = await Promise.all(
    fixtureInputs().map(async (path, i) => {
      if (looksLikeReport(path, readFileSync(path, 'utf8'))) return path
      const copy = join(dir, 'renamed', String(i), '2024.md')
      await cp(path, copy)
      return copy
    }),
  )
  assert.ok(inputs.length >= 25, `only ${inputs.length} fixture inputs`)
  assert.ok(inputs.filter((p) => p.startsWith(dir)).length <= 2, 'most fixtures are reports by their front matter')
  // One validate run for all of them; `report-unique` compares the files validated together (many
  // fixtures share an agency and year), so it is left out here: an open document is one file, as
  // `nianbao validate <file>` is. The rule's own fixture is compared alone, where it says nothing.
  const expected = validateJson(inputs).filter((d) => d.ruleId !== 'report-unique')
  let compared = 0
  for (const path of inputs) {
    const uri = uriOf(path)
    const published = await client.open(uri, readFileSync(path, 'utf8'))
    const want = expected.filter((d) => d.file === path).map((d) => expectedLsp(d, uri))
    assert.deepEqual(published, want, path)
    compared += want.length
    client.close(uri)
  }
  assert.ok(compared >= inputs.length, `compared only ${compared} diagnostics`)

  const copy = join(rules, 'report-unique', 'not-ok', 'agency', '2024.md')
  const uri = uriOf(copy)
  assert.deepEqual(await client.open(uri, readFileSync(copy, 'utf8')), validateJson([copy]).map((d) => expectedLsp(d, uri)))
  client.close(uri)
})

test('an edit updates the diagnostics; the new ones equal validate of the edited file', async () => {
  const path = join(dir, 'edit', '2024.md')
  await cp(seed, path)
  const uri = uriOf(path)
  const text = await readFile(path, 'utf8')
  assert.deepEqual(await client.open(uri, text), [])
  const line = text.split('\n').findIndex((l) => l.startsWith('  licensing:'))
  const edit = { range: { start: { line, character: 13 }, end: { line, character: 14 } }, text: '-1' }
  const published = await client.change(uri, [edit])
  assert.equal(published.length, 1)
  assert.equal(published[0]!.code, 'count-non-negative-integer')
  assert.deepEqual(published[0]!.range, { start: { line, character: 13 }, end: { line, character: 15 } })
  const lines = text.split('\n')
  lines[line] = lines[line]!.slice(0, 13) + '-1' + lines[line]!.slice(14)
  await writeFile(path, lines.join('\n'))
  assert.deepEqual(published, validateJson([path]).map((d) => expectedLsp(d, uri)))
  // Undo: clean again.
  assert.deepEqual(await client.change(uri, [{ range: { start: { line, character: 13 }, end: { line, character: 15 } }, text: '0' }]), [])
  client.close(uri)
})

test('the previous year comes from disk, or from the editor while it is open there', async () => {
  const folder = join(dir, 'cross', 'agency')
  await cp(join(rules, 'carried-over-matches-last-year', 'not-ok', 'agency'), folder, { recursive: true })
  const current = join(folder, '2024.md')
  const previous = join(folder, '2023.md')
  const uri = uriOf(current)
  const fromDisk = await client.open(uri, await readFile(current, 'utf8'))
  assert.deepEqual(fromDisk.map((d) => d.code), ['carried-over-matches-last-year', 'carried-over-matches-last-year'])
  assert.deepEqual(fromDisk, validateJson([current]).map((d) => expectedLsp(d, uri)))

  // 2023 opened and edited (not saved) so that its 结转下年度 is what 2024 carried over.
  const previousText = await readFile(previous, 'utf8')
  const line = previousText.split('\n').findIndex((l) => l.startsWith('  carried_forward:'))
  assert.ok(line > 0)
  const recheck = client.diagnostics(uri, 1)
  await client.open(uriOf(previous), previousText)
  await recheck
  const again = client.diagnostics(uri, 1)
  const width = previousText.split('\n')[line]!.length
  await client.change(uriOf(previous), [{ range: { start: { line, character: 0 }, end: { line, character: width } }, text: '  carried_forward: [0, 0, 0, 0, 0, 0]' }])
  assert.deepEqual(await again, [])

  // Closed without saving: the file on disk counts again.
  const reverted = client.diagnostics(uri, 1)
  client.close(uriOf(previous))
  assert.deepEqual((await reverted).map((d) => d.code), ['carried-over-matches-last-year', 'carried-over-matches-last-year'])
  client.close(uri)
})

const hoverTextOf = (hover: Awaited<ReturnType<LspClient['hover']>>) => hoverText(hover)

function hoverText(hover: Awaited<ReturnType<LspClient['hover']>>): string {
  assert.ok(hover, 'no hover')
  return (hover.contents as MarkupContent).value
}

test('hover names the official row and column, the value type and the rules', async () => {
  const uri = uriOf(join(dir, 'hover', '2024.md'))
  const text = readFileSync(seed, 'utf8')
  const lines = text.split('\n')
  await client.open(uri, text)
  const at = (prefix: string, needle: string, nth = 0) => {
    const line = lines.findIndex((l) => l.startsWith(prefix))
    let character = -1
    for (let i = 0; i <= nth; i++) character = lines[line]!.indexOf(needle, character + 1)
    return [line, character] as const
  }

  const received = hoverText(await client.hover(uri, ...at('  received:', 'received')))
  assert.match(received, /\*\*一\*\*/)
  assert.match(received, /表三 · 一、本年新收政府信息公开申请数量/)
  assert.match(received, /\[自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计（可省略）\]/)
  assert.match(received, /`requests-balance`/)

  const cell = hoverText(await client.hover(uri, ...at('  received:', '3')))
  assert.match(cell, /\*\*一 · 自然人\*\*/)
  assert.match(cell, /表三 · 一、本年新收政府信息公开申请数量 · 自然人/)
  assert.match(cell, /非负整数/)
  assert.match(cell, /`count-non-negative-integer`/)

  const nested = hoverText(await client.hover(uri, ...at('    security_stability:', '0')))
  assert.match(nested, /\*\*三（三）3 · 自然人\*\*/)
  assert.match(nested, /表三 · 三、本年度办理结果 · （三）不予公开 · 3\.危及“三安全一稳定” · 自然人/)
  assert.match(nested, /`total-row-equals-sum`/)

  const group = hoverText(await client.hover(uri, ...at('  refused:', 'refused')))
  assert.match(group, /\*\*三（三）不予公开\*\*/)
  assert.match(group, /1\.属于国家秘密（`state_secret`）/)

  const fee = hoverText(await client.hover(uri, ...at('  fees:', 'fees')))
  assert.match(fee, /本年收费金额/)
  assert.match(fee, /万元/)

  const heading = hoverText(await client.hover(uri, ...at('## 六、', '六')))
  assert.match(heading, /\*\*六、其他需要报告的事项\*\*/)
  assert.match(heading, /（文字描述，收取信息处理费情况在此处报告。）/)
  assert.match(heading, /信息处理费/)

  assert.equal(await client.hover(uri, lines.findIndex((l) => l.startsWith('2024 年')) + 0, 0), null)
  client.close(uri)
})

test('completion offers the keys of the definition at every level and the official headings', async () => {
  const path = join(dir, 'complete', '2024.md')
  const uri = uriOf(path)
  const text = ['---', 'format: gb-2021', 'agency: 某局', 'year: 2024', 'level: ', 'active:', '  regulations:', '    issued: 1', '    ', 'requests:', '  refused:', '    ', '  ', '---', '', '## 一、总体情况', '', '##'].join('\n')
  await client.open(uri, text)
  const labels = async (line: number, character: number) => (await client.completion(uri, line, character)).map((i) => i.label)

  const root = await client.completion(uri, 12, 0)
  assert.ok(root.some((i) => i.label === 'published' && i.detail === '发布日期'))
  assert.ok(!root.some((i) => i.label === 'agency'), 'keys already written are not offered again')
  assert.deepEqual(await labels(8, 4), ['repealed', 'in_force'])
  assert.deepEqual(await labels(11, 4), ['state_secret', 'prohibited_by_law', 'security_stability', 'third_party_rights', 'internal_affairs', 'process_information', 'enforcement_files', 'administrative_query'])
  const requests = await client.completion(uri, 12, 2)
  const received = requests.find((i) => i.label === 'received')
  assert.equal(received?.detail, '一')
  assert.ok(received?.textEdit && 'newText' in received.textEdit)
  assert.equal(received.textEdit.newText, 'received: [${1:~}, ${2:~}, ${3:~}, ${4:~}, ${5:~}, ${6:~}]$0')
  assert.ok(requests.some((i) => i.label === 'not_processed' && i.detail === '三（五）不予处理'))
  assert.ok(!requests.some((i) => i.label === 'refused'))
  const levels = await client.completion(uri, 4, 7)
  assert.ok(levels.some((i) => i.label === 'county' && i.detail === '县级'))

  const headings = await client.completion(uri, 17, 2)
  assert.equal(headings.length, 6)
  assert.equal(headings.find((i) => i.sortText?.startsWith('1'))?.label, '## 一、总体情况', 'a section already written sorts last')
  assert.ok(headings.some((i) => i.label === '## 五、存在的主要问题及改进情况'))
  client.close(uri)
})

test('a Markdown file that is not a report gets nothing', async () => {
  const uri = uriOf(join(dir, 'README.md'))
  assert.deepEqual(await client.open(uri, '# 说明\n\n这不是报告。\n'), [])
  assert.equal(await client.hover(uri, 0, 2), null)
  client.close(uri)
})

test('a huge document gets one diagnostic and the server keeps answering', async () => {
  const uri = uriOf(join(dir, 'huge', '2024.md'))
  const text = readFileSync(seed, 'utf8') + '本年度'.repeat(400_000)
  const published = await client.open(uri, text)
  assert.deepEqual(published.map((d) => d.code), ['document-size-limit'])
  assert.equal(await client.hover(uri, 14, 4), null)
  client.close(uri)
})

test('a validation past the time limit is stopped with one diagnostic; the server recovers', async () => {
  // 1 ms: any validation runs past it (the limit proper is 10 s, for hostile documents).
  const hurried = await LspClient.start({ initializationOptions: { timeLimitMs: 1 } })
  try {
    const path = join(rules, 'requests-balance', 'not-ok.md')
    const uri = uriOf(path)
    const stopped = await hurried.open(uri, readFileSync(path, 'utf8'))
    assert.deepEqual(stopped.map((d) => d.code), ['analysis-time-limit'])
    assert.match(stopped[0]!.message as string, /0\.001 秒/)
    const again = hurried.diagnostics(uri, 1)
    hurried.connection.sendNotification('workspace/didChangeConfiguration', { settings: { nianbao: { timeLimitMs: 10000 } } })
    assert.deepEqual(await again, validateJson([path]).map((d) => expectedLsp(d, uri)))
    assert.ok(hoverTextOf(await hurried.hover(uri, 14, 4)).includes('一'))
  } finally {
    assert.equal(await hurried.stop(), 0)
  }
})

test('the language comes from the initialization options', async () => {
  const english = await LspClient.start({ initializationOptions: { lang: 'en' } })
  try {
    const path = join(rules, 'requests-balance', 'not-ok.md')
    const uri = uriOf(path)
    const published = await english.open(uri, readFileSync(path, 'utf8'))
    assert.deepEqual(published, validateJson([path], 'en').map((d) => expectedLsp(d, uri)))
    assert.match(published[0]!.message as string, /column/)
  } finally {
    assert.equal(await english.stop(), 0)
  }
})

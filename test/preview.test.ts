/**
 * `nianbao preview` without a browser: the server answers only its own
 * Host, never serves a file by path, sends no CORS header; the page it
 * serves is byte for byte the one `nianbao build` writes; its diagnostics
 * are `validate`'s (cross-year included) and point into the page; a file
 * that does not parse gives its errors instead of a page.
 */
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { diagnosticsOf } from '../src/diagnostics/emit.js'
import { validatePaths } from '../src/pipeline.js'
import { previewFile, previewPage, previewText } from '../src/preview/render.js'
import { allowedHost, parseReportPath } from '../src/preview/server.js'
import { editorUrl, panelHtml } from '../src/preview/shell.js'
import { startPreview, type RunningPreview } from '../src/preview/index.js'

const repo = join(import.meta.dirname, '..')
const seed = await readFile(join(repo, 'content', 'ruzhou-wsjkw', '2024.md'), 'utf8')
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** A raw request, so that Host and odd paths go out exactly as written. */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

let root: string
let preview: RunningPreview

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'nianbao-preview-'))
  await mkdir(join(root, 'content', 'ruzhou-wsjkw'), { recursive: true })
  await mkdir(join(root, 'content', 'shixing-wsjkj'), { recursive: true })
  await writeFile(join(root, 'content', 'ruzhou-wsjkw', '2024.md'), seed)
  await writeFile(join(root, 'content', 'shixing-wsjkj', '2024.md'), await readFile(join(repo, 'content', 'shixing-wsjkj', '2024.md')))
  // Last year carried 2 requests forward, this year says none came over: a cross-year diagnostic.
  await writeFile(
    join(root, 'content', 'ruzhou-wsjkw', '2023.md'),
    seed.replace('year: 2024', 'year: 2023').replace('carried_forward: [0, 0, 0, 0, 0, 0, 0]', 'carried_forward: [2, 0, 0, 0, 0, 0, 2]'),
  )
  preview = await startPreview({ paths: [join(root, 'content')], port: 0 })
})

after(async () => {
  await preview?.close()
})

test('Host header: only 127.0.0.1 and localhost on our port (DNS rebinding)', async () => {
  assert.equal(allowedHost('127.0.0.1:4173', 4173), true)
  assert.equal(allowedHost('LOCALHOST:4173', 4173), true)
  assert.equal(allowedHost('evil.example:4173', 4173), false)
  assert.equal(allowedHost('127.0.0.1:80', 4173), false)
  assert.equal(allowedHost('127.0.0.1', 4173), false)
  assert.equal(allowedHost(undefined, 4173), false)
  const port = preview.port
  assert.equal((await get(port, '/', { host: 'attacker.example' })).status, 403)
  assert.equal((await get(port, '/r/ruzhou-wsjkw/2024/page.html', { host: `rebound.example:${port}` })).status, 403)
  assert.equal((await get(port, '/', { host: `localhost:${port}` })).status, 200)
})

test('no file is served by path: traversal attempts are 404 or 400', async () => {
  assert.equal(parseReportPath('/r/ruzhou-wsjkw/2024/page.html')?.id, 'ruzhou-wsjkw/2024')
  assert.equal(parseReportPath('/r/a%2Fb/2024/'), undefined, 'an encoded slash is no id')
  const port = preview.port
  const attempts = [
    '/r/../../etc/passwd',
    '/r/%2e%2e/%2e%2e/page.html',
    '/r/ruzhou-wsjkw/..%2f..%2fpackage.json/page.html',
    '/r/..%2F..%2F/2024/page.html',
    '/r/ruzhou-wsjkw/2024/../../../package.json',
    '/r/ruzhou-wsjkw/2024/2024.md',
    '/content/ruzhou-wsjkw/2024.md',
    '/_/../package.json',
    '/_/preview.ts',
    '/r/%ff/2024/',
    '/etc/passwd',
    '//etc/passwd',
    'http://127.0.0.1/etc/passwd',
  ]
  for (const path of attempts) {
    const reply = await get(port, path)
    assert.ok(reply.status === 404 || reply.status === 400, `${path} → ${reply.status}`)
    assert.doesNotMatch(reply.body.toString(), /root:|"name": "nianbao"|agency:/, path)
  }
})

test('GET and HEAD only; another site’s script is refused; never a CORS header', async () => {
  const port = preview.port
  const post = await get(port, '/r/ruzhou-wsjkw/2024/state.json', {}, 'POST')
  assert.equal(post.status, 405)
  assert.equal(post.headers.allow, 'GET, HEAD')
  const crossSite = await get(port, '/r/ruzhou-wsjkw/2024/state.json', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: 'https://evil.example' })
  assert.equal(crossSite.status, 403)
  const followed = await get(port, '/', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' })
  assert.equal(followed.status, 200, 'following a link to the preview still works')
  for (const path of ['/', '/r/ruzhou-wsjkw/2024/', '/r/ruzhou-wsjkw/2024/page.html', '/r/ruzhou-wsjkw/2024/state.json', '/_/preview.js']) {
    const reply = await get(port, path, { origin: 'https://evil.example' })
    assert.equal(reply.status, 200, path)
    assert.equal(reply.headers['access-control-allow-origin'], undefined, path)
    assert.equal(reply.headers['x-content-type-options'], 'nosniff', path)
  }
})

test('the page is byte for byte what `nianbao build --to html` writes, and has no script', async () => {
  const out = join(root, 'out')
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'build', join(root, 'content', 'shixing-wsjkj', '2024.md'), '--to', 'html', '--out', out], {
    cwd: repo,
    encoding: 'utf8',
  })
  assert.equal(run.status, 0, run.stderr)
  const built = await readFile(join(out, 'shixing-wsjkj', '2024', 'index.html'))
  const served = await get(preview.port, '/r/shixing-wsjkj/2024/page.html')
  assert.equal(served.status, 200)
  assert.ok(served.body.equals(built), 'served page equals the built page')
  assert.doesNotMatch(served.body.toString(), /<script|nb-|data-anchor/)
  assert.match(String(served.headers['content-security-policy']), /sandbox allow-same-origin/)
  const shell = (await get(preview.port, '/r/shixing-wsjkj/2024/')).body.toString()
  assert.match(shell, /<iframe class="nb-frame nb-front" sandbox="allow-same-origin"[^>]* src="page\.html\?v=\d+"/)
  assert.match(shell, /<script src="\/_\/preview\.js"><\/script>/)
})

test('diagnostics are those of `nianbao validate`, cross-year checks included', async () => {
  const path = join(root, 'content', 'ruzhou-wsjkw', '2024.md')
  const expected = diagnosticsOf((await validatePaths([path]))[0]!)
  assert.ok(expected.some((d) => d.source === 'rules' && /carried|cross|year/.test(d.ruleId)), JSON.stringify(expected.map((d) => d.ruleId)))
  const state = await previewFile(path)
  assert.deepEqual(
    state.diagnostics.map(({ anchor: _anchor, ...d }) => d),
    expected,
  )
  const served = JSON.parse((await get(preview.port, '/r/ruzhou-wsjkw/2024/state.json')).body.toString()) as { errors: number; warnings: number; panel: string }
  assert.equal(served.errors + served.warnings, expected.filter((d) => d.severity !== 'info').length)
  for (const d of expected) assert.ok(served.panel.includes(`>${d.line}:${d.column}</a>`), `${d.ruleId} listed at ${d.line}:${d.column}`)
})

test('the panel links each diagnostic to the editor at its place', async () => {
  assert.equal(editorUrl('/home/me/年报/content/a b/2024.md', 15, 3), 'vscode://file/home/me/%E5%B9%B4%E6%8A%A5/content/a%20b/2024.md:15:3')
  assert.equal(editorUrl('C:\\reports\\2024.md', 2, 1), 'vscode://file/C:/reports/2024.md:2:1')
  assert.equal(editorUrl('/x/#1?.md', 1, 1), 'vscode://file/x/%231%3F.md:1:1')
  const text = seed.replace('received: [3, 0, 0, 0, 0, 0, 3]', 'received: [4, 0, 0, 0, 0, 0, 3]')
  const state = await previewText({ path: '/work/content/ruzhou-wsjkw/2024.md', text })
  const line = lineOf(text, 'received:')
  const panel = panelHtml(state)
  assert.match(panel, new RegExp(`<a class="nb-loc" href="vscode://file/work/content/ruzhou-wsjkw/2024\\.md:${line}:\\d+"[^>]*>${line}:\\d+</a>`))
  assert.match(panel, /<span class="nb-msg">[^<]+<\/span> <code class="nb-rule">total-column-equals-sum<\/code>/)
})

test('a diagnostic on a value points at its table cell; one in the text at its paragraph', async () => {
  const text = seed
    .replace('received: [3, 0, 0, 0, 0, 0, 3]', 'received: [4, 0, 0, 0, 0, 0, 3]')
    .replace('agency: 汝州市卫生健康委员会', 'agency: 汝州市卫生健康委员会\npublished: 2025/02/10')
  const state = await previewText({ path: 'content/ruzhou-wsjkw/2024.md', text })
  const sum = state.diagnostics.find((d) => d.ruleId === 'total-column-equals-sum')
  assert.deepEqual(sum?.anchor, { target: '#table-requests', cells: ['table-requests-h-0 table-requests-h-0-2 table-requests-r-0'] })
  const date = state.diagnostics.find((d) => d.line === lineOf(text, 'published:'))
  assert.equal(date?.anchor?.target, '.signoff', JSON.stringify(state.diagnostics))

  // Section 五 without text: the diagnostic sits on its heading, shown as the section's heading.
  const empty = seed.replace(/## 五、存在的主要问题及改进情况\n[\s\S]*?(?=## 六)/, '## 五、存在的主要问题及改进情况\n\n')
  const sectionState = await previewText({ path: 'content/ruzhou-wsjkw/2024.md', text: empty })
  const required = sectionState.diagnostics.find((d) => d.ruleId === 'section-required')
  assert.deepEqual(required?.anchor, { target: '#section-5', block: -1 })

  // A sentence that contradicts the table: its paragraph, the fifth block of section 一 (a raw HTML block shows nothing and is not counted).
  const para = seed
    .replace('全年，办理政府信息公开申请 3 件', '全年，办理政府信息公开申请 5 件')
    .replace('### （一）主动公开情况\n', '### （一）主动公开情况\n\n<div>x</div>\n')
  const paraState = await previewText({ path: 'content/ruzhou-wsjkw/2024.md', text: para })
  const narrative = paraState.diagnostics.find((d) => d.ruleId === 'narrative-matches-table')
  assert.equal(narrative?.line, lineOf(para, '全年，办理政府信息公开申请 5 件'))
  assert.deepEqual(narrative?.anchor, { target: '#section-1', block: 4 })
})

test('a file that does not parse gives its errors and no page; the server keeps serving', async () => {
  const broken = '---\nagency: [汝州\nyear: 2024\n---\n\n## 一、总体情况\n'
  const { state, page } = await previewPage({ path: 'content/x/2024.md', text: broken })
  assert.match(page, /<div class="nb-broken">/)
  assert.doesNotMatch(page, /page\.html/, 'no frame source when there is no page')
  assert.equal(state.status, 'broken')
  assert.equal(state.html, undefined)
  assert.ok(state.diagnostics.some((d) => d.ruleId === 'yaml-syntax' && d.severity === 'error'))

  const path = join(root, 'content', 'shixing-wsjkj', '2024.md')
  const good = await readFile(path, 'utf8')
  await writeFile(path, broken)
  const entry = preview.reports.at(path)!
  await preview.reports.render(entry)
  assert.equal(entry.state?.status, 'broken')
  assert.equal((await get(preview.port, '/r/shixing-wsjkj/2024/page.html')).status, 409)
  const stateJson = JSON.parse((await get(preview.port, '/r/shixing-wsjkj/2024/state.json')).body.toString()) as { status: string; panel: string }
  assert.equal(stateJson.status, 'broken')
  assert.match(stateJson.panel, /yaml-syntax/)
  assert.equal((await get(preview.port, '/')).status, 200)
  await writeFile(path, good)
  await preview.reports.render(entry)
  assert.notEqual(entry.state?.status, 'broken')
})

test('the PDF is made on demand, once per content, and served as application/pdf', async () => {
  const before = preview.pdf.renders
  const first = await get(preview.port, '/r/ruzhou-wsjkw/2024/report.pdf')
  assert.equal(first.status, 200)
  assert.equal(first.headers['content-type'], 'application/pdf')
  assert.equal(first.body.subarray(0, 5).toString(), '%PDF-')
  const second = await get(preview.port, '/r/ruzhou-wsjkw/2024/report.pdf')
  assert.ok(second.body.equals(first.body))
  assert.equal(preview.pdf.renders, before + 1, 'the second request came from the cache')
})

/** Run `nianbao preview` until it prints its address; returns the process and that address. */
function spawnPreview(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'preview', ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /预览地址：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1]
      if (url) resolve({ child, url, output: () => output })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)))
  })
}

test('the command prints its address, serves, and stops cleanly on Ctrl-C; a taken --port is a clear error', async () => {
  const { child, url, output } = await spawnPreview([join(root, 'content', 'ruzhou-wsjkw', '2024.md'), '--port', '0'])
  const port = Number(new URL(url).port)
  const index = await get(port, '/')
  assert.equal(index.status, 302, 'one report: / goes to its page')
  assert.equal(index.headers.location, '/r/ruzhou-wsjkw/2024/')
  const taken = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'preview', join(root, 'content'), '--port', String(port)], { cwd: repo, encoding: 'utf8' })
  assert.equal(taken.status, 2)
  assert.match(taken.stderr, new RegExp(`端口 ${port} 已被占用`))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  child.kill('SIGINT')
  assert.equal(await exited, 0, output())
  const missing = spawnSync(process.execPath, [join(repo, 'bin', 'nianbao.js'), 'preview', join(root, 'nothing-here')], { cwd: repo, encoding: 'utf8' })
  assert.equal(missing.status, 2)
  assert.match(missing.stderr, /路径不存在/)
})

async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((done) => setTimeout(done, 50))
  }
}

test('the watcher: a new report in the folder joins the index, a deleted one leaves; an agency template change re-renders', async () => {
  const dir = join(root, 'content', 'neu-agency')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, '2024.md'), seed.replace('汝州市卫生健康委员会', '新机关'))
  const added = await eventually(() => preview.reports.get('neu-agency/2024')?.state, 'the new report')
  assert.match(added.title, /^新机关2024年/)
  const { rm } = await import('node:fs/promises')
  await rm(join(dir, '2024.md'))
  await eventually(() => preview.reports.get('neu-agency/2024') === undefined, 'the report to leave')

  const templates = join(root, 'content', 'ruzhou-wsjkw', 'templates')
  await mkdir(templates, { recursive: true })
  await writeFile(join(templates, 'letterhead.hbs'), '<header class="report-header">\n<p>预览模板测试</p>\n<h1 class="report-title">{{title}}</h1>\n</header>\n')
  await eventually(() => preview.reports.get('ruzhou-wsjkw/2024')?.state?.html?.includes('<p>预览模板测试</p>'), 'the override to show')
  await rm(templates, { recursive: true })
  await eventually(() => preview.reports.get('ruzhou-wsjkw/2024')?.state?.html?.includes('预览模板测试') === false, 'the override to go')
})

test('the default port moves on when taken; an explicit one does not', async () => {
  const { createServer } = await import('node:http')
  const { listen } = await import('../src/preview/server.js')
  const holder = createServer()
  const taken = await listen(holder, 0, false)
  const next = createServer()
  try {
    assert.ok((await listen(next, taken, true)) > taken)
    await assert.rejects(listen(createServer(), taken, false), { code: 'EADDRINUSE' })
  } finally {
    next.close()
    holder.close()
  }
})

test('the panel lists at most PANEL_LIMIT entries and says how many more there are', async () => {
  const { PANEL_LIMIT } = await import('../src/preview/shell.js')
  const state = await previewText({ path: 'content/ruzhou-wsjkw/2024.md', text: seed })
  const many = Array.from({ length: PANEL_LIMIT + 25 }, (_, i) => ({
    file: state.path, line: i + 1, column: 1, severity: 'warning' as const, ruleId: 'blank-cell', source: 'rules' as const, message: `第 ${i} 条`,
  }))
  const panel = panelHtml({ ...state, diagnostics: many, warnings: many.length })
  assert.equal(panel.match(/<li /g)?.length, PANEL_LIMIT)
  assert.match(panel, /另有 25 条未列出/)
})

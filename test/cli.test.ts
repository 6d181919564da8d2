/**
 * The command line's shell, run as a user runs it (the compiled
 * bin/nianbao.js in a child process): version, help in both languages
 * (golden files), colour switches, JSON results, and which modules a
 * command loads.
 */
import assert from 'node:assert/strict'
import { spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { useColor } from '../src/diagnostics/color.js'
import { validatePaths } from '../src/pipeline.js'
import { renderHtml } from '../src/render/html.js'
import { assertExpected } from './util/fixtures.js'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'bin', 'nianbao.js')
const fixtures = join(import.meta.dirname, 'fixtures', 'cli')
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version

/** Run the CLI without colour variables from the caller's environment unless given. */
function run(args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}) {
  const env = { ...process.env }
  delete env.NO_COLOR
  delete env.FORCE_COLOR
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', ...options, env: { ...env, ...options.env } })
}

test('--version and -v print the version', () => {
  for (const flag of ['--version', '-v']) {
    const result = run([flag])
    assert.equal(result.status, 0, result.stderr as string)
    assert.equal(result.stdout, `${version}\n`)
  }
})

test('--help in Chinese and, with --lang en, in English (golden files)', () => {
  for (const [args, name] of [
    [['--help'], 'help.zh.txt'],
    [['--help', '--lang', 'en'], 'help.en.txt'],
    [['new', '--help'], 'help-new.zh.txt'],
    [['new', '--help', '--lang=en'], 'help-new.en.txt'],
  ] as const) {
    const result = run([...args])
    assert.equal(result.status, 0, result.stderr as string)
    assertExpected(join(fixtures, name), result.stdout as string)
  }
  const en = readFileSync(join(fixtures, 'help.en.txt'), 'utf8')
  // yargs' own words follow the language too, and no Chinese description is left.
  assert.match(en, /^Commands:$/m)
  assert.match(en, /^Options:$/m)
  // (Chinese names quoted as examples, such as a reference {收到申请}, are fine.)
  assert.doesNotMatch(en.replace(/\d{3}|[（）]|“[^”]*”|\{[^}]*\}/g, ''), /[\u4e00-\u9fff](?![\u4e00-\u9fff]*\.md)/u)
})

test('colour: a terminal by default; NO_COLOR and FORCE_COLOR=0 turn it off, FORCE_COLOR turns it on', () => {
  assert.equal(useColor({ isTTY: true }, {}), true)
  assert.equal(useColor({ isTTY: false }, {}), false)
  assert.equal(useColor({ isTTY: true }, { NO_COLOR: '1' }), false)
  assert.equal(useColor({ isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)')
  assert.equal(useColor({ isTTY: true }, { FORCE_COLOR: '0' }), false)
  assert.equal(useColor({ isTTY: true }, { FORCE_COLOR: 'false' }), false)
  assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: '1' }), true)
  assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: '' }), true)
  assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }), true, 'FORCE_COLOR wins, as in Node')
  assert.equal(useColor({ isTTY: true }, { TERM: 'dumb' }), false)

  const report = join(root, 'content', 'shixing-wsjkj', '2024.md')
  const plain = run(['validate', report])
  assert.doesNotMatch(plain.stdout as string, /\u001b\[/)
  const forced = run(['validate', report], { env: { FORCE_COLOR: '1' } })
  assert.match(forced.stdout as string, /\u001b\[33m警告\u001b\[39m/)
  const off = run(['validate', report], { env: { FORCE_COLOR: '0' } })
  assert.doesNotMatch(off.stdout as string, /\u001b\[/)
})

test('colour on a real terminal follows NO_COLOR (script(1) gives the CLI a pty)', { skip: !existsSync('/usr/bin/script') && 'no script(1)' }, () => {
  const report = join(root, 'content', 'shixing-wsjkj', '2024.md')
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} validate ${JSON.stringify(report)}`
  const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined } })
  assert.match(tty.stdout, /\u001b\[33m/, 'coloured on a terminal')
  const noColor = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } })
  assert.match(noColor.stdout, /警告/)
  assert.doesNotMatch(noColor.stdout, /\u001b\[3\dm/, 'NO_COLOR on a terminal')
})

test('build --format json prints files written, diagnostics and a summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'))
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true })
  const one = run(['build', 'content/shixing-wsjkj/2024.md', '--format', 'json'], { cwd: dir })
  assert.equal(one.status, 0, one.stderr as string)
  assert.equal(one.stderr, '')
  const result = JSON.parse(one.stdout as string) as {
    files: { target: string; path: string; bytes: number }[]
    diagnostics: { file: string; ruleId: string; severity: string }[]
    summary: { reports: number; built: number; skipped: number; failed: number; stale: string[]; errors: number; warnings: number }
    exitCode: number
  }
  assert.deepEqual(result.files.map((f) => [f.target, f.path]), [['html', join('out', 'shixing-wsjkj', '2024', 'index.html')]])
  assert.ok(result.files[0]!.bytes > 1000)
  assert.ok(existsSync(join(dir, result.files[0]!.path)))
  assert.ok(result.diagnostics.some((d) => d.ruleId === 'format-matches-year' && d.file === 'content/shixing-wsjkj/2024.md'))
  assert.deepEqual(result.summary, { reports: 1, built: 1, skipped: 0, failed: 0, stale: [], errors: 0, warnings: result.diagnostics.length })
  assert.equal(result.exitCode, 0)

  // The whole tree, twice: the second run writes nothing but reports the same diagnostics.
  const cold = JSON.parse(run(['build', '--format', 'json', '--to', 'html'], { cwd: dir }).stdout as string) as typeof result
  const noop = JSON.parse(run(['build', '--format', 'json', '--to', 'html'], { cwd: dir }).stdout as string) as typeof result
  // Six report pages, and the comparison of the one report with a previous year (ruzhou-wsjkw 2024).
  assert.equal(cold.files.filter((f) => f.path.endsWith(`${sep}index.html`)).length, 6)
  assert.deepEqual(cold.files.filter((f) => f.path.endsWith('compare.html')).map((f) => f.path), [join('out', 'ruzhou-wsjkw', '2024', 'compare.html')])
  assert.deepEqual(noop.files, [])
  assert.deepEqual(noop.diagnostics, cold.diagnostics)
  assert.deepEqual({ ...noop.summary, built: 0, skipped: 0 }, { ...cold.summary, built: 0, skipped: 0 })
  assert.deepEqual([cold.summary.built, noop.summary.skipped], [6, 6])

  // In text too: a no-op rebuild prints the skipped reports' warnings, and counts them.
  const text = run(['build', '--to', 'html'], { cwd: dir })
  assert.equal(text.status, 0, text.stderr as string)
  assert.match(text.stdout as string, new RegExp(`跳过 6 份（未改动），失败 0 份，警告 ${cold.summary.warnings} 个`))
  assert.ok(cold.summary.warnings > 0)
  assert.match(text.stderr as string, /content\/shixing-wsjkj\/2024\.md\n.*format-matches-year/)
  assert.match(text.stderr as string, new RegExp(`⚠ 0 个错误，${cold.summary.warnings} 个警告`))
})

/** The modules a CLI run loads (ES modules through a load hook, CommonJS ones from require's cache). */
function loadedModules(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-modules-'))
  const record = join(dir, 'modules.txt')
  const result = spawnSync(process.execPath, ['--import', join(fixtures, 'record-modules.mjs'), cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NIANBAO_RECORD_MODULES: record },
  })
  assert.equal(result.status, 0, result.stderr)
  // A bundled program (scripts/build.mjs) loads files that hold many of our modules: each counts as
  // the modules it holds, under the names tsc gives them (dist/programs.json says which).
  const programs = join(root, 'dist', 'programs.json')
  const holds = existsSync(programs) ? (JSON.parse(readFileSync(programs, 'utf8')) as Record<string, string[]>) : {}
  const dist = pathToFileURL(join(root, 'dist')).href + '/'
  return readFileSync(record, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((url) => {
      const inside = url.startsWith(dist) ? holds[url.slice(dist.length)] : undefined
      return inside ? inside.map((m) => dist + m) : [url]
    })
}

test('--version and --help load the command definitions only, not what the commands do', () => {
  for (const args of [['--version'], ['--help']]) {
    const loaded = loadedModules(args)
    assert.ok(loaded.some((url) => url.endsWith('/dist/cli/commands/validate.js')), 'the recorder sees the commands')
    assert.deepEqual(loaded.filter((url) => /\/dist\/(pipeline|index)\.js$|\/dist\/source\/(?!agency-id\.js)|\/dist\/(validate|render|bundle|import|preview|scaffold)\/|node_modules\/(unified|micromark|ajv)\//.test(url)), [], args.join(' '))
  }
})

test('an HTML build merges with the precompiled official templates: Handlebars\' runtime only, the HTML packages bundled', async () => {
  const out = mkdtempSync(join(tmpdir(), 'nianbao-html-modules-'))
  const loaded = loadedModules(['build', 'content/ruzhou-wsjkw/2024.md', '--to', 'html', '--out', out])
  // The same bytes as the sources make by compiling the templates (tests run them without a build).
  const [file] = await validatePaths([join(root, 'content', 'ruzhou-wsjkw', '2024.md')])
  assert.equal(readFileSync(join(out, 'ruzhou-wsjkw', '2024', 'index.html'), 'utf8'), await renderHtml(file!))
  assert.ok(loaded.some((url) => url.endsWith('/dist/vendor/handlebars.js')), 'the bundled runtime')
  assert.ok(loaded.some((url) => url.endsWith('/dist/vendor/hast.js')), 'the bundled HTML packages')
  // No compiler (nor the source-map package it loads), no package of the HTML pipeline file by file.
  assert.deepEqual(loaded.filter((url) => /node_modules\/(handlebars|source-map|remark-rehype|rehype-[a-z]+|hast-util-[a-z-]+|mdast-util-to-hast|parse5)\//.test(url)), [])
})

test('validate loads neither the renderers, PDF, import and bundle code nor the Ajv compiler', () => {
  const loaded = loadedModules(['validate', 'content/ruzhou-wsjkw/2024.md'])
  assert.ok(loaded.some((url) => url.endsWith('/dist/validate/index.js')), 'the recorder sees the validator')
  assert.ok(loaded.some((url) => /\/dist\/validate\/generated\/gb-2021\.cjs$/.test(url)), 'the generated validator is used')
  // The Markdown parser and yaml come bundled (dist/vendor/), not as 200 separate modules.
  assert.ok(loaded.some((url) => url.endsWith('/dist/vendor/markdown.js')))
  assert.deepEqual(loaded.filter((url) => /node_modules\/(micromark|mdast-util-from-markdown|remark-parse|yaml)\//.test(url)), [])
  // yargs too: its twenty packages are one file.
  assert.ok(loaded.some((url) => url.endsWith('/dist/vendor/yargs.js')))
  assert.deepEqual(loaded.filter((url) => /node_modules\/(yargs|yargs-parser|cliui|y18n|string-width|wrap-ansi)\//.test(url)), [])
  const heavy = loaded.filter((url) =>
    /\/dist\/(render|bundle|import)\/|\/dist\/build\/(?!targets\.js)|node_modules\/(pdfmake|pdfjs-dist|mammoth|handlebars|fflate|playwright-core|cli-progress|rehype-|hast-util-to-html|parse5)\/|node_modules\/ajv\/dist\/(compile|core|ajv)/.test(url),
  )
  assert.deepEqual(heavy, [])
})

test('bundled yargs and string-width build no Unicode segmenter until a width is asked for, and then measure', () => {
  // string-width makes an Intl.Segmenter when it is loaded (15 ms); the bundle loads it on first use.
  const script = `
    let made = 0
    const Segmenter = Intl.Segmenter
    Intl.Segmenter = class extends Segmenter { constructor(...a) { super(...a); made++ } }
    const { default: yargs } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'vendor', 'yargs.js')).href)})
    const parsed = await yargs(['--n', '2']).option('n', { type: 'number' }).parseAsync()
    const { default: stringWidth } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'vendor', 'string-width.js')).href)})
    const afterParse = made
    const help = await yargs([]).locale('zh_CN').command('go', '运行').wrap(60).getHelp()
    const width = stringWidth('表三a')
    console.log(JSON.stringify({ afterParse, n: parsed.n, made, help, width }))
  `
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  const out = JSON.parse(run.stdout) as { afterParse: number; n: number; made: number; help: string; width: number }
  assert.equal(out.width, 5, 'string-width, loaded on first use, counts a Han character as two columns')
  assert.equal(out.n, 2)
  assert.equal(out.afterParse, 0, 'parsing built a segmenter')
  assert.ok(out.made > 0, 'help text was laid out without measuring')
  // yargs' own Chinese words come from its locale files, found from the bundle.
  assert.match(out.help, /命令：/)
  assert.match(out.help, /显示帮助信息/)
})

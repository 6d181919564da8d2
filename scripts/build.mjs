#!/usr/bin/env node
/**
 * Compile nianbao into dist/: TypeScript (incremental), then the JSON Schema
 * validators as Ajv standalone code, then each dist/vendor/ module (a seam
 * that only re-exports packages) bundled into one file with esbuild, so that
 * loading it reads one file instead of a hundred. Run by `npm install`
 * (prepare) and `npm run build`.
 *
 *   node scripts/build.mjs             build
 *   node scripts/build.mjs --if-stale  build only when a source changed since
 *                                      the last build (npm start, npm test)
 *
 * Plain JavaScript on purpose: it runs before anything is compiled, and the
 * no-change check must cost milliseconds, not a TypeScript start-up.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { isStale, STAMP } from './stale.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const stamp = join(root, STAMP)

if (process.argv.includes('--if-stale') && !isStale(root)) process.exit(0)

// A source saved while this build runs must count as newer than the build.
const started = new Date()

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
if (compiled.status !== 0) process.exit(compiled.status ?? 1)

const { writeValidators } = await import(pathToFileURL(join(root, 'dist', 'validate', 'generate-validators.js')).href)
await writeValidators()
// The official templates precompiled (dist/template-specs.json): merging needs only Handlebars' runtime.
const { writeTemplateSpecs } = await import(pathToFileURL(join(root, 'dist', 'render', 'write-template-specs.js')).href)
await writeTemplateSpecs()

// Only what the packages export is bundled: our own modules are never inside (their
// import.meta.url-relative paths stay right). Bundled from the sources, not from tsc's output:
// incremental tsc leaves an unchanged file as it was (already bundled), and a bundle of a bundle
// breaks. A failed bundle leaves tsc's re-exports, which work.
const { build } = await import('esbuild')
// Inside a bundle, `import.meta.url` is the bundle's: yargs finds its locales beside its own
// platform module, so that module is told where the package really is, found at run time.
const packageUrls = {
  name: 'nianbao-package-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises')
      const where = "(() => { try { const r = __nianbaoRequire(import.meta.url); return new URL('./lib/platform-shims/esm.mjs', r('node:url').pathToFileURL(r.resolve('yargs'))).href } catch { return import.meta.url } })()"
      return { contents: (await readFile(args.path, 'utf8')).split('import.meta.url').join(where), loader: 'js' }
    })
  },
}
// string-width builds a Unicode segmenter when loaded (15 ms); yargs and cliui load it for help
// text only. Here it is required on its first call instead: esbuild evaluates a bundled module
// that is required, not imported, when the require runs.
const lazyStringWidth = {
  name: 'nianbao-lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { real: true } })
      if (real.errors.length > 0) return undefined
      return { path: real.path, namespace: 'lazy-string-width' }
    })
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `export default function stringWidth(text, options) { return require(${JSON.stringify(args.path)}).default(text, options) }\n`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }))
  },
}
for (const name of readdirSync(join(root, 'src', 'vendor')).filter((n) => n.endsWith('.ts'))) {
  const file = join(root, 'dist', 'vendor', name.replace(/\.ts$/, '.js'))
  try {
    await build({
      entryPoints: [join(root, 'src', 'vendor', name)],
      outfile: file,
      allowOverwrite: true,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'error',
      plugins: [packageUrls, lazyStringWidth],
      minify: true,
      // CommonJS inside (yaml) requires Node's built-ins: give the ES module a require.
      banner: { js: "import { createRequire as __nianbaoRequire } from 'node:module'; const require = __nianbaoRequire(import.meta.url);" },
    })
  } catch {
    process.stderr.write(`build: ${name} left unbundled (esbuild failed); nianbao works, only starts slower\n`)
  }
}
// The programs (the command line and the worker threads it starts) are bundled too: our own
// modules, from the sources, each program into its module's place in dist/ with the modules
// they share in dist/chunks/, so that starting a command reads a dozen files instead of three
// hundred. Packages stay outside, found in node_modules as before. Every output file sits one
// folder below dist/, like the module it replaces, and each module's import.meta.url is
// rewritten to where tsc put it, so templates, workers and package.json are found from there.
const programs = ['cli/main', 'cli/early-pdf', 'build/build-worker', 'build/pdf-worker', 'rollup/worker', 'lsp/analysis-worker']
const { readFile } = await import('node:fs/promises')
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync } = await import('node:fs')
const { relative } = await import('node:path')
const sourceUrls = {
  name: 'nianbao-source-urls',
  setup(b) {
    // dist/vendor/ holds the packages' bundles (above): imported from there, not bundled again.
    b.onResolve({ filter: /\/vendor\/[^/]+\.js$/ }, (args) => ({ path: `../vendor/${args.path.split('/').pop()}`, external: true }))
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8')
      if (contents.includes('import.meta.url')) {
        const compiled = relative(join(root, 'src'), args.path).replace(/\.ts$/, '.js').split('\\').join('/')
        contents = contents.split('import.meta.url').join(`new URL(${JSON.stringify('../' + compiled)}, import.meta.url).href`)
      }
      return { contents, loader: 'ts' }
    })
  },
}
// Written beside dist/ first, chunks moved in before the programs that import them.
const staging = join(root, 'dist', '.programs')
rmSync(staging, { recursive: true, force: true })
try {
  const bundled = await build({
    entryPoints: programs.map((p) => join(root, 'src', `${p}.ts`)),
    outbase: join(root, 'src'),
    outdir: staging,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    plugins: [sourceUrls],
    metafile: true,
  })
  // Which sources each file holds (dist/programs.json), for whoever asks what a command loads (test/cli.test.ts).
  const holds = {}
  for (const [out, { inputs }] of Object.entries(bundled.metafile.outputs)) {
    const inside = Object.keys(inputs).filter((i) => i.startsWith('src/')).map((i) => i.slice(4).replace(/\.ts$/, '.js'))
    holds[relative(staging, join(root, out)).split('\\').join('/')] = inside.sort()
  }
  writeFileSync(join(staging, 'programs.json'), JSON.stringify(holds, null, 1) + '\n')
  // Chunks are named by their content. The previous build's stay one build longer: a server
  // started before this build (preview, lsp) still finds the chunks it loads lazily.
  const chunks = join(root, 'dist', 'chunks')
  const previous = (() => {
    try {
      return Object.keys(JSON.parse(readFileSync(join(root, 'dist', 'programs.json'), 'utf8')))
    } catch {
      return []
    }
  })()
  mkdirSync(chunks, { recursive: true })
  for (const name of readdirSync(join(staging, 'chunks'))) renameSync(join(staging, 'chunks', name), join(chunks, name))
  const keep = new Set([...Object.keys(holds), ...previous])
  for (const name of readdirSync(chunks)) if (!keep.has(`chunks/${name}`)) rmSync(join(chunks, name), { force: true })
  for (const p of programs) renameSync(join(staging, `${p}.js`), join(root, 'dist', `${p}.js`))
  renameSync(join(staging, 'programs.json'), join(root, 'dist', 'programs.json'))
} catch {
  // tsc's own modules work (only start slower); an earlier bundle in their place may be out of
  // date, and incremental tsc would not write them again: a full compile puts them back.
  process.stderr.write('build: the programs were left unbundled (esbuild failed); nianbao works, only starts slower\n')
  rmSync(join(root, 'dist', '.tsbuildinfo'), { force: true })
  for (const p of ['programs.json', ...programs.map((p) => `${p}.js`)]) rmSync(join(root, 'dist', p), { force: true })
  const again = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
  if (again.status !== 0 || programs.some((p) => !existsSync(join(root, 'dist', `${p}.js`)))) process.exit(again.status || 1)
} finally {
  rmSync(staging, { recursive: true, force: true })
}

// Written last (a build that failed above is tried again next time), dated when the build started.
writeFileSync(stamp, 'dist/ is up to date with src/ as of this file\'s modification time (scripts/build.mjs)\n')
utimesSync(stamp, started, started)

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

// Only what the packages export is bundled: our own modules are never inside (their
// import.meta.url-relative paths stay right). Bundled from the sources, not from tsc's output:
// incremental tsc leaves an unchanged file as it was (already bundled), and a bundle of a bundle
// breaks. A failed bundle leaves tsc's re-exports, which work.
const { build } = await import('esbuild')
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
      // CommonJS inside (yaml) requires Node's built-ins: give the ES module a require.
      banner: { js: "import { createRequire as __nianbaoRequire } from 'node:module'; const require = __nianbaoRequire(import.meta.url);" },
    })
  } catch {
    process.stderr.write(`build: ${name} left unbundled (esbuild failed); nianbao works, only starts slower\n`)
  }
}
// Written last (a build that failed above is tried again next time), dated when the build started.
writeFileSync(stamp, 'dist/ is up to date with src/ as of this file\'s modification time (scripts/build.mjs)\n')
utimesSync(stamp, started, started)

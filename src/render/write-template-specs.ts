/**
 * Build step (scripts/build.mjs, after tsc): every template shipped in
 * templates/ precompiled into dist/template-specs.json (template-specs.ts).
 * A template that does not compile is left out: merging reports it then.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Handlebars from 'handlebars'
import { writeFileAtomic } from '../build/write-atomic.js'
import { builtinTemplatesDir } from './templates-dir.js'
import { compileOptions, specKey, specsFile } from './template-specs.js'

async function hbsFiles(dir: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await hbsFiles(path)))
    else if (entry.name.endsWith('.hbs')) found.push(path)
  }
  return found
}

/** Write the specifications of the templates under `dir`; returns how many. */
export async function writeTemplateSpecs(dir: string = builtinTemplatesDir, file: string = fileURLToPath(specsFile)): Promise<number> {
  const specs: Record<string, string> = {}
  for (const path of (await hbsFiles(dir)).sort()) {
    const source = await readFile(path, 'utf8')
    try {
      specs[specKey(source)] = Handlebars.precompile(source, compileOptions) as string
    } catch {
      continue
    }
  }
  const sorted = Object.fromEntries(Object.entries(specs).sort(([a], [b]) => (a < b ? -1 : 1)))
  await writeFileAtomic(file, JSON.stringify(sorted, null, 1) + '\n')
  return Object.keys(sorted).length
}

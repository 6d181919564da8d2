/**
 * The bundle target's files for one report: data.json and data.csv beside
 * the page (`out/<agency>/<year>/`), the bundle `out/<agency>/<year>.zip` and its
 * SHA-256 beside it (`<year>.zip.sha256`).
 */
import { readFile } from 'node:fs/promises'
import type { VFile } from 'vfile'
import { basename } from 'node:path'
import { archiveHashText, ARCHIVE_HASH_SUFFIX } from './manifest.js'
import { createBundle } from './zip.js'

/** [path, bytes] pairs to write, or `[]` when the file has no report model. */
export async function bundleOutputs(file: VFile, html: string, pdf: Uint8Array, dir: string, docx?: Uint8Array): Promise<[string, Uint8Array][]> {
  // The author's file byte for byte (BOM and line ends included), not the decoded text.
  const source = new Uint8Array(await readFile(file.path))
  const bundle = createBundle({ file, source, html, pdf, ...(docx ? { docx } : {}) })
  if (!bundle) return []
  return [
    [`${dir}/data.json`, bundle.members.get('data.json')!],
    [`${dir}/data.csv`, bundle.members.get('data.csv')!],
    [`${dir}.zip`, bundle.zip],
    [`${dir}.zip${ARCHIVE_HASH_SUFFIX}`, new TextEncoder().encode(archiveHashText(bundle.zip, `${basename(dir)}.zip`))],
  ]
}

/**
 * The bundle target's files for one report: data.json and data.csv beside
 * the page (`out/<agency>/<year>/`), and the bundle `out/<agency>/<year>.zip`.
 */
import { readFile } from 'node:fs/promises'
import type { VFile } from 'vfile'
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
  ]
}

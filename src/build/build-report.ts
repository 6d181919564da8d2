/**
 * Build the outputs of one report into `out/<agency>/<year>/`. The caller
 * has already validated it; this renders the merged HTML once (the PDF is
 * made from it) and writes each requested target. Problems are messages on
 * the file.
 */
import { basename, dirname, join } from 'node:path'
import type { VFile } from 'vfile'
import { renderHtml } from '../render/html.js'
import { bundleOutputs } from '../bundle/bundle-outputs.js'
import { writeFileAtomic } from './write-atomic.js'

export type BuildTarget = 'html' | 'pdf' | 'docx' | 'bundle'

/** Every target `--to` accepts, in build order. */
export const buildTargets: readonly BuildTarget[] = ['html', 'pdf', 'docx', 'bundle']

/** Targets this version can write; add a target here when its case below is filled in. */
export const implementedTargets: ReadonlySet<BuildTarget> = new Set<BuildTarget>(['html', 'pdf', 'docx', 'bundle'])

export interface BuildOptions {
  targets: Set<BuildTarget>
  /** Output root (default `out/` in the CLI). */
  outDir: string
  /** Template overrides folder (`--templates DIR`). */
  templates?: string
  /** `--pdf-a`: archival PDF/A-2b (else the config's `pdf.pdfA`). */
  pdfA?: boolean
}

export interface BuiltFile {
  target: BuildTarget
  path: string
  bytes: number
}

/** `content/<agency>/<year>.md` → `<agency>`. */
export function agencyDir(reportPath: string): string {
  return basename(dirname(reportPath))
}

/** `out/<agency>/<year>/` for a report. */
export function reportOutDir(file: VFile, outDir: string): string | undefined {
  const report = file.data.report
  if (!report) return undefined
  return join(outDir, agencyDir(file.path), String(report.meta.year))
}

async function write(written: BuiltFile[], target: BuildTarget, path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  await writeFileAtomic(path, bytes)
  written.push({ target, path, bytes: bytes.byteLength })
}

/** Write the requested outputs of a validated report; returns what was written. */
export async function buildReportOutputs(file: VFile, options: BuildOptions): Promise<BuiltFile[]> {
  const dir = reportOutDir(file, options.outDir)
  if (!dir) return []
  // Every target starts from the merged HTML: the page, the PDF made from it, the bundle holding both.
  const html = await renderHtml(file, options.templates ? { templates: options.templates } : {})
  if (html === undefined) return []
  const written: BuiltFile[] = []
  // The bundle holds the PDF and the Word file: each is rendered once for both targets.
  // The renderers are loaded only when a target needs them (pdfmake and docx are large).
  let pdfBytes: Promise<Uint8Array | undefined> | undefined
  const pdfOnce = () =>
    (pdfBytes ??= import('../render/pdf/index.js').then(({ renderPdf }) => renderPdf(html, file, options.pdfA ? { pdfA: true } : {})))
  let docxBytes: Promise<Uint8Array> | undefined
  const docxOnce = () => (docxBytes ??= import('../render/docx/index.js').then(({ renderDocx }) => renderDocx(html, file)))
  for (const target of buildTargets) {
    if (!options.targets.has(target)) continue
    switch (target) {
      case 'html':
        await write(written, target, join(dir, 'index.html'), html)
        break
      case 'pdf': {
        const pdf = await pdfOnce()
        if (pdf) await write(written, target, join(dir, 'report.pdf'), pdf)
        break
      }
      case 'docx':
        await write(written, target, join(dir, 'report.docx'), await docxOnce())
        break
      case 'bundle': {
        const pdf = await pdfOnce()
        if (pdf) for (const [path, bytes] of await bundleOutputs(file, html, pdf, dir, await docxOnce())) await write(written, target, path, bytes)
        break
      }
    }
  }
  return written
}

/**
 * Build the outputs of one report into `out/<agency>/<year>/`. The caller
 * has already validated it; this renders the merged HTML once (the PDF is
 * made from it) and writes each requested target. Problems are messages on
 * the file.
 */
import { join } from 'node:path'
import type { VFile } from 'vfile'
import { renderHtml } from '../render/html.js'
import { bundleOutputs } from '../bundle/bundle-outputs.js'
import { sha256 } from '../bundle/manifest.js'
import { emit } from '../diagnostics/emit.js'
import { isInsideOut } from './output-path.js'
import { writeFileAtomic } from './write-atomic.js'
import { agencyDir } from './report-paths.js'
import { buildTargets, type BuildTarget } from './targets.js'
import type { PdfRenderer } from './pdf-thread.js'

export { buildTargets, implementedTargets, type BuildTarget } from './targets.js'

export interface BuildOptions {
  targets: Set<BuildTarget>
  /** Output root (default `out/` in the CLI). */
  outDir: string
  /** Template overrides folder (`--templates DIR`). */
  templates?: string
  /** `--pdf-a`: archival PDF/A-2b (else the config's `pdf.pdfA`). */
  pdfA?: boolean
  /** Renders the PDF (default: `renderPdf` in this thread; a one-report build passes its PDF thread). */
  renderPdf?: PdfRenderer
}

export interface BuiltFile {
  target: BuildTarget
  path: string
  bytes: number
  /** SHA-256 of the bytes written (hex). */
  sha256: string
}

export { agencyDir } from './report-paths.js'

/** `out/<agency>/<year>/` for a report. */
export function reportOutDir(file: VFile, outDir: string): string | undefined {
  const report = file.data.report
  if (!report) return undefined
  return join(outDir, agencyDir(file.path), String(report.meta.year))
}

async function write(written: BuiltFile[], target: BuildTarget, path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  await writeFileAtomic(path, bytes)
  written.push({ target, path, bytes: bytes.byteLength, sha256: sha256(bytes) })
}

/** Every output path of a report inside `--out`? Emits `output-inside-out` for the first that is not. */
async function checkInside(file: VFile, outDir: string, paths: string[]): Promise<boolean> {
  if (agencyDir(file.path) === '') {
    emit(file, 'output-inside-out', { path: file.path, out: outDir, reason: '报告不在机关文件夹中', reasonEn: 'the report is not in an agency folder' }, undefined)
    return false
  }
  for (const path of paths) {
    if (await isInsideOut(outDir, path)) continue
    emit(file, 'output-inside-out', { path, out: outDir, reason: '路径指向输出目录之外', reasonEn: 'the path leads outside the output folder' }, undefined)
    return false
  }
  return true
}

/** Write the requested outputs of a validated report; returns what was written. */
export async function buildReportOutputs(file: VFile, options: BuildOptions): Promise<BuiltFile[]> {
  const dir = reportOutDir(file, options.outDir)
  if (!dir) return []
  const places = [join(dir, 'index.html'), join(dir, 'report.pdf'), join(dir, 'report.docx'), join(dir, 'data.json'), join(dir, 'data.csv'), `${dir}.zip`, `${dir}.zip.sha256`]
  if (!(await checkInside(file, options.outDir, places))) return []
  // Every target starts from the merged HTML: the page, the PDF made from it, the bundle holding both.
  const html = await renderHtml(file, options.templates ? { templates: options.templates } : {})
  if (html === undefined) return []
  const written: BuiltFile[] = []
  // The bundle holds the PDF and the Word file: each is rendered once for both targets.
  // The renderers are loaded only when a target needs them (pdfmake and docx are large).
  let pdfBytes: Promise<Uint8Array | undefined> | undefined
  const pdfOptions = options.pdfA ? { pdfA: true } : {}
  const pdfOnce = () =>
    (pdfBytes ??= options.renderPdf
      ? options.renderPdf(html, file, pdfOptions)
      : import('../render/pdf/index.js').then(({ renderPdf }) => renderPdf(html, file, pdfOptions)))
  let docxBytes: Promise<Uint8Array | undefined> | undefined
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
      case 'docx': {
        const docx = await docxOnce()
        if (docx) await write(written, target, join(dir, 'report.docx'), docx)
        break
      }
      case 'bundle': {
        const pdf = await pdfOnce()
        if (pdf) for (const [path, bytes] of await bundleOutputs(file, html, pdf, dir, await docxOnce())) await write(written, target, path, bytes)
        break
      }
    }
  }
  return written
}

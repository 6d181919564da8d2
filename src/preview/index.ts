/**
 * `nianbao preview`: render the reports, watch their inputs, serve them on
 * 127.0.0.1 and push every change to the open pages. The pieces: render.ts
 * (one report's state, no server), reports.ts (the set and its re-renders),
 * watcher.ts (what to watch), server.ts (HTTP + events), shell.ts and
 * assets.ts (our pages), pdf-cache.ts (the PDF on demand).
 */
import { stat } from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'
import type { Lang, Severity } from '../diagnostics/types.js'
import { collectReportFiles } from '../pipeline.js'
import { clearAgencyTemplateDirs } from '../render/html.js'
import { builtinTemplatesDir, clearTemplateCache } from '../render/merge.js'
import { clearConfigFileCache } from '../render/pdf/config.js'
import { PdfCache } from './pdf-cache.js'
import { ReportSet, type ReportEntry } from './reports.js'
import { createPreviewServer, listen } from './server.js'
import { watchInputs, type InputEvent, type InputKind } from './watcher.js'

export { previewText, previewFile, previewPage, type PreviewState, type PreviewDiagnostic } from './render.js'
export { reportShell, panelHtml, indexPage } from './shell.js'

export interface PreviewServerOptions {
  /** Report files or folders (default `content/`). */
  paths: string[]
  /** 0 picks a free port. */
  port: number
  /** Move on to the next ports when `port` is taken (the default port), else fail. */
  fallback?: boolean
  templates?: string
  lang?: Lang
  severities?: Record<string, Severity | 'off'>
  /** One line per update, for the terminal. */
  log?: (line: string) => void
}

export interface RunningPreview {
  url: string
  port: number
  reports: ReportSet
  pdf: PdfCache
  close(): Promise<void>
}

/** Saves that land within this time are one update. */
const DEBOUNCE_MS = 15
/** A write still going on after the watcher's last event is caught by looking again this much later. */
const SETTLE_MS = 150

const REPORT_NAME = /^\d{4}\.md$/

async function fileStamp(path: string): Promise<string> {
  return stat(path).then(
    (s) => `${s.size}:${s.mtimeMs}:${s.ino}`,
    () => '-',
  )
}

export async function startPreview(options: PreviewServerOptions): Promise<RunningPreview> {
  const lang = options.lang ?? 'zh'
  const renderOptions = {
    lang,
    ...(options.severities ? { severities: options.severities } : {}),
    ...(options.templates ? { templates: options.templates } : {}),
  }
  // Missing paths are an InputError here, before anything starts.
  const files = await collectReportFiles(options.paths)
  const folders: string[] = []
  const explicit: string[] = []
  for (const path of options.paths) {
    if ((await stat(path)).isDirectory()) folders.push(resolve(path))
    else explicit.push(resolve(path))
  }
  const reports = new ReportSet(renderOptions)
  for (const path of files) reports.add(path, explicit.includes(resolve(path)))
  const pdf = new PdfCache(lang)
  const log = options.log ?? (() => {})


  // One render per entry for a burst of events; then a look later for writes the watcher folded away.
  const stamps = new Map<string, string>()
  const timers = new Map<string, NodeJS.Timeout>()
  const renderSettled = async (entry: ReportEntry) => {
    stamps.set(entry.path, await fileStamp(entry.path))
    await reports.render(entry)
    setTimeout(() => {
      void fileStamp(entry.path).then((now) => {
        if (now !== stamps.get(entry.path) && reports.at(entry.path) === entry) void renderSettled(entry)
      })
    }, SETTLE_MS).unref()
  }
  const later = (key: string, action: () => void) => {
    clearTimeout(timers.get(key))
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key)
        action()
      }, DEBOUNCE_MS),
    )
  }

  const underFolder = (path: string) => folders.some((f) => path.startsWith(f + sep))
  const onEvent = (event: InputEvent, path: string, kind: InputKind) => {
    if (kind === 'config') {
      later('*config', () => {
        clearConfigFileCache()
        pdf.clear()
        void reports.renderAll()
      })
      return
    }
    if (kind === 'template') {
      later('*templates', () => {
        clearTemplateCache()
        clearAgencyTemplateDirs()
        pdf.clear()
        void reports.renderAll()
      })
      return
    }
    if (event !== 'add' && event !== 'change' && event !== 'unlink') return
    later(path, () => {
      let entry = reports.at(path)
      if (event === 'unlink' && entry && !entry.explicit) {
        reports.remove(path)
        entry = undefined
      } else if (!entry && event === 'add' && REPORT_NAME.test(basename(path)) && underFolder(path)) {
        entry = reports.add(path)
      }
      if (entry) void renderSettled(entry)
      // The next year's report checks against this one.
      const year = /^(\d{4})\.md$/.exec(basename(path))?.[1]
      const next = year ? reports.at(join(dirname(path), `${Number(year) + 1}.md`)) : undefined
      if (next) void renderSettled(next)
    })
  }

  const watcher = watchInputs(
    { folders: [...folders, ...explicit.map((p) => dirname(p))], templates: [...(options.templates ? [resolve(options.templates)] : []), builtinTemplatesDir] },
    onEvent,
    (error) => log(`${lang === 'en' ? 'watch error' : '监视文件出错'}：${error instanceof Error ? error.message : String(error)}`),
  )
  await Promise.all([reports.renderAll(), watcher.ready])

  // Logged from now on: the first renders are summed up by the caller.
  reports.on('report', (entry) => {
    const s = entry.state
    if (s) log(`${lang === 'en' ? 'updated' : '已更新'} ${reports.shown(entry)}  ${s.status === 'broken' ? (lang === 'en' ? 'no page' : '无法生成页面') : ''} ${lang === 'en' ? 'errors' : '错误'} ${s.errors}，${lang === 'en' ? 'warnings' : '警告'} ${s.warnings}`)
  })
  const preview = createPreviewServer({ reports, pdf, lang })
  let port: number
  try {
    port = await listen(preview.server, options.port, options.fallback ?? false)
  } catch (error) {
    await watcher.close()
    await preview.close()
    throw error
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    reports,
    pdf,
    close: async () => {
      for (const timer of timers.values()) clearTimeout(timer)
      await watcher.close()
      await preview.close()
    },
  }
}

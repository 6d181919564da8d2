/**
 * `nianbao validate --watch`: validate, then again whenever a Markdown file
 * under the given paths changes (chokidar), until Ctrl-C. Each run prints
 * one block a VS Code problem matcher can read (README: 编辑器):
 *
 *   [nianbao:begin] 开始校验
 *   content/a/2024.md:12:16-12:63 warning regulation-making-level 县级机关无权制定规章…
 *   [nianbao:end] ⚠ 0 个错误，1 个警告
 *
 * A line is `file:line:col-endLine:endCol severity rule-id message`, with
 * the severity in English (`error`, `warning`, `info`) so that the matcher
 * reads it in either language; every run lists every file's diagnostics.
 */
import { stat } from 'node:fs/promises'
import { watch } from 'chokidar'
import { diagnosticsOf } from '../diagnostics/emit.js'
import { summarize } from '../diagnostics/report-text.js'
import type { Diagnostic, Lang, Severity } from '../diagnostics/types.js'
import { InputError, validatePaths } from '../pipeline.js'

export interface WatchOptions {
  paths: string[]
  lang: Lang
  severities: Record<string, Severity | 'off'>
  /** Wait after a change before validating, so that a save of several files runs once. */
  debounceMs?: number
  out?: (text: string) => void
  err?: (text: string) => void
  /** Resolves when watching should stop (default: Ctrl-C or SIGTERM). */
  stop?: Promise<unknown>
}

export const BEGIN = '[nianbao:begin]'
export const END = '[nianbao:end]'

/** One diagnostic on one line, in the format the README's problem matcher reads. */
export function watchLine(d: Diagnostic): string {
  const end = `${d.endLine ?? d.line}:${d.endColumn ?? d.column}`
  return `${d.file}:${d.line}:${d.column}-${end} ${d.severity} ${d.ruleId} ${d.message.replace(/\s*\n\s*/g, ' ')}`
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done)
      process.off('SIGTERM', done)
      resolve()
    }
    process.on('SIGINT', done)
    process.on('SIGTERM', done)
  })
}

/** Validate `paths` now and after every change of a Markdown file under them; resolves after Ctrl-C. */
export async function watchValidate(options: WatchOptions): Promise<void> {
  const out = options.out ?? ((text: string) => process.stdout.write(text))
  const err = options.err ?? ((text: string) => process.stderr.write(text))
  const zh = options.lang === 'zh'
  for (const path of options.paths) {
    if (!(await stat(path).then(() => true, () => false))) {
      err(`nianbao: ${zh ? '路径不存在' : 'no such path'}：${path}\n`)
      process.exitCode = 2
      return
    }
  }

  let running = false
  let again = false
  const run = async (): Promise<void> => {
    if (running) {
      again = true
      return
    }
    running = true
    do {
      again = false
      out(`${BEGIN} ${zh ? '开始校验' : 'validating'}\n`)
      let diagnostics: Diagnostic[] = []
      let count = 0
      try {
        const files = await validatePaths(options.paths, { lang: options.lang, severities: options.severities })
        count = files.length
        diagnostics = files.flatMap((f) => diagnosticsOf(f))
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        err(`nianbao: ${error.message}\n`)
      }
      for (const d of diagnostics) out(`${watchLine(d)}\n`)
      out(`${END} ${summarize(diagnostics, options.lang)}${zh ? `（${count} 个文件）` : ` (${count} file${count === 1 ? '' : 's'})`}\n`)
    } while (again)
    running = false
  }

  let timer: NodeJS.Timeout | undefined
  const changed = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      // Keep watching after an internal error: the next save may well be fine.
      run().catch((error: unknown) => {
        running = false
        err(`nianbao 内部错误：${error instanceof Error ? error.message : String(error)}\n`)
      })
    }, options.debounceMs ?? 100)
  }
  const watcher = watch(options.paths, {
    ignoreInitial: true,
    // Folders are walked; of the files only Markdown matters (reports and their previous years).
    ignored: (path, stats) => /(^|[/\\])(node_modules|\.git)([/\\]|$)/.test(path) || (stats?.isFile() === true && !path.endsWith('.md')),
  })
  watcher.on('all', (_event, path) => {
    if (path.endsWith('.md')) changed()
  })
  watcher.on('error', (error) => err(`nianbao: ${error instanceof Error ? error.message : String(error)}\n`))
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  await run()

  await (options.stop ?? stopSignal())
  clearTimeout(timer)
  await watcher.close()
  process.exitCode = 0
}

/**
 * `nianbao bind` behind the command: for each file, print the rewrite as a
 * unified diff (stdout) and the narrative numbers that contradict the
 * tables (stderr, never rewritten); `--write` writes the file atomically.
 * Exit code: 0 done, 1 a number contradicts its table or a file has errors, 2 unreadable.
 */
import { readFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { bindDiff, bindReport } from '../bind/bind.js'
import { writeFileAtomic } from '../build/write-atomic.js'
import { diagnosticsOf, hasErrors } from '../diagnostics/emit.js'
import { reportText } from '../diagnostics/report-text.js'
import type { Lang } from '../diagnostics/types.js'
import { loadReport } from '../source/report.js'
import { validateReport } from '../validate/index.js'

export async function runBind(paths: string[], options: { write: boolean; lang: Lang }): Promise<number> {
  let exit = 0
  const en = options.lang === 'en'
  for (const path of paths) {
    let original: string
    try {
      original = await readFile(path, 'utf8')
    } catch (error) {
      process.stderr.write(`nianbao: ${en ? 'cannot read' : '无法读取'} ${path}: ${(error as NodeJS.ErrnoException).code ?? error}\n`)
      exit = 2
      continue
    }
    const file = await loadReport(path, { lang: options.lang })
    if (!file.data.report) {
      process.stderr.write(reportText(diagnosticsOf(file), { lang: options.lang, color: false, verbose: false, files: [path] }))
      exit = Math.max(exit, 1)
      continue
    }
    validateReport(file)
    // The contradictions stay as written: report them, with anything else that stops a build.
    const shown = diagnosticsOf(file).filter((d) => d.ruleId === 'narrative-matches-table' || d.severity === 'error')
    if (shown.length > 0) {
      process.stderr.write(reportText(shown, { lang: options.lang, color: process.stderr.isTTY === true, verbose: false, files: [path] }))
      exit = Math.max(exit, 1)
    }
    if (hasErrors(file)) continue
    const { text, rewrites } = bindReport(file, original)
    const name = relative(process.cwd(), path) || path
    process.stdout.write(bindDiff(name, original, text))
    if (options.write && rewrites.length > 0) {
      await writeFileAtomic(path, text)
      process.stderr.write(en ? `wrote ${name}: ${rewrites.length} number(s) now references\n` : `已写入 ${name}：${rewrites.length} 个数字改为引用\n`)
    } else if (rewrites.length === 0) {
      process.stderr.write(en ? `${name}: nothing to bind\n` : `${name}：没有可改写的数字\n`)
    }
  }
  return exit
}

/**
 * `nianbao build`: the work behind the command, loaded only when it runs.
 * Text for people (diagnostics on stderr, files and a summary on stdout) or,
 * with `--format json`, one JSON result on stdout for scripts.
 */
import { stat } from 'node:fs/promises'
import { relative } from 'node:path'
import { buildTree } from '../../build/build-tree.js'
import type { BuiltFile } from '../../build/build-report.js'
import { buildTargets, implementedTargets, type BuildTarget } from '../../build/targets.js'
import type { PdfThread } from '../../build/pdf-thread.js'
import { fsErrorText, isFsError } from '../../build/fs-error.js'
import { internalError } from '../../diagnostics/internal-error.js'
import { useColor } from '../../diagnostics/color.js'
import { diagnosticsOf, hasErrors } from '../../diagnostics/emit.js'
import { exitCodeFor } from '../../diagnostics/exit-code.js'
import { reportText } from '../../diagnostics/report-text.js'
import type { Diagnostic } from '../../diagnostics/types.js'
import { loadValidated } from '../load-reports.js'
import { parseRuleOptions } from '../rule-options.js'
import { parseTargets, type BuildArgs } from './build.js'

/** What `build --format json` prints. */
export interface BuildJsonResult {
  /** Files written by this run (a skipped, unchanged report writes none). */
  files: { target: string; path: string; bytes: number }[]
  /** Every report's diagnostics, also those of reports skipped as unchanged (from the cache). */
  diagnostics: Diagnostic[]
  summary: {
    reports: number
    built: number
    skipped: number
    failed: number
    /** Reports with errors whose previous outputs were kept. */
    stale: string[]
    errors: number
    warnings: number
  }
  exitCode: number
}

function shown(path: string): string {
  return relative(process.cwd(), path) || path
}

function usage(message: string): void {
  process.stderr.write(`nianbao: ${message}\n`)
  process.exitCode = 2
}

const print = (result: BuildJsonResult) => process.stdout.write(JSON.stringify(result, null, 2) + '\n')

const count = (diagnostics: Diagnostic[], severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length

export async function runBuild(args: BuildArgs): Promise<void> {
  const lang = args.lang
  const json = args.format === 'json'
  const severities = parseRuleOptions(args.rule)
  if (typeof severities === 'string') return usage(severities)
  const tree = args.paths.length === 0
  const to = parseTargets(args.to ?? (tree ? [...buildTargets] : 'html'))
  if (typeof to === 'string') return usage(to)
  const missing = to.filter((target) => !implementedTargets.has(target))
  if (missing.length > 0) return usage(`此版本尚不能生成 ${missing.join('、')}；可用：${[...implementedTargets].join('、')}`)
  if (args.templates !== undefined && !(await stat(args.templates).then((s) => s.isDirectory()).catch(() => false))) {
    return usage(`模板目录不存在：${args.templates}`)
  }

  if (tree) {
    if (!(await stat('content').then((s) => s.isDirectory()).catch(() => false))) {
      return usage('没有找到 content/ 文件夹；请在项目根目录运行，或指定报告文件')
    }
    const summary = await buildTree({
      root: 'content',
      outDir: args.out,
      force: args.force,
      targets: to,
      lang,
      severities,
      ...(args.templates ? { templates: args.templates } : {}),
      ...(args.jobs ? { jobs: args.jobs } : {}),
      ...(args.pdfA ? { pdfA: true } : {}),
      ...(json ? { stdout: () => undefined, stderr: () => undefined, tty: false } : { color: useColor(process.stderr) }),
    })
    process.exitCode = summary.total === 0 || summary.ioFailed > 0 ? 2 : summary.failed > 0 ? 1 : 0
    if (json) {
      print({
        files: summary.results.flatMap((r) => r.outputs.map((o) => ({ target: o.target, path: shown(o.path), bytes: o.bytes }))),
        diagnostics: summary.diagnostics,
        summary: {
          reports: summary.total,
          built: summary.built,
          skipped: summary.skipped,
          failed: summary.failed,
          stale: summary.stale,
          errors: summary.errors,
          warnings: summary.warnings,
        },
        exitCode: Number(process.exitCode),
      })
    }
    return
  }

  // The PDF thread starts now, to load and warm up while the reports are read (build/pdf-thread.ts).
  const pdfThread = to.includes('pdf') || to.includes('bundle') ? (await import('../../build/pdf-thread.js')).takePdfThread() : undefined
  try {
    await buildFiles(args, to, severities, pdfThread)
  } finally {
    await pdfThread?.close()
  }
}

async function buildFiles(args: BuildArgs, to: BuildTarget[], severities: Exclude<ReturnType<typeof parseRuleOptions>, string>, pdfThread: PdfThread | undefined): Promise<void> {
  const { lang } = args
  const json = args.format === 'json'
  // One report: its PDF starts as soon as it is parsed, while it is checked (cli/speculative-pdf.ts).
  const onLoaded =
    pdfThread && args.paths.length === 1
      ? (await import('../speculative-pdf.js')).speculatePdf(pdfThread, { ...(args.templates ? { templates: args.templates } : {}), ...(args.pdfA ? { pdfA: true } : {}) })
      : undefined
  const checked = await loadValidated(args.paths, { lang, severities, ...(onLoaded ? { onLoaded } : {}) })
  if (!checked) return
  // Files found but not read (not named <year>.md) are reported, never built or counted.
  const files = checked.filter((f) => !f.data.ignored)
  // The renderers load here, not with the command: a no-op tree build above does without them.
  const [{ buildReportOutputs }, { checkOutputPlaces }] = await Promise.all([import('../../build/build-report.js'), import('../../build/conflicts.js')])
  const targets = new Set(to)
  const written: BuiltFile[] = []
  let skipped = 0
  let built = 0
  let ioFailed = false
  // Never two reports into one place, not even with --allow-errors.
  const blocked = checkOutputPlaces(files, args.out)
  for (const file of files) {
    if (blocked.has(file) || (hasErrors(file) && !args.allowErrors)) {
      skipped++
      continue
    }
    try {
      const outputs = await buildReportOutputs(file, {
        targets,
        outDir: args.out,
        ...(args.templates ? { templates: args.templates } : {}),
        ...(args.pdfA ? { pdfA: true } : {}),
        ...(pdfThread ? { renderPdf: pdfThread.render } : {}),
      })
      if (outputs.length > 0) built++
      written.push(...outputs)
    } catch (error) {
      // The file system (content problems are messages), or a bug: then a diagnostic on this file only.
      if (!isFsError(error)) {
        internalError(file, 'render', error)
        continue
      }
      ioFailed = true
      process.stderr.write(`nianbao: ${shown(file.path)}: ${fsErrorText(error, lang)}\n`)
    }
  }

  const diagnostics = checked.flatMap((f) => diagnosticsOf(f))
  process.exitCode = ioFailed ? 2 : exitCodeFor(diagnostics) === 1 || built < files.length ? 1 : 0
  if (json) {
    print({
      files: written.map((o) => ({ target: o.target, path: shown(o.path), bytes: o.bytes })),
      diagnostics,
      summary: {
        reports: files.length,
        built,
        skipped: 0,
        failed: files.length - built,
        stale: [],
        errors: count(diagnostics, 'error'),
        warnings: count(diagnostics, 'warning'),
      },
      exitCode: Number(process.exitCode),
    })
    return
  }
  if (diagnostics.length > 0) {
    process.stderr.write(reportText(diagnostics, { lang, color: useColor(process.stderr), files: checked.map((f) => f.path) }))
  }
  for (const output of written) process.stdout.write(`${lang === 'en' ? 'wrote' : '已生成'} ${shown(output.path)}\n`)
  if (lang === 'en') process.stdout.write(`${built} of ${files.length} reports built${skipped ? `, ${skipped} not built because of errors` : ''}\n`)
  else process.stdout.write(`已生成 ${built} 份报告，共 ${files.length} 份${skipped ? `；${skipped} 份有错误，未生成` : ''}\n`)
}

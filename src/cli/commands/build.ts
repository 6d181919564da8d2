import { stat } from 'node:fs/promises'
import { relative } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import { buildTree } from '../../build/build-tree.js'
import { checkOutputPlaces } from '../../build/conflicts.js'
import { buildReportOutputs, buildTargets, implementedTargets, type BuildTarget, type BuiltFile } from '../../build/build-report.js'
import { diagnosticsOf, hasErrors } from '../../diagnostics/emit.js'
import { exitCodeFor } from '../../diagnostics/exit-code.js'
import { reportText } from '../../diagnostics/report-text.js'
import type { Lang } from '../../diagnostics/types.js'
import { loadValidated } from '../load-reports.js'
import { parseRuleOptions } from '../rule-options.js'
import { withCommonOptions } from './validate.js'

export interface BuildArgs {
  paths: string[]
  to?: string | string[]
  out: string
  templates?: string
  force: boolean
  allowErrors: boolean
  jobs?: number
  pdfA: boolean
  lang: Lang
  rule: string[]
}

/** `html,pdf` → targets, or the usage message for an unknown name. */
export function parseTargets(value: string | string[]): BuildTarget[] | string {
  const names = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean)
  for (const name of names) {
    if (!(buildTargets as readonly string[]).includes(name)) return `--to 的取值应为 ${buildTargets.join('、')}（可用逗号分隔），实际为 ${name}`
  }
  if (names.length === 0) return '请用 --to 指定输出格式，如 --to html'
  return [...new Set(names as BuildTarget[])]
}

function shown(path: string): string {
  return relative(process.cwd(), path) || path
}

export const buildCommand: CommandModule<object, BuildArgs> = {
  command: 'build [paths..]',
  describe: '生成报告，输出到 out/<机关>/<年度>/；不指定路径时生成 content/ 下全部报告的网页、PDF、发布包和 out/index.html（增量、并行）',
  builder: (y) =>
    withCommonOptions(y)
      .positional('paths', { type: 'string', array: true, default: [] as string[], describe: '报告文件或文件夹（不指定：content/ 全部，增量生成）' })
      .option('to', { type: 'string', describe: `输出格式，逗号分隔：${buildTargets.join(',')}（默认：指定路径时 html，不指定路径时全部）` })
      .option('out', { type: 'string', default: 'out', describe: '输出目录' })
      .option('templates', { type: 'string', describe: '模板覆盖目录：其中的 report.hbs、partials/*.hbs、style.css 替换官方模板的同名文件' })
      .option('force', { type: 'boolean', default: false, describe: '全部重新生成，忽略增量缓存' })
      .option('allow-errors', { type: 'boolean', default: false, describe: '指定路径时，有错误的报告也生成，供预览草稿（仍以失败退出）' })
      .option('pdf-a', { type: 'boolean', default: false, describe: '生成归档用 PDF/A-2b（也可在 nianbao.config.json 中设 "pdf": {"pdfA": true}）' })
      .option('jobs', { type: 'number', describe: '并行生成的线程数（默认：CPU 核数）' }) as unknown as Argv<BuildArgs>,
  handler: async (args) => {
    const lang = args.lang
    const severities = parseRuleOptions(args.rule)
    if (typeof severities === 'string') {
      process.stderr.write(`nianbao: ${severities}\n`)
      process.exitCode = 2
      return
    }
    const tree = args.paths.length === 0
    const to = parseTargets(args.to ?? (tree ? [...buildTargets] : 'html'))
    const missing = typeof to === 'string' ? [] : to.filter((t) => !implementedTargets.has(t))
    if (typeof to === 'string' || missing.length > 0) {
      process.stderr.write(
        typeof to === 'string' ? `nianbao: ${to}\n` : `nianbao: 此版本尚不能生成 ${missing.join('、')}；可用：${[...implementedTargets].join('、')}\n`,
      )
      process.exitCode = 2
      return
    }
    if (args.templates !== undefined && !(await stat(args.templates).then((s) => s.isDirectory()).catch(() => false))) {
      process.stderr.write(`nianbao: 模板目录不存在：${args.templates}\n`)
      process.exitCode = 2
      return
    }
    if (tree) {
      if (!(await stat('content').then((s) => s.isDirectory()).catch(() => false))) {
        process.stderr.write('nianbao: 没有找到 content/ 文件夹；请在项目根目录运行，或指定报告文件\n')
        process.exitCode = 2
        return
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
      })
      process.exitCode = summary.total === 0 ? 2 : summary.failed > 0 ? 1 : 0
      return
    }
    const files = await loadValidated(args.paths, { lang, severities })
    if (!files) return

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
        })
        if (outputs.length > 0) built++
        written.push(...outputs)
      } catch (error) {
        // Only the file system can fail here (content problems are messages).
        ioFailed = true
        process.stderr.write(`nianbao: 无法写入 ${shown(file.path)} 的输出：${error instanceof Error ? error.message : String(error)}\n`)
      }
    }

    const diagnostics = files.flatMap((f) => diagnosticsOf(f))
    if (diagnostics.length > 0) {
      process.stderr.write(reportText(diagnostics, { lang, color: process.stderr.isTTY === true, files: files.map((f) => f.path) }))
    }
    for (const output of written) process.stdout.write(`${lang === 'en' ? 'wrote' : '已生成'} ${shown(output.path)}\n`)
    if (lang === 'en') process.stdout.write(`${built} of ${files.length} reports built${skipped ? `, ${skipped} not built because of errors` : ''}\n`)
    else process.stdout.write(`已生成 ${built} 份报告，共 ${files.length} 份${skipped ? `；${skipped} 份有错误，未生成` : ''}\n`)
    process.exitCode = ioFailed ? 2 : exitCodeFor(diagnostics) === 1 || built < files.length ? 1 : 0
  },
}

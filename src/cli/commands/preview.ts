import { stat } from 'node:fs/promises'
import type { Argv, CommandModule } from 'yargs'
import type { Lang } from '../../diagnostics/types.js'
import { InputError } from '../../pipeline.js'
import { parseRuleOptions } from '../rule-options.js'
import { withCommonOptions } from './validate.js'

export interface PreviewArgs {
  paths: string[]
  port?: number
  templates?: string
  lang: Lang
  rule: string[]
}

/** The port tried first when `--port` is not given (then the next ones if it is taken). */
export const DEFAULT_PORT = 4173

function fail(message: string): void {
  process.stderr.write(`nianbao: ${message}\n`)
  process.exitCode = 2
}

export const previewCommand: CommandModule<object, PreviewArgs> = {
  command: 'preview [paths..]',
  describe: '在浏览器中预览报告：与发布时相同的页面、问题列表和 PDF，保存即更新（仅限本机 127.0.0.1）',
  builder: (y) =>
    withCommonOptions(y)
      .positional('paths', { type: 'string', array: true, default: ['content/'], describe: '报告文件或文件夹' })
      .option('port', { type: 'number', describe: `端口（默认 ${DEFAULT_PORT}，被占用时顺延；0 表示自动选择）` })
      .option('templates', { type: 'string', describe: '模板覆盖目录，同 nianbao build --templates' }) as unknown as Argv<PreviewArgs>,
  handler: async (args) => {
    const severities = parseRuleOptions(args.rule)
    if (typeof severities === 'string') return fail(severities)
    const port = args.port ?? DEFAULT_PORT
    if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port 应为 0–65535 的整数，实际为 ${String(args.port)}`)
    if (args.templates !== undefined && !(await stat(args.templates).then((s) => s.isDirectory()).catch(() => false)))
      return fail(`模板目录不存在：${args.templates}`)
    const { startPreview } = await import('../../preview/index.js')
    let running: Awaited<ReturnType<typeof startPreview>>
    try {
      running = await startPreview({
        paths: args.paths,
        port,
        fallback: args.port === undefined,
        lang: args.lang,
        severities,
        ...(args.templates !== undefined ? { templates: args.templates } : {}),
        log: (line) => process.stdout.write(`${line}\n`),
      })
    } catch (error) {
      if (error instanceof InputError) return fail(error.message)
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        return fail(`端口 ${port} 已被占用；请用 --port 指定其他端口，或 --port 0 自动选择`)
      throw error
    }
    const count = running.reports.list().length
    if (count === 0) {
      await running.close()
      return fail(args.lang === 'en' ? 'no report files found (<agency>/<year>.md)' : '没有找到报告文件（<机关>/<年度>.md）')
    }
    process.stdout.write(
      args.lang === 'en'
        ? `Preview: ${running.url}\n${count} report(s); pages update when a file is saved. Ctrl-C stops.\n`
        : `预览地址：${running.url}\n共 ${count} 份报告；保存文件后页面自动更新。按 Ctrl-C 退出。\n`,
    )
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        void running.close().then(done)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
  },
}

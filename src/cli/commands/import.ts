import type { Argv, CommandModule } from 'yargs'
import { diagnosticsOf } from '../../diagnostics/emit.js'
import { reportText } from '../../diagnostics/report-text.js'
import type { Lang } from '../../diagnostics/types.js'
import { formats } from '../../formats/index.js'
import { AGENCY_ID, runImport, type RunOptions } from '../../import/run.js'

export interface ImportArgs extends RunOptions {
  files: string[]
  force: boolean
  lang: Lang
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <files..>',
  describe: '导入已发布的年度报告（纯文本、网页 .html、Word .docx、有文字层的 PDF），生成 content/<机关>/<年度>.md',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, describe: '要导入的文件' })
      .option('agency-id', { type: 'string', describe: '机关标识（输出文件夹名），如 ruzhou-wsjkw' })
      .option('agency', { type: 'string', describe: '机关名称（原文标题中没有或有误时）' })
      .option('year', { type: 'number', describe: '报告年度（原文标题中没有时）' })
      .option('format', { choices: formats.map((f) => f.id), describe: '指定格式（默认按表格版式识别）' })
      .option('out', { type: 'string', describe: '输出文件（只导入一个文件时）' })
      .option('out-dir', { type: 'string', describe: '输出根目录，写入 <目录>/<机关标识>/<年度>.md（默认 content）' })
      .option('force', { type: 'boolean', default: false, describe: '覆盖已存在的文件' })
      .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: '提示信息的语言' })
      .conflicts('out', 'out-dir') as unknown as Argv<ImportArgs>,
  handler: async (args) => {
    // Checked here, not in yargs .check(): a failed check reaches the CLI as an internal error.
    const usage =
      args.out && args.files.length > 1
        ? '--out 只能用于导入一个文件；导入多个文件请用 --agency-id 和 --out-dir'
        : args.agencyId !== undefined && !AGENCY_ID.test(args.agencyId)
          ? `机关标识「${args.agencyId}」不可用：只能用小写字母、数字和连字符，如 ruzhou-wsjkw`
          : undefined
    if (usage) {
      process.stderr.write(`nianbao: ${usage}\n`)
      process.exitCode = 2
      return
    }
    const { results, exitCode } = await runImport(args.files, {
      ...(args.agencyId ? { agencyId: args.agencyId } : {}),
      ...(args.agency ? { agency: args.agency } : {}),
      ...(args.year ? { year: args.year } : {}),
      ...(args.format ? { format: args.format } : {}),
      ...(args.out ? { out: args.out } : {}),
      ...(args.outDir ? { outDir: args.outDir } : {}),
      force: args.force,
      lang: args.lang,
    })
    const en = args.lang === 'en'
    for (const result of results) {
      if (result.output) {
        const count = result.checks.length
        process.stdout.write(
          en
            ? `${result.input} → ${result.output} (${result.format}; ${count} to check)\n`
            : `${result.input} → ${result.output}（${result.format}；待核对 ${count} 处）\n`,
        )
      }
      const diagnostics = result.file ? diagnosticsOf(result.file) : []
      process.stdout.write(reportText(diagnostics, { lang: args.lang, color: process.stdout.isTTY === true }) + '\n')
    }
    if (exitCode === 1) {
      process.stdout.write(
        en
          ? 'Review every 待核对 mark in the file, fix the values by hand, remove the marks, then run nianbao validate.\n'
          : '请逐一核对文件中标有「待核对」的行，按原件改正后删去标注，再运行 nianbao validate。\n',
      )
    }
    process.exitCode = exitCode
  },
}

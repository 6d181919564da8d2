#!/usr/bin/env node
/**
 * The `nianbao` command line: yargs setup only; each command lives in
 * commands/<name>.ts and calls the library.
 */
import yargs from 'yargs'
import { hideBin } from 'yargs/helpers'
import { commands } from './commands/index.js'

export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv)
    .scriptName('nianbao')
    .locale('zh_CN')
    .usage('$0 <命令> [选项]\n\n政府信息公开工作年度报告：校验、排版（HTML/PDF）与发布包。')
    .parserConfiguration({ 'strip-aliased': true, 'strip-dashed': true })
    .demandCommand(1, '请指定一个命令，例如 nianbao validate')
    .recommendCommands()
    .strict()
    .help('help', '显示帮助信息')
    .alias('help', 'h')
    .version('version', '显示版本号')
    .wrap(100)
    .fail((message, error) => {
      if (error) throw error
      process.stderr.write(`nianbao: ${message}\n运行 nianbao --help 查看用法。\n`)
      process.exit(2)
    })
  for (const command of commands) cli = cli.command(command)
  await cli.parseAsync()
}

main(hideBin(process.argv)).catch((error: unknown) => {
  process.stderr.write(`nianbao 内部错误：${error instanceof Error ? error.message : String(error)}\n请将此信息报告给维护者。\n`)
  process.exit(2)
})

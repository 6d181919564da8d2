#!/usr/bin/env node
/**
 * The `nianbao` command line: yargs setup only; each command lives in
 * commands/<name>.ts and calls the library. Help texts come from
 * strings.ts in the language of `--lang`.
 */
import yargs, { hideBin } from '../vendor/yargs.js'
import { version } from '../version.js'
import { commands } from './commands/index.js'
import { t, yargsLocale } from './strings.js'

export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv)
    .scriptName('nianbao')
    .locale(yargsLocale())
    .usage(t('usage'))
    // Not 'strip-dashed': yargs then misses a dashed positional such as <agency-id> (its required check reads the dashed key).
    .parserConfiguration({ 'strip-aliased': true })
    .demandCommand(1, t('demandCommand'))
    .recommendCommands()
    .strict()
    .help('help', t('help'))
    .alias('help', 'h')
    .version('version', t('version'), version)
    .alias('version', 'v')
    // Global: every command takes it (and `nianbao --help --lang en` is documented where it is used).
    .option('lang', { choices: ['zh', 'en'] as const, default: 'zh' as const, describe: t('opt.lang') })
    .wrap(100)
    .fail((message, error) => {
      if (error) throw error
      process.stderr.write(`nianbao: ${message}\n${t('seeHelp')}\n`)
      process.exit(2)
    })
  for (const command of commands) cli = cli.command(command)
  skipHelpCache(cli)
  await cli.parseAsync()
}

/**
 * yargs renders a command's whole help text the moment its handler starts (some 30 ms of every
 * command, on the way to its work), in case a failure afterwards prints it. Ours never does: `fail`
 * above prints the message and where to find help. `--help` itself renders as before.
 */
function skipHelpCache(cli: object): void {
  type Internals = { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } } }
  const usage = (cli as Internals).getInternalMethods?.().getUsageInstance?.()
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {}
}

main(hideBin(process.argv)).catch((error: unknown) => {
  process.stderr.write(t('internalError', { message: error instanceof Error ? error.message : String(error) }) + '\n')
  process.exit(2)
})

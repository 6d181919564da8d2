import type { Argv, CommandModule } from 'yargs'
import { buildTargets, type BuildTarget } from '../../build/targets.js'
import type { Lang } from '../../diagnostics/types.js'
import { t } from '../strings.js'
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
  format: 'text' | 'json'
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

export const buildCommand: CommandModule<object, BuildArgs> = {
  command: 'build [paths..]',
  describe: t('build.describe'),
  builder: (y) =>
    withCommonOptions(y)
      .positional('paths', { type: 'string', array: true, default: [] as string[], describe: t('build.paths') })
      .option('to', { type: 'string', describe: t('build.to', { targets: buildTargets.join(',') }) })
      .option('out', { type: 'string', default: 'out', describe: t('build.out') })
      .option('templates', { type: 'string', describe: t('build.templates') })
      .option('force', { type: 'boolean', default: false, describe: t('build.force') })
      .option('allow-errors', { type: 'boolean', default: false, describe: t('build.allowErrors') })
      .option('pdf-a', { type: 'boolean', default: false, describe: t('build.pdfA') })
      .option('jobs', { type: 'number', describe: t('build.jobs') })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: t('build.format') }) as unknown as Argv<BuildArgs>,
  // The renderers, PDF and bundle code load only when a build runs.
  handler: async (args) => (await import('./build-run.js')).runBuild(args),
}

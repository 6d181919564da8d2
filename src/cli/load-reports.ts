import type { VFile } from 'vfile'
import type { Lang, Severity } from '../diagnostics/types.js'
import { diagnosticsOf } from '../diagnostics/emit.js'
import { reportText } from '../diagnostics/report-text.js'
import { InputError, validatePaths, type PipelineOptions } from '../pipeline.js'

/**
 * Validate the reports a command was given; a missing path or an empty
 * selection is a usage problem (message on stderr, exit code 2, `undefined`).
 */
export async function loadValidated(
  paths: string[],
  options: Pick<PipelineOptions, 'onLoaded'> & { lang: Lang; severities: Record<string, Severity | 'off'> },
): Promise<VFile[] | undefined> {
  let files: VFile[]
  try {
    files = await validatePaths(paths, options)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    process.stderr.write(`nianbao: ${error.message}\n`)
    process.exitCode = 2
    return undefined
  }
  if (files.every((f) => f.data.ignored)) {
    // Files found under other names are still said, before the usage message.
    const notices = files.flatMap((f) => diagnosticsOf(f))
    if (notices.length > 0) process.stderr.write(reportText(notices, { lang: options.lang, color: process.stderr.isTTY === true }))
    process.stderr.write(options.lang === 'en' ? 'nianbao: no report files found (<agency>/<year>.md)\n' : 'nianbao: 没有找到报告文件（<机关>/<年度>.md）\n')
    process.exitCode = 2
    return undefined
  }
  return files
}

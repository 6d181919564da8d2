/**
 * A bug, or a file nianbao cannot cope with (e.g. nested so deep that a
 * library runs out of stack), stops only that file: the failure becomes an
 * `internal-error` diagnostic on it, asking for a bug report, and every
 * other file is still read, checked and built.
 */
import { VFile } from 'vfile'
import { emit } from './emit.js'
import type { Lang, Severity } from './types.js'

const stages: Record<string, [string, string]> = {
  read: ['读取', 'reading'],
  validate: ['校验', 'validating'],
  render: ['生成', 'building'],
}

/** Emit `internal-error` on `file` for `error`, thrown while `stage` ran. */
export function internalError(file: VFile, stage: keyof typeof stages, error: unknown): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const [stageZh, stageEn] = stages[stage]!
  emit(file, 'internal-error', { stage: stageZh, stageEn, reason }, undefined, {
    ...(error instanceof Error && error.stack ? { note: error.stack.split('\n').slice(0, 6).join('\n') } : {}),
  })
}

/** A file with nothing but the internal error (its reading failed before anything else). */
export function failedFile(path: string, error: unknown, options: { lang?: Lang; severities?: Record<string, Severity | 'off'> }): VFile {
  const file = new VFile({ path })
  file.data.lang = options.lang ?? 'zh'
  file.data.severities = options.severities ?? {}
  internalError(file, 'read', error)
  return file
}

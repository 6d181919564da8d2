/**
 * Schema stage: validate the front matter against the JSON Schema generated
 * from the format definition (Ajv), then turn every raw error into one
 * positioned Chinese sentence (refine.ts).
 */
import type { ErrorObject } from 'ajv'
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { pointer } from '../source/number-literals.js'
import type { YamlPath } from '../source/positions.js'
import { checkPunctuation } from './punctuation.js'
import { labelFor, refineError } from './refine.js'
import { toFill } from './rules/to-fill.js'
import { schemaValidator } from './validators.js'

export { schemaValidator } from './validators.js'

/** Key of an error for de-duplication: one message per value and rule. */
function errorKey(error: ErrorObject): string {
  const family = ['minItems', 'maxItems', 'additionalItems'].includes(error.keyword) ? 'length' : error.keyword
  const extra = error.keyword === 'required' ? String(error.params.missingProperty) : error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : ''
  return `${error.instancePath}|${family}|${extra}`
}

/** The value an error is about: the extra key for additionalProperties, none for a missing key. */
function reportedPath(error: ErrorObject): string {
  if (error.keyword === 'required') return '\0'
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${pointer([String(error.params.additionalProperty)]).slice(1)}`
  return error.instancePath
}

export function checkSchema(file: VFile): void {
  const report = file.data.report
  const source = file.data.source
  if (!report || !source) return
  const { schema, validate } = schemaValidator(report.format)
  // Values reported here: a number that cannot be kept as written is said so once, not also as a type error.
  const reported = new Set<string>()
  for (const problem of report.literalProblems) {
    const { path, written, reason } = problem
    emit(file, 'number-representable', { label: labelFor(schema, path), actual: written, reason: reason[0], reasonEn: reason[1] }, source.locate.path(path), {
      actual: written,
    })
    reported.add(pointer(path))
  }
  // Full-width commas and colons (a Chinese input method): said once, not as list lengths and types.
  const explained = checkPunctuation(file, source.data, (path) => labelFor(schema, path))
  for (const p of explained) reported.add(p)
  const within = (path: string) => explained.some((p) => path === p || path.startsWith(`${p}/`))
  if (!validate(source.data)) {
    const seen = new Set<string>()
    for (const error of validate.errors ?? []) {
      // `type` on a nullable union reports once; minimum etc. only after type passed.
      const key = errorKey(error)
      if (seen.has(key) || reported.has(error.instancePath) || within(error.instancePath)) continue
      seen.add(key)
      refineError(file, error, schema)
      reported.add(reportedPath(error))
    }
  }
  checkInvalidCellsReported(file, reported, schema)
  checkBlankCells(file)
}

/**
 * The safety net: every cell read as invalid has an error at its place (or
 * at the row or table holding it). A written value is never dropped in silence.
 */
function checkInvalidCellsReported(file: VFile, reported: ReadonlySet<string>, schema: object): void {
  const report = file.data.report!
  const covered = (path: YamlPath) => reported.has('') || path.some((_, i) => reported.has(pointer(path.slice(0, i + 1))))
  for (const table of report.stats.values()) {
    for (const rows of table.blocks.values()) {
      for (const cell of rows.values()) {
        for (const c of cell.values()) {
          if (c.origin !== 'invalid' || covered(c.path)) continue
          emit(
            file,
            'value-type',
            { label: labelFor(schema, c.path), actual: '无法读取的值', actualEn: 'unreadable value', expected: '数字', expectedEn: 'a number' },
            file.data.source!.locate.path(c.path),
          )
        }
      }
    }
  }
}

/** Blank cells (`~`) are allowed but never silently treated as 0; a draft's many blanks are summarised (to-fill.ts). */
function checkBlankCells(file: VFile): void {
  const state = toFill(file.data.report!)
  if (state.summarize) return
  for (const { table, block, row, column, cell } of state.blanks) {
    const label = `${table.name} ${row.label}${block.columns.length > 1 ? `·${column.label}` : ''}`
    emit(file, 'blank-cell', { label }, file.data.source!.locate.path(cell.path))
  }
}

/**
 * Schema stage: validate the front matter against the JSON Schema generated
 * from the format definition (Ajv), then turn every raw error into one
 * positioned Chinese sentence (refine.ts).
 */
import type { ErrorObject } from 'ajv'
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { refineError } from './refine.js'
import { toFill } from './rules/to-fill.js'
import { schemaValidator } from './validators.js'

export { schemaValidator } from './validators.js'

/** Key of an error for de-duplication: one message per value and rule. */
function errorKey(error: ErrorObject): string {
  const family = ['minItems', 'maxItems', 'additionalItems'].includes(error.keyword) ? 'length' : error.keyword
  const extra = error.keyword === 'required' ? String(error.params.missingProperty) : error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : ''
  return `${error.instancePath}|${family}|${extra}`
}

export function checkSchema(file: VFile): void {
  const report = file.data.report
  const source = file.data.source
  if (!report || !source) return
  const { schema, validate } = schemaValidator(report.format)
  if (validate(source.data)) {
    checkBlankCells(file)
    return
  }
  const seen = new Set<string>()
  for (const error of validate.errors ?? []) {
    // `type` on a nullable union reports once; minimum etc. only after type passed.
    const key = errorKey(error)
    if (seen.has(key)) continue
    seen.add(key)
    refineError(file, error, schema)
  }
  checkBlankCells(file)
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

/**
 * The Ajv validator of each format's front-matter schema. Compiling the
 * generated schema costs about 0.3 s of CPU, more than the rest of a
 * one-report `nianbao validate`, so the build compiles it ahead of time
 * into standalone code (dist/validate/generated/<format>.cjs, written by
 * generate-validators.ts). Each generated module carries the hash of the
 * schema and options it was made from; when that no longer matches (a
 * format changed without a rebuild, or no build at all) the schema is
 * compiled here as before. Ajv itself is loaded only then.
 */
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import type { ValidateFunction } from 'ajv'
import { generateSchema } from '../formats/schema.js'
import type { FormatDefinition } from '../formats/types.js'

/**
 * Options of every validator, generated or compiled here: `verbose` gives refine.ts the failing
 * schema; strictNumbers: Infinity and NaN are not numbers (`1e400` must never pass as a count).
 */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, strictNumbers: true } as const

/** Identity of a validator: the schema and the options it is compiled with. */
export function validatorHash(schema: object): string {
  return createHash('sha256').update(JSON.stringify({ options: AJV_OPTIONS, schema })).digest('hex')
}

/** Module shape written by generate-validators.ts. */
export interface GeneratedValidator {
  hash: string
  validate: ValidateFunction
}

// src/validate/ and dist/validate/ are both two levels below the package root, so
// tests run from the sources use the same generated code as the command line.
export const generatedDir = new URL('../../dist/validate/generated/', import.meta.url)

const require = createRequire(import.meta.url)

function loadGenerated(format: FormatDefinition, hash: string): ValidateFunction | undefined {
  try {
    const module = require(new URL(`${format.id}.cjs`, generatedDir).pathname) as Partial<GeneratedValidator>
    return module.hash === hash && typeof module.validate === 'function' ? module.validate : undefined
  } catch {
    return undefined
  }
}

let ajv: import('ajv').Ajv | undefined

function compile(schema: object): ValidateFunction {
  if (!ajv) {
    const { Ajv } = require('ajv') as typeof import('ajv')
    // addUsedSchema false: two schemas with one $id (a format and a changed copy) may both compile.
    ajv = new Ajv({ ...AJV_OPTIONS, addUsedSchema: false })
  }
  return ajv.compile(schema)
}

export interface SchemaValidator {
  schema: object
  validate: ValidateFunction
  /** Where the validator came from: generated ahead of time, or compiled in this process. */
  origin: 'generated' | 'compiled'
}

// By definition object: a changed copy of a format (a library user's) never gets another's validator.
const validators = { generated: new WeakMap<FormatDefinition, SchemaValidator>(), compiled: new WeakMap<FormatDefinition, SchemaValidator>() }

/**
 * Schema and validator for a format, loaded or compiled once per process.
 * `compile: true` skips the generated code (tests compare the two).
 */
export function schemaValidator(format: FormatDefinition, options: { compile?: boolean } = {}): SchemaValidator {
  const cache = options.compile ? validators.compiled : validators.generated
  let entry = cache.get(format)
  if (!entry) {
    const schema = generateSchema(format)
    const generated = options.compile ? undefined : loadGenerated(format, validatorHash(schema))
    entry = generated ? { schema, validate: generated, origin: 'generated' } : { schema, validate: compile(schema), origin: 'compiled' }
    cache.set(format, entry)
  }
  return entry
}

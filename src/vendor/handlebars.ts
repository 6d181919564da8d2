/**
 * Handlebars' runtime (no compiler: some 15 CommonJS files instead of 45),
 * bundled into one file by the build like markdown.ts. The official
 * templates come precompiled (render/template-specs.ts); the compiler is
 * loaded only for a template that is not.
 */
import type Handlebars from 'handlebars'
// The package types the runtime as an empty module; it is Handlebars without `compile` and `precompile`.
import runtime from 'handlebars/runtime.js'

export const handlebarsRuntime = runtime as unknown as Omit<typeof Handlebars, 'compile' | 'precompile'>

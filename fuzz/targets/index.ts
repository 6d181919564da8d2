/**
 * Every fuzz target. To add one: write `targets/<name>.ts` exporting a `FuzzTarget` —
 * its seed kinds, where the input goes, and the node arguments that run it
 * (a CLI command, or a small driver script under fuzz/drivers/ that calls
 * the library and exits) — and list it here.
 */
import { buildTarget } from './build.js'
import { importTarget } from './import.js'
import { lspTarget } from './lsp.js'
import { previewTarget } from './preview.js'
import type { FuzzTarget } from './target.js'
import { validateTarget } from './validate.js'
import { verifyTarget } from './verify.js'

export const targets: FuzzTarget[] = [validateTarget, buildTarget, importTarget, verifyTarget, previewTarget, lspTarget]

export type { FuzzTarget } from './target.js'

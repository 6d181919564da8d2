import type { CommandModule } from 'yargs'
import { bindCommand } from './bind.js'
import { buildCommand } from './build.js'
import { compareCommand } from './compare.js'
import { datasetCommand } from './dataset.js'
import { importCommand } from './import.js'
import { lspCommand } from './lsp.js'
import { newCommand } from './new.js'
import { previewCommand } from './preview.js'
import { rollupCommand } from './rollup.js'
import { schemaCommand } from './schema.js'
import { validateCommand } from './validate.js'
import { verifyCommand } from './verify.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- yargs modules differ in their args type
export const commands: CommandModule<object, any>[] = [
  validateCommand,
  buildCommand,
  newCommand,
  previewCommand,
  lspCommand,
  bindCommand,
  schemaCommand,
  verifyCommand,
  importCommand,
  compareCommand,
  rollupCommand,
  datasetCommand,
]

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rulesDoc } from '../src/diagnostics/rules-doc.js'
import { derivedDoc } from '../src/formats/derived-doc.js'
import { flagsDoc } from '../src/rollup/flags-doc.js'
import { referencesDoc } from '../src/formats/references-doc.js'
import { withLimitsTable } from '../src/limit-messages.js'

const root = join(import.meta.dirname, '..')
writeFileSync(join(root, 'docs', 'rules.md'), rulesDoc(join(root, 'test', 'fixtures', 'rules')))
writeFileSync(join(root, 'docs', 'derived.md'), derivedDoc())
writeFileSync(join(root, 'docs', 'flags.md'), flagsDoc())
writeFileSync(join(root, 'docs', 'references.md'), referencesDoc())
writeFileSync(join(root, 'README.md'), withLimitsTable(readFileSync(join(root, 'README.md'), 'utf8')))

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rulesDoc } from '../src/diagnostics/rules-doc.js'

const root = join(import.meta.dirname, '..')
writeFileSync(join(root, 'docs', 'rules.md'), rulesDoc(join(root, 'test', 'fixtures', 'rules')))

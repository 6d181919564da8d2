import { join } from 'node:path'
import { bin, type FuzzTarget } from './target.js'

/** `nianbao import` of a mutated text, HTML, PDF or .docx into the case folder. */
export const importTarget: FuzzTarget = {
  name: 'import',
  kinds: ['text', 'html', 'pdf', 'docx'],
  inputPath: (extension) => `input${extension}`,
  argv: (input, dir) => [bin, 'import', input, '--agency-id', 'fuzz', '--out-dir', join(dir, 'content')],
  timeMs: 30_000,
}

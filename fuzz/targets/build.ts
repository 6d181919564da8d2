import { join } from 'node:path'
import { bin, reportPath, type FuzzTarget } from './target.js'

/** `nianbao build` of a mutated report to every output (page, PDF, bundle) in the case folder. */
export const buildTarget: FuzzTarget = {
  name: 'build',
  kinds: ['report'],
  inputPath: reportPath,
  // --allow-errors: render what validates with errors too, so the renderers see the mutations.
  argv: (input, dir) => [bin, 'build', input, '--to', 'html,pdf,bundle', '--out', join(dir, 'out'), '--allow-errors'],
  timeMs: 60_000,
  // An unexpected failure inside a report's build is printed as `nianbao: <path>: <message>`.
  crashed: (output) => (/^nianbao: .*2024\.md: /m.test(output.stderr) ? 'build failure' : undefined),
}

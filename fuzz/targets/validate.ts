import { bin, reportPath, type FuzzTarget } from './target.js'

/** `nianbao validate` on a mutated report (JSON output, so every diagnostic is serialised too). */
export const validateTarget: FuzzTarget = {
  name: 'validate',
  kinds: ['report'],
  inputPath: reportPath,
  argv: (input) => [bin, 'validate', input, '--format', 'json'],
  timeMs: 10_000,
}

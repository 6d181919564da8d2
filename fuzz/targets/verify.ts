import { bin, type FuzzTarget } from './target.js'

/** `nianbao verify` of a mutated bundle. */
export const verifyTarget: FuzzTarget = {
  name: 'verify',
  kinds: ['bundle'],
  inputPath: () => '2024.zip',
  argv: (input) => [bin, 'verify', input],
  timeMs: 10_000,
}

/**
 * Whether to colour output written to a stream: on a terminal by default;
 * `NO_COLOR` (any non-empty value, https://no-color.org) or `FORCE_COLOR=0`
 * turn it off, `FORCE_COLOR` (`1`, `2`, `3`, `true` or empty) turns it on even
 * when piped. As in Node's own `tty.getColorDepth`, FORCE_COLOR wins over NO_COLOR.
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false')
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.TERM === 'dumb') return false
  return stream.isTTY === true
}

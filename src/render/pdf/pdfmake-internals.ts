/**
 * pdfmake's internal classes, for the few patches nianbao applies to them
 * (kinsoku.ts, speedups.ts). Pinned to pdfmake 0.3's layout; tests cover
 * every patch, so an upgrade that moves them fails loudly.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const req = createRequire(import.meta.url)
const base = dirname(req.resolve('pdfmake'))

/** The default export of `pdfmake/js/<name>.js`. */
export function pdfmakeInternal<T>(name: string): T {
  return (req(join(base, `${name}.js`)) as { default: T }).default
}

/**
 * pdfmake's internal classes, for the few patches nianbao applies to them
 * (kinsoku.ts, speedups.ts). Pinned to pdfmake 0.3's layout; tests cover
 * every patch, so an upgrade that moves them fails loudly.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pdfmake } from './fonts.js'

const req = createRequire(import.meta.url)
const base = dirname(req.resolve('pdfmake'))

const loaded = new Map<string, unknown>()

/**
 * The default export of `pdfmake/js/<name>.js`. Kept here after the first
 * call: `require` resolves the path again on every call (a look at the
 * package.json scopes each time), and the line builder asks once per line.
 */
export function pdfmakeInternal<T>(name: string): T {
  let value = loaded.get(name)
  if (value === undefined) {
    // pdfmake's own entry first: it puts the fontkit memo in place before pdfkit is loaded (fonts.ts).
    pdfmake()
    value = (req(join(base, `${name}.js`)) as { default: T }).default
    loaded.set(name, value)
  }
  return value as T
}

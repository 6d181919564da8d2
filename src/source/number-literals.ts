/**
 * Numbers the YAML parser cannot keep as written: `1e400` becomes Infinity,
 * `1e-400` becomes 0, `12345678901234567890` loses its last digits. A value
 * the author wrote must never be replaced silently, so each such literal is
 * an error at its own position (`number-representable`, emitted by the
 * schema stage), and the cell it feeds is read as invalid (cells.ts), never
 * as a number it is not.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from '../vendor/yaml.js'
import type { YamlPath } from './positions.js'
import type { Source } from './read.js'

/** IEEE doubles keep every decimal of at most 15 significant digits exactly (DBL_DIG). */
const MAX_SIGNIFICANT = 15

/** Why a numeric literal cannot be kept as written, or `undefined` when it can. */
export function literalProblem(source: string, value: number): [string, string] | undefined {
  if (Number.isNaN(value)) return ['不是数字（.nan）', 'is not a number (.nan)']
  if (!Number.isFinite(value))
    return /inf/i.test(source) ? ['是无穷大（.inf），不是数字', 'is infinity (.inf), not a number'] : ['超出可表示的范围（过大）', 'is out of range (too large)']
  const [mantissa = ''] = source.replace(/^[-+]/, '').split(/[eE]/)
  if (!/^(\d+\.?\d*|\.\d+)$/.test(mantissa)) return undefined // hex, octal, .inf: exact or caught above
  const digits = mantissa.replace('.', '').replace(/^0+/, '')
  if (value === 0 && digits.replace(/0+$/, '') !== '') return ['过小，会被读成 0', 'is too small (it would be read as 0)']
  if (Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER)
    return [`超过 ${Number.MAX_SAFE_INTEGER}`, `exceeds ${Number.MAX_SAFE_INTEGER}`]
  // Whole numbers up to 2^53 are exact whatever their length; decimals beyond 15 digits are not.
  if (!Number.isInteger(value) && digits.replace(/0+$/, '').length > MAX_SIGNIFICANT)
    return [`有效数字超过 ${MAX_SIGNIFICANT} 位`, `has more than ${MAX_SIGNIFICANT} significant digits`]
  return undefined
}

/** Whether any number literal could be affected: exponents, long digit runs, or a non-finite value. */
function worthWalking(yaml: string, data: unknown): boolean {
  return /\d[eE][-+]?\d|\d[\d.]{15}|\.(nan|NaN|NAN|inf|Inf|INF)\b/.test(yaml) || hasNonFinite(data, 0)
}

function hasNonFinite(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return !Number.isFinite(value)
  if (value === null || typeof value !== 'object' || depth > 64) return false
  return Object.values(value).some((v) => hasNonFinite(v, depth + 1))
}

export interface LiteralProblem {
  path: YamlPath
  /** The literal as written. */
  written: string
  reason: [string, string]
}

/** Every number literal of the front matter that cannot be kept as written (cheap when there is none). */
export function findNumberLiteralProblems(source: Source): LiteralProblem[] {
  const front = source.front
  if (!front || !worthWalking(source.text.slice(front.offset, source.bodyOffset), source.data)) return []
  const problems: LiteralProblem[] = []
  const walk = (node: Node | null | undefined, path: YamlPath, depth: number): void => {
    if (!node || depth > 64) return
    if (isMap(node)) {
      for (const item of node.items) if (isPair(item) && isScalar(item.key)) walk(item.value as Node, [...path, String(item.key.value)], depth + 1)
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, [...path, i], depth + 1))
    } else if (isScalar(node) && typeof node.value === 'number') {
      const written = node.source ?? String(node.value)
      const reason = literalProblem(written, node.value)
      if (reason) problems.push({ path, written, reason })
    }
  }
  walk(front.doc.contents as Node | null, [], 0)
  return problems
}

/** JSON pointer of a YAML path, as Ajv writes `instancePath`. */
export function pointer(path: YamlPath): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

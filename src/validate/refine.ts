/**
 * Turn raw Ajv errors into clerk-readable diagnostics (Quarto-style handlers):
 * official labels, did-you-mean for keys, full-width digits and "3件" strings
 * named as such rather than as a bare type mismatch.
 */
import type { ErrorObject } from 'ajv'
import { distance } from 'fastest-levenshtein'
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import type { YamlPath } from '../source/positions.js'

type Schema = { title?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema[] }

function pathOf(instancePath: string): YamlPath {
  if (!instancePath) return []
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}

function dotted(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')
}

/** Schema node along `path`, for titles. */
function schemaAt(root: Schema, path: YamlPath): Schema[] {
  const trail: Schema[] = []
  let node: Schema | undefined = root
  for (const key of path) {
    if (!node) break
    node = typeof key === 'number' ? node.items?.[key] : node.properties?.[key]
    if (node) trail.push(node)
  }
  return trail
}

/** `requests.received[0]`（一、本年新收政府信息公开申请数量·自然人）. */
export function labelFor(rootSchema: object, path: YamlPath): string {
  const root = rootSchema as Schema
  const trail = schemaAt(root, path)
  const last = trail.at(-1)
  const parent = trail.at(-2)
  let title = last?.title ?? ''
  if (typeof path.at(-1) === 'number' && parent?.title) title = `${parent.title}·${title}`
  else if (parent?.title && parent.properties && path.length >= 3 && !title.includes(parent.title)) title = `${parent.title}·${title}`
  if (path.length === 0) return '前置数据'
  return title ? `\`${dotted(path)}\`（${title}）` : `\`${dotted(path)}\``
}

const typeNames: Record<string, [string, string]> = {
  integer: ['整数', 'a whole number'],
  number: ['数字', 'a number'],
  string: ['文本', 'text'],
  array: ['列表 [..]', 'a list [..]'],
  object: ['键值对', 'a mapping'],
  null: ['空白', 'blank'],
  boolean: ['是/否', 'a boolean'],
}

function describe(value: unknown): [string, string] {
  if (value === null) return typeNames.null!
  if (Array.isArray(value)) return typeNames.array!
  if (typeof value === 'number') return Number.isInteger(value) ? [`整数 ${value}`, `integer ${value}`] : [`小数 ${value}`, `decimal ${value}`]
  if (typeof value === 'string') return [`文本 "${value}"`, `text "${value}"`]
  if (typeof value === 'boolean') return [`是/否值 ${value}`, `boolean ${value}`]
  return typeNames.object!
}

const FULLWIDTH = /[０-９]/

function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
}

function expectedTypes(schema: Schema | undefined): string[] {
  const types = schema?.type
  return (Array.isArray(types) ? types : types ? [types] : []).filter((t) => t !== 'null')
}

export function refineError(file: VFile, error: ErrorObject, rootSchema: object): void {
  const source = file.data.source!
  const schema = rootSchema as Schema
  const path = pathOf(error.instancePath)
  const label = labelFor(schema, path)
  const at = (p: YamlPath, key = false) => source.locate.path(p, { key })
  const parent = error.parentSchema as Schema | undefined

  switch (error.keyword) {
    case 'required': {
      const key = String(error.params.missingProperty)
      const title = (parent?.properties?.[key]?.title ?? key) as string
      emit(file, 'required-key', { key: dotted([...path, key]), label: title }, at(path, true))
      return
    }
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty)
      const allowed = Object.keys(parent?.properties ?? {})
      const best = allowed
        .map((candidate) => ({ candidate, d: distance(key.toLowerCase(), candidate.toLowerCase()) }))
        .sort((a, b) => a.d - b.d)[0]
      const close = best && best.d <= Math.max(1, Math.floor(best.candidate.length * 0.3)) ? best.candidate : undefined
      const where = path.length ? label : '前置数据'
      emit(
        file,
        'known-key',
        {
          key,
          where,
          whereEn: path.length ? dotted(path) : 'the front matter',
          suggestion: close ?? '',
          suggestionLabel: close ? (parent?.properties?.[close]?.title ?? close) : '',
          allowed: allowed.join('、'),
        },
        at([...path, key], true),
        close ? { expected: [close] } : {},
      )
      return
    }
    case 'type': {
      const value = error.data
      const wanted = expectedTypes(parent)
      const numeric = wanted.includes('integer') || wanted.includes('number')
      if (numeric && typeof value === 'string') {
        if (FULLWIDTH.test(value)) {
          emit(file, 'fullwidth-digit', { label, actual: value, expected: toHalfWidth(value) }, at(path), {
            actual: value,
            expected: [toHalfWidth(value)],
          })
          return
        }
        const leading = /^\s*-?[\d,，]+(\.\d+)?/.exec(value)?.[0]
        const hint = leading ? (/[,，]/.test(leading) ? `不要写千位分隔符，应写 ${leading.replace(/[,，\s]/g, '')}` : `是否为 ${leading.trim()}？`) : ''
        const hintEn = leading ? (/[,，]/.test(leading) ? `no thousands separators: ${leading.replace(/[,，\s]/g, '')}` : `did you mean ${leading.trim()}?`) : ''
        emit(file, 'number-not-text', { label, actual: value, hint, hintEn }, at(path), { actual: value })
        return
      }
      if (wanted.includes('integer') && typeof value === 'number') {
        emit(file, 'count-non-negative-integer', { label, actual: String(value) }, at(path), { actual: String(value) })
        return
      }
      const [actual, actualEn] = describe(value)
      const expected = wanted.map((t) => typeNames[t]?.[0] ?? t).join('或')
      const expectedEn = wanted.map((t) => typeNames[t]?.[1] ?? t).join(' or ')
      emit(file, 'value-type', { label, actual, actualEn, expected, expectedEn }, at(path), { actual: actualEn, expected: wanted })
      return
    }
    case 'minimum': {
      const value = String(error.data)
      if (expectedTypes(parent).includes('integer') && parent?.title !== undefined && path[0] !== 'year') {
        emit(file, 'count-non-negative-integer', { label, actual: value }, at(path), { actual: value })
        return
      }
      if (path[0] === 'year') break
      const unit = /单位：(.+?)）/.exec(parent?.title ?? '')?.[1] ?? '万元'
      emit(file, 'amount-non-negative', { label, actual: value, unit }, at(path), { actual: value })
      return
    }
    case 'minItems':
    case 'maxItems':
    case 'additionalItems': {
      const items = parent?.items ?? []
      const count = Array.isArray(error.data) ? error.data.length : 0
      const min = items.length - 1
      const columns = items.map((s, i) => (i === items.length - 1 ? `${s.title}（可省略）` : s.title)).join('、')
      emit(file, 'list-length', { label, actual: count, expected: `${min} 或 ${items.length} 个`, columns }, at(path), {
        actual: String(count),
        expected: [String(min), String(items.length)],
      })
      return
    }
    default:
      break
  }
  // enum, pattern, minLength, maximum/minimum on year: meta values.
  const value = describe(error.data)
  const expected = metaExpectation(error, parent)
  emit(file, 'meta-value', { label, actual: value[0], expected: expected[0], expectedEn: expected[1] }, at(path), { actual: value[1] })
}

function metaExpectation(error: ErrorObject, parent: Schema | undefined): [string, string] {
  const p = parent as (Schema & { enum?: string[]; description?: string; minimum?: number; maximum?: number }) | undefined
  switch (error.keyword) {
    case 'enum':
      return [`以下之一：${p?.enum?.join('、')}${p?.description ? `（${p.description}）` : ''}`, `one of ${p?.enum?.join(', ')}`]
    case 'pattern':
      if (error.params.pattern === '\\S') return ['非空文本（不能只有空格）', 'non-blank text']
      return ['日期，格式为 YYYY-MM-DD（如 2025-01-20）', 'a date as YYYY-MM-DD']
    case 'minLength':
      return ['非空文本', 'non-empty text']
    default:
      return [`${p?.minimum ?? ''}–${p?.maximum ?? ''} 之间的年份`, `a year between ${p?.minimum} and ${p?.maximum}`]
  }
}


/**
 * The words of the limits (src/limits.ts): each figure in its unit, the
 * message of a hit, its catalogue entry (one rule id per limit) and the
 * README's table.
 */
import type { CatalogEntry, Params } from './diagnostics/catalog.js'
import { groupInteger } from './number-text.js'
import { limitDefinition, limitDefinitions, limits, type LimitDefinition, type LimitHit, type LimitUnit } from './limits.js'

const KiB = 1024
const MiB = 1024 * KiB

function bytesText(n: number, lang: 'zh' | 'en'): string {
  const bytes = lang === 'en' ? `${groupInteger(n)} bytes` : `${groupInteger(n)} 字节`
  const [size, name] = n >= MiB ? [MiB, 'MB'] : n >= KiB ? [KiB, 'KB'] : [0, '']
  if (size === 0) return bytes
  const shown = Number((n / size).toFixed(1))
  // 8 MB and ten bytes is not "8 MB": over a limit, the exact figure shows that it is over.
  if (Number.isInteger(shown) && shown * size !== n) return lang === 'en' ? `${shown} ${name} (${bytes})` : `${shown} ${name}（${bytes}）`
  return `${shown} ${name}`
}

/** A figure of a limit in its unit, as the messages and the README show it. */
export function formatLimitValue(unit: LimitUnit, n: number, lang: 'zh' | 'en'): string {
  const en = lang === 'en'
  switch (unit) {
    case 'bytes':
      return bytesText(n, lang)
    case 'lines':
      return en ? `${groupInteger(n)} lines` : `${groupInteger(n)} 行`
    case 'levels':
      return en ? `${groupInteger(n)} levels` : `${groupInteger(n)} 层`
    case 'items':
      return en ? groupInteger(n) : `${groupInteger(n)} 个`
    case 'chars':
      return en ? `${groupInteger(n)} characters` : `${groupInteger(n)} 个字符`
    case 'ratio':
      return `${groupInteger(n)}:1`
    case 'pages':
      return en ? `${groupInteger(n)} pages` : `${groupInteger(n)} 页`
    case 'ms': {
      const seconds = Number((n / 1000).toPrecision(3))
      return en ? `${seconds} s` : `${seconds} 秒`
    }
  }
}

/** The diagnostic parameters of a hit (figures already formatted in both languages). */
export function limitParams(hit: Pick<LimitHit, 'key' | 'actual'>, value: number = limits[hit.key]): Params {
  const d = limitDefinition(hit.key)
  return {
    ...(hit.actual === undefined
      ? {}
      : { actual: formatLimitValue(d.unit, hit.actual, 'zh'), actualEn: formatLimitValue(d.unit, hit.actual, 'en') }),
    limit: formatLimitValue(d.unit, value, 'zh'),
    limitEn: formatLimitValue(d.unit, value, 'en'),
  }
}

/** The message of a hit, for places that report through a reason string (`import-input-readable`). */
export function limitMessage(hit: Pick<LimitHit, 'key' | 'actual'>, lang: 'zh' | 'en' = 'zh', value?: number): string {
  const entry = limitCatalogEntry(limitDefinition(hit.key))
  return entry[lang](limitParams(hit, value))
}

/** A reader's error result for a hit: its message, and the hit that gives it its own rule (`import-file-size-limit`, …). */
export function limitFailure(hit: LimitHit, value?: number): { error: string; limit: LimitHit } {
  return { error: limitMessage(hit, 'zh', value), limit: hit }
}

/** Thrown by a reader deep inside a call chain that has no other way out; carries the hit. */
export class LimitExceeded extends Error {
  constructor(readonly hit: LimitHit) {
    super(limitMessage(hit))
    this.name = 'LimitExceeded'
  }
}

function limitCatalogEntry(d: LimitDefinition): CatalogEntry {
  return {
    ruleId: d.ruleId,
    source: d.stage,
    severity: 'error',
    title: `${d.measure}不超过 ${formatLimitValue(d.unit, d.value, 'zh')}`,
    // `file`: the bundle member or imported file the figure is about, when the diagnostic's file is another.
    // Without `actual`, the reader stopped at the limit (a time, a truncated read): it knows only that the input is over.
    zh: (p) => `${p.file ? `${p.file}：` : ''}${d.measure}${p.actual === undefined ? '' : `为 ${p.actual}，`}超过上限 ${p.limit}；${d.hint}`,
    en: (p) =>
      `${p.file ? `${p.file}: ` : ''}${d.measureEn} ${p.actualEn === undefined ? 'goes' : `is ${p.actualEn},`} over the limit of ${p.limitEn}; ${d.hintEn}`,
    // Report-file limits are validator rules with ok/not-ok fixtures; import, editor and bundle limits are tested with their commands.
    fixtures: d.stage === 'source',
  }
}

/** The catalogue entries of the limits, one rule id each. */
export function limitCatalogEntries(): CatalogEntry[] {
  return limitDefinitions.map((d) => limitCatalogEntry(d as LimitDefinition))
}

/** Text as literal Markdown in a table cell (`|`, `*`, backticks and `&amp;` appear as written). */
const cell = (text: string) => text.replace(/[\\`*_|[\]<>]/g, '\\$&').replace(/&/g, '&amp;')

/** The README's table of limits (between `<!-- limits:start -->` and `<!-- limits:end -->`). */
export function limitsTable(): string {
  const rows = limitDefinitions.map(
    (d) =>
      `| ${cell(d.measure)} | ${cell(formatLimitValue(d.unit, d.value, 'zh'))} | ${cell(d.protects)} | ${d.appliesTo} | \`${d.ruleId}\` | \`${d.key}\` |`,
  )
  return ['| 限制 limit | 上限 | 防止 protects | 命令 | 规则 id | API key |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n')
}

const TABLE_START = '<!-- limits:start (generated from src/limits.ts by npm run docs) -->'
const TABLE_END = '<!-- limits:end -->'

/** `readme` with its table of limits replaced by the current one. */
export function withLimitsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START)
  const end = readme.indexOf(TABLE_END)
  if (start < 0 || end < start) return readme
  return `${readme.slice(0, start + TABLE_START.length)}\n${limitsTable()}\n${readme.slice(end)}`
}

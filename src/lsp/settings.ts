/**
 * The server's settings, from the client's initialization options and the
 * `nianbao` configuration section: `lang` (`zh` default, `en`), `rules`
 * (`{"overview-length": "off"}` or `["overview-length=off"]`, as `--rule`),
 * `debounceMs` (pause after a keystroke before validating), `timeLimitMs`
 * (time for one validation before it is stopped).
 */
import type { Lang, Severity } from '../diagnostics/types.js'
import { parseRuleOptions } from '../cli/rule-options.js'
import { ANALYSIS_TIME_LIMIT_MS } from './bounds.js'

export interface Settings {
  lang: Lang
  severities: Record<string, Severity | 'off'>
  debounceMs: number
  /** Time for one validation before it is stopped (`document-size-limit`'s sibling, `analysis-time-limit`). */
  timeLimitMs: number
}

export const defaultSettings: Settings = { lang: 'zh', severities: {}, debounceMs: 25, timeLimitMs: ANALYSIS_TIME_LIMIT_MS }

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Settings from a client's JSON, over `base`; a problem is described for the client's log, never thrown. */
export function readSettings(raw: unknown, base: Settings = defaultSettings): { settings: Settings; problem?: string } {
  if (!isRecord(raw)) return { settings: base }
  const settings = { ...base }
  if (raw.lang === 'zh' || raw.lang === 'en') settings.lang = raw.lang
  if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs)) settings.debounceMs = Math.min(Math.max(raw.debounceMs, 0), 2000)
  if (typeof raw.timeLimitMs === 'number' && Number.isFinite(raw.timeLimitMs)) settings.timeLimitMs = Math.min(Math.max(raw.timeLimitMs, 1), 600_000)
  let problem: string | undefined
  if (raw.rules !== undefined) {
    const options = Array.isArray(raw.rules)
      ? raw.rules.map(String)
      : isRecord(raw.rules)
        ? Object.entries(raw.rules).map(([id, level]) => `${id}=${String(level)}`)
        : []
    const parsed = parseRuleOptions(options)
    if (typeof parsed === 'string') problem = parsed
    else settings.severities = parsed
  }
  return problem ? { settings, problem } : { settings }
}

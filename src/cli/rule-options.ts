import { catalog } from '../diagnostics/catalog.js'
import type { Severity } from '../diagnostics/types.js'

const levels: Record<string, Severity | 'off'> = { error: 'error', warn: 'warning', warning: 'warning', info: 'info', off: 'off' }

/** `--rule id=level` options to a severity map, or an error message. */
export function parseRuleOptions(options: string[]): Record<string, Severity | 'off'> | string {
  const out: Record<string, Severity | 'off'> = {}
  for (const option of options) {
    const [id, level] = option.split('=')
    if (!id || !catalog.has(id)) return `未知的规则 ${id ?? option}`
    const severity = level ? levels[level] : undefined
    if (!severity) return `规则级别应为 error、warn、info 或 off：${option}`
    out[id] = severity
  }
  return out
}

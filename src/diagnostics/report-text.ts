/**
 * Text reporter after vfile-reporter: a header per file, aligned rows
 * `line:col[-line:col]  错误|警告  message  rule-id` (widths measured with
 * string-width so CJK lines up), then a summary line.
 */
import stringWidth from '../vendor/string-width.js'
import type { Diagnostic, Lang, Severity } from './types.js'

const words: Record<Lang, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)))
}

function placeOf(d: Diagnostic): string {
  const start = `${d.line}:${d.column}`
  return d.endLine !== undefined ? `${start}-${d.endLine}:${d.endColumn}` : start
}

export interface TextReportOptions {
  lang?: Lang
  color?: boolean
  verbose?: boolean
  /** Files checked, including those without diagnostics (for the summary). */
  files?: string[]
}

/** Messages longer than this (in UTF-16 units) are printed as they are, not padded. */
const MEASURED = 400

export function summarize(diagnostics: Diagnostic[], lang: Lang = 'zh'): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length
  const infos = diagnostics.filter((d) => d.severity === 'info').length
  if (lang === 'en') {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`]
    if (infos) parts.push(`${infos} info`)
    return (errors ? '✖ ' : warnings ? '⚠ ' : '✔ ') + parts.join(', ')
  }
  const parts = [`${errors} 个错误`, `${warnings} 个警告`]
  if (infos) parts.push(`${infos} 条提示`)
  return (errors ? '✖ ' : warnings ? '⚠ ' : '✔ ') + parts.join('，')
}

export function reportText(diagnostics: Diagnostic[], options: TextReportOptions = {}): string {
  const lang = options.lang ?? 'zh'
  const color = options.color ?? false
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[39m` : text)
  const byFile = new Map<string, Diagnostic[]>()
  for (const file of options.files ?? []) byFile.set(file, [])
  for (const d of diagnostics) {
    const list = byFile.get(d.file) ?? []
    list.push(d)
    byFile.set(d.file, list)
  }
  const lines: string[] = []
  for (const [file, list] of byFile) {
    if (list.length === 0) {
      if (options.verbose) lines.push(`${file}: ${lang === 'zh' ? '没有问题' : 'no issues found'}`, '')
      continue
    }
    lines.push(color ? `\u001b[4m${file}\u001b[24m` : file)
    const placeWidth = Math.max(...list.map((d) => stringWidth(placeOf(d))))
    const sevWidth = Math.max(...list.map((d) => stringWidth(words[lang][d.severity])))
    // Rule ids line up after messages of up to a few lines; a longer one is not measured
    // (string-width walks every grapheme, and an imported page can quote thousands of rows).
    const msgWidth = Math.max(...list.map((d) => (d.message.length > MEASURED ? 0 : stringWidth(d.message))))
    for (const d of list) {
      const sev = pad(words[lang][d.severity], sevWidth)
      const sevPainted = d.severity === 'error' ? paint(31, sev) : d.severity === 'warning' ? paint(33, sev) : sev
      lines.push(`  ${pad(placeOf(d), placeWidth)}  ${sevPainted}  ${d.message.length > MEASURED ? d.message : pad(d.message, msgWidth)}  ${d.ruleId}`.trimEnd())
      if (options.verbose) {
        if (d.note) lines.push(`    [note]: ${d.note}`)
        if (d.cause) lines.push(`    [cause]: ${d.cause.file !== d.file ? `${d.cause.file}:` : ''}${placeOf(d.cause)} ${d.cause.message}`)
      }
    }
    lines.push('')
  }
  lines.push(summarize(diagnostics, lang))
  return lines.join('\n') + '\n'
}

/**
 * Handlebars merge: the official templates of a format, with agency or
 * command-line overrides layered on top, compiled once per process.
 *
 * Templates are code, so they run in an isolated environment: strict mode
 * (a missing field is an error, not an empty cell), known helpers only,
 * prototype access left denied. Problems come back as data (rule id +
 * template file:line) for the caller to report; nothing is thrown at the user.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, relative, resolve } from 'node:path'
import type Handlebars from 'handlebars'
import { handlebarsRuntime } from '../vendor/handlebars.js'
import { chineseDate, chineseNumeral, formatNumber } from './helpers.js'
import { builtSpec, compileOptions, type HELPER_NAMES } from './template-specs.js'
import { builtinTemplatesDir } from './templates-dir.js'
import type { ViewModel } from './view-model.js'

// Kept apart so that the build cache can hash the templates without loading Handlebars.
export { builtinTemplatesDir } from './templates-dir.js'

/** A template problem, reported by the caller as a diagnostic. */
export interface TemplateProblem {
  ruleId: 'template-valid' | 'template-field-known'
  /** `templates/official/partials/letterhead.hbs:3:5` (relative to the working directory). */
  template: string
  /** The missing field (`template-field-known`). */
  field?: string
  /** What is wrong (`template-valid`). */
  reason?: string
}

export interface LoadedTemplates {
  /** Files in effect, after overrides: `report` and each partial name → path. */
  files: ReadonlyMap<string, string>
  css: string
  merge(view: ViewModel): { html: string } | { problem: TemplateProblem }
}

const helpers: Record<(typeof HELPER_NAMES)[number], (value: unknown) => string> = {
  formatNumber: (value: unknown) => formatNumber(typeof value === 'number' ? value : null),
  chineseDate: (value: unknown) => chineseDate(typeof value === 'string' ? value : null),
  chineseNumeral: (value: unknown) => (typeof value === 'number' ? chineseNumeral(value) : ''),
}

type Runtime = typeof handlebarsRuntime
type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string
type TemplateSpecification = Parameters<typeof Handlebars.template>[0]

/** Where a failure happened, attached as it passes through the partial that raised it. */
const origin = new WeakMap<object, string>()

function place(path: string, line?: number, column?: number): string {
  const name = relative(process.cwd(), path) || path
  return line === undefined ? name : `${name}:${line}:${(column ?? 0) + 1}`
}

function problemFromError(error: unknown, fallback: string): TemplateProblem {
  const file = (error !== null && typeof error === 'object' && origin.get(error)) || fallback
  const e = error as { message?: unknown; lineNumber?: unknown; column?: unknown }
  const message = typeof e.message === 'string' ? e.message : String(error)
  const line = typeof e.lineNumber === 'number' ? e.lineNumber : undefined
  const column = typeof e.column === 'number' ? e.column : undefined
  const template = place(file, line, column)
  // Strict lookups throw the first form; a lookup below a string or number throws the second.
  const missing = /^"([^"]+)" not defined in /.exec(message) ?? /Cannot use 'in' operator to search for '([^']+)'/.exec(message)
  if (missing) return { ruleId: 'template-field-known', template, field: missing[1]! }
  return { ruleId: 'template-valid', template, reason: message.replace(/ - \d+:\d+$/, '') }
}

/**
 * Compile a template now, so that a broken one is reported with its file:line before any report
 * is merged. The build precompiled the official templates (template-specs.ts); any other is
 * precompiled here, with the compiler loaded then. The specification is made into the template
 * as Handlebars loads precompiled templates.
 */
async function compileNow(env: Runtime, source: string, path: string): Promise<Template | TemplateProblem> {
  let spec = builtSpec(source)
  try {
    spec ??= (await import('handlebars')).default.precompile(source, compileOptions) as string
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // Parser errors carry the line in their text only ("Parse error on line 3: …").
    const parsed = /on line (\d+)/.exec(message)
    const line = typeof (error as { lineNumber?: unknown }).lineNumber === 'number'
      ? ((error as { lineNumber: number }).lineNumber)
      : parsed ? Number(parsed[1]) : undefined
    const column = (error as { column?: unknown }).column
    return {
      ruleId: 'template-valid',
      template: place(path, line, typeof column === 'number' ? column : line === undefined ? undefined : 0),
      reason: message.split('\n').filter((l) => !/^-*\^$/.test(l.trim())).join(' ').replace(/ - \d+:\d+$/, ''),
    }
  }
  // The specification is JavaScript that Handlebars generated from the template (its text is quoted
  // in it), the code its `compile` would have made into functions the same way.
  return env.template(new Function(`return ${spec}`)() as TemplateSpecification) as Template
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

async function listHbs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.hbs')).sort()
  } catch {
    return []
  }
}

/**
 * Template files of one layer. An override folder has the layout of
 * `templates/<format>/` (report.hbs, style.css, partials/*.hbs), or holds
 * one such folder per format; partials may also sit directly in it.
 */
async function layerFiles(dir: string, format: string): Promise<{ templates: Map<string, string>; css?: string }> {
  const root = (await isDirectory(join(dir, format))) ? join(dir, format) : dir
  const templates = new Map<string, string>()
  for (const name of await listHbs(root)) templates.set(basename(name, '.hbs') === 'report' ? 'report' : basename(name, '.hbs'), join(root, name))
  for (const name of await listHbs(join(root, 'partials'))) templates.set(basename(name, '.hbs'), join(root, 'partials', name))
  const css = join(root, 'style.css')
  return { templates, ...((await stat(css).then((s) => s.isFile()).catch(() => false)) ? { css } : {}) }
}

async function load(format: string, overrides: string[], builtin: string): Promise<LoadedTemplates | TemplateProblem> {
  // One official template set serves every format (it is driven by the format
  // definition); `templates/<format>/` may replace single files for one format.
  const base = join(builtin, 'official')
  if (!(await isDirectory(base))) return { ruleId: 'template-valid', template: place(base), reason: '找不到官方模板目录' }
  const formatLayer = join(builtin, format)
  const layers = [base, ...((await isDirectory(formatLayer)) ? [formatLayer] : []), ...overrides]
  const files = new Map<string, string>()
  let cssPath: string | undefined
  for (const dir of layers) {
    if (!(await isDirectory(dir))) return { ruleId: 'template-valid', template: place(dir), reason: '模板目录不存在' }
    const layer = await layerFiles(dir, format)
    for (const [name, path] of layer.templates) files.set(name, path)
    if (layer.css) cssPath = layer.css
  }
  const reportPath = files.get('report')
  if (!reportPath) return { ruleId: 'template-valid', template: place(base), reason: '缺少 report.hbs' }

  const env = handlebarsRuntime.create()
  for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper)
  const compiled = new Map<string, Template>()
  for (const [name, path] of files) {
    const source = await readFile(path, 'utf8')
    const template = await compileNow(env, source, path)
    if (typeof template !== 'function') return template
    // Tag a failure with the innermost template it passed through.
    const wrapped: Template = (context, options) => {
      try {
        return template(context, options)
      } catch (error) {
        if (error !== null && typeof error === 'object' && !origin.has(error)) origin.set(error, path)
        throw error
      }
    }
    compiled.set(name, wrapped)
    if (name !== 'report') env.registerPartial(name, wrapped as unknown as Handlebars.Template)
  }
  // A stylesheet cannot end the <style> element it is inlined into.
  const css = cssPath ? (await readFile(cssPath, 'utf8')).replace(/<\/(style)/gi, '<\\/$1') : ''
  const main = compiled.get('report')!

  return {
    files,
    css,
    merge(view) {
      try {
        return { html: main(toContext(view, css), { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }) }
      } catch (error) {
        return { problem: problemFromError(error, reportPath) }
      }
    },
  }
}

/** The view model as the templates see it: HTML that is already sanitized (or ours) is marked safe. */
function toContext(view: ViewModel, css: string): unknown {
  const safe = (html: string) => new handlebarsRuntime.SafeString(html)
  return {
    ...view,
    css: safe(css),
    preamble: view.preamble === null ? null : safe(view.preamble),
    sections: view.sections.map((section) => ({ ...section, html: safe(section.html) })),
  }
}

const cache = new Map<string, Promise<LoadedTemplates | TemplateProblem>>()

/**
 * The templates of `format` with `overrides` (folders, later ones win)
 * layered over the official ones, compiled once per process.
 */
export function loadTemplates(
  format: string,
  overrides: string[] = [],
  builtin: string = builtinTemplatesDir,
): Promise<LoadedTemplates | TemplateProblem> {
  const dirs = overrides.map((dir) => resolve(dir))
  const key = JSON.stringify([resolve(builtin), format, dirs])
  let entry = cache.get(key)
  if (!entry) {
    entry = load(format, dirs, builtin)
    cache.set(key, entry)
  }
  return entry
}

/** Forget compiled templates (for tests that edit template files). */
export function clearTemplateCache(): void {
  cache.clear()
}

export function isTemplateProblem(value: LoadedTemplates | TemplateProblem): value is TemplateProblem {
  return 'ruleId' in value
}

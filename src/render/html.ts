/**
 * HTML stage: report model → view model → merged page. The page is the
 * template's output, self-contained (CSS inlined, nothing fetched), and
 * the PDF is made from it. Problems are messages on the file.
 */
import { stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { resolveReferences } from '../source/references.js'
import { sectionsToHtml } from './markdown.js'
import { builtinTemplatesDir, isTemplateProblem, loadTemplates, type TemplateProblem } from './merge.js'
import { buildViewModel } from './view-model.js'

export interface RenderHtmlOptions {
  /** Folder of template overrides (`--templates DIR`); wins over the agency's own `templates/` folder. */
  templates?: string
  /** Folder holding `official/` and the per-format layers `<format>/` (default: the one shipped with nianbao). */
  templatesRoot?: string
}

const agencyTemplateDirs = new Map<string, Promise<boolean>>()

/** `content/<agency>/templates/`, picked up automatically when it exists. */
async function agencyTemplates(reportPath: string): Promise<string | undefined> {
  const dir = join(dirname(reportPath), 'templates')
  let exists = agencyTemplateDirs.get(dir)
  if (!exists) {
    exists = stat(dir).then((s) => s.isDirectory()).catch(() => false)
    agencyTemplateDirs.set(dir, exists)
  }
  return (await exists) ? dir : undefined
}

/** Forget which agencies have a `templates/` folder (a long-running preview sees one appear or go). */
export function clearAgencyTemplateDirs(): void {
  agencyTemplateDirs.clear()
}

function report(file: VFile, problem: TemplateProblem): void {
  const params = { template: problem.template, field: problem.field ?? '', reason: problem.reason ?? '' }
  emit(file, problem.ruleId, params, undefined, { note: problem.template })
}

/**
 * Render the report in `file` (loaded, and validated by the caller) to a
 * complete HTML page. Returns `undefined` when there is no report model or
 * a template failed; the reason is a message on `file`.
 */
export async function renderHtml(file: VFile, options: RenderHtmlOptions = {}): Promise<string | undefined> {
  const model = file.data.report
  if (!model) return undefined
  const overrides: string[] = []
  const agency = await agencyTemplates(file.path)
  if (agency) overrides.push(agency)
  if (options.templates) overrides.push(options.templates)
  const templates = await loadTemplates(model.format.id, overrides, options.templatesRoot ?? builtinTemplatesDir)
  if (isTemplateProblem(templates)) {
    report(file, templates)
    return undefined
  }
  // References ({收到申请}) are numbers by now: every output made from this page prints them.
  const body = resolveReferences(file)?.body ?? model.body
  const view = buildViewModel(model, sectionsToHtml(body))
  const merged = templates.merge(view)
  if ('problem' in merged) {
    report(file, merged.problem)
    return undefined
  }
  return merged.html
}

/**
 * `nianbao new` without the command line: pick the year and last year's
 * file, and write the new report's text from the format definition.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { VFile } from 'vfile'
import { formatForYear } from '../formats/index.js'
import type { FormatDefinition } from '../formats/types.js'
import { scaffoldBody, type PreviousSection } from './body.js'
import { carryFrom, type Carried } from './carry.js'
import { scaffoldFrontMatter, type ScaffoldMeta } from './front-matter.js'

const REPORT_NAME = /^(\d{4})\.md$/

export interface Plan {
  /** The new file: `<content>/<agency-id>/<year>.md`. */
  path: string
  year: number
  /** Last year's file (`<year-1>.md`), when it exists: agency details and carried figures come from it. */
  previous?: string
  /** Without last year's file: the nearest other year's file, for the agency details only. */
  metaSource?: string
}

/** Years that already have a report in the agency's folder, ascending. */
export async function existingYears(dir: string): Promise<number[]> {
  try {
    const names = await readdir(dir)
    return names.flatMap((n) => (REPORT_NAME.test(n) ? [Number(REPORT_NAME.exec(n)![1])] : [])).sort((a, b) => a - b)
  } catch {
    return []
  }
}

/**
 * The year (given, else the year after the latest report, else last year —
 * the report on a year is written early the next) and the files to start from.
 */
export async function planNew(options: { contentDir: string; agencyId: string; year?: number; now?: Date }): Promise<Plan> {
  const dir = join(options.contentDir, options.agencyId)
  const years = await existingYears(dir)
  const year = options.year ?? (years.length ? years.at(-1)! + 1 : (options.now ?? new Date()).getFullYear() - 1)
  const file = (y: number) => join(dir, `${y}.md`)
  const plan: Plan = { path: file(year), year }
  if (years.includes(year - 1)) plan.previous = file(year - 1)
  else {
    const others = years.filter((y) => y !== year)
    // The nearest earlier year, else the nearest later one.
    const nearest = others.filter((y) => y < year).at(-1) ?? others.find((y) => y > year)
    if (nearest !== undefined) plan.metaSource = file(nearest)
  }
  return plan
}

/** Last year's section 五 as written (its comments left out), to quote. */
export function previousFive(file: VFile): PreviousSection | undefined {
  const report = file.data.report
  const text = file.data.source?.text
  const five = report?.body.sections.find((s) => s.def?.number === 5)
  if (!report || text === undefined || !five) return undefined
  const markdown = five.nodes
    .filter((node) => node.type !== 'html')
    .map((node) => text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0))
    .join('\n\n')
    .trim()
  return markdown ? { year: report.meta.year, markdown } : undefined
}

export interface Scaffold {
  format: FormatDefinition
  text: string
  /** Start values taken from last year, by cell key. */
  carried: Map<string, Carried>
}

/** The new report's text: front matter from the format definition, then the six sections. */
export function scaffoldReport(meta: ScaffoldMeta, previous?: VFile): Scaffold {
  const format = formatForYear(meta.year)
  const report = previous?.data.report
  const carried = report && report.meta.year === meta.year - 1 ? carryFrom(format, report) : new Map<string, Carried>()
  const five = report && report.meta.year === meta.year - 1 && previous ? previousFive(previous) : undefined
  return { format, carried, text: scaffoldFrontMatter(format, meta, carried) + scaffoldBody(format, five) }
}

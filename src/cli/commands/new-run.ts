/**
 * `nianbao new`: the work behind the command, loaded only when it runs.
 * Exit codes as the other commands: 0 written, 1 last year's file cannot be
 * read (its diagnostics are printed), 2 usage (bad id or year, no agency
 * name, the file exists) or a file that cannot be written.
 */
import { relative } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { useColor } from '../../diagnostics/color.js'
import { diagnosticsOf } from '../../diagnostics/emit.js'
import { exitCodeFor } from '../../diagnostics/exit-code.js'
import { reportText } from '../../diagnostics/report-text.js'
import { levels } from '../../formats/common.js'
import { writeFileAtomic } from '../../build/write-atomic.js'
import { validatePaths } from '../../pipeline.js'
import { describeCarried } from '../../scaffold/carry.js'
import { existingYears, planNew, scaffoldReport } from '../../scaffold/new-report.js'
import type { ScaffoldMeta } from '../../scaffold/front-matter.js'
import { AGENCY_ID } from '../../source/agency-id.js'
import { loadReport } from '../../source/report.js'
import { askDetails } from '../ask.js'
import { t } from '../strings.js'
import type { NewArgs } from './new.js'

export interface NewIo {
  stdin: Readable & { isTTY?: boolean }
  stdout: Writable & { isTTY?: boolean }
  stderr: Writable & { isTTY?: boolean }
}

const shown = (path: string) => relative(process.cwd(), path) || path

const isLevel = (value: string | undefined): value is (typeof levels)[number] => (levels as readonly (string | undefined)[]).includes(value)

export async function runNew(args: NewArgs, io: NewIo = process): Promise<void> {
  const usage = (message: string) => {
    io.stderr.write(`nianbao: ${message}\n`)
    process.exitCode = 2
  }
  if (!AGENCY_ID.test(args.agencyId)) return usage(t('new.badAgencyId', { id: args.agencyId }))
  if (args.year !== undefined && !(Number.isInteger(args.year) && args.year >= 2008 && args.year <= 2100)) {
    return usage(t('new.badYear', { year: String(args.year) }))
  }
  let plan = await planNew({ contentDir: args.content, agencyId: args.agencyId, ...(args.year !== undefined ? { year: args.year } : {}) })
  if ((await existingYears(`${args.content}/${args.agencyId}`)).includes(plan.year)) return usage(t('new.exists', { path: shown(plan.path) }))

  // Agency details from last year's report, else from the nearest other year's.
  const source = plan.previous ?? plan.metaSource
  const sourceFile = source ? await loadReport(source, { lang: args.lang }) : undefined
  if (sourceFile && !sourceFile.data.report) {
    io.stderr.write(reportText(diagnosticsOf(sourceFile), { lang: args.lang, color: useColor(io.stderr) }))
    io.stderr.write(`nianbao: ${t('new.previousBroken', { path: shown(source!) })}\n`)
    process.exitCode = 1
    return
  }
  const known = sourceFile?.data.report?.meta
  let meta: ScaffoldMeta = {
    agency: args.agency ?? known?.agency ?? '',
    year: plan.year,
    ...((args.level ?? (isLevel(known?.level) ? known?.level : undefined)) ? { level: args.level ?? known!.level! } : {}),
    ...((args.region ?? known?.region) ? { region: args.region ?? known!.region! } : {}),
  }
  if (!meta.agency) {
    if (io.stdin.isTTY !== true) return usage(t('new.needsAgency', { dir: shown(`${args.content}/${args.agencyId}`) }))
    const answers = await askDetails(io.stdin, io.stdout, {
      ...(meta.level ? { level: meta.level } : {}),
      ...(meta.region ? { region: meta.region } : {}),
      // The year is asked only when nothing on disk or on the command line decided it.
      ...(args.year === undefined && !source ? { year: plan.year } : {}),
    })
    if (!answers.agency) return usage(t('new.needsAgency', { dir: shown(`${args.content}/${args.agencyId}`) }))
    if (answers.year !== undefined && answers.year !== plan.year) {
      plan = await planNew({ contentDir: args.content, agencyId: args.agencyId, year: answers.year })
      if ((await existingYears(`${args.content}/${args.agencyId}`)).includes(plan.year)) return usage(t('new.exists', { path: shown(plan.path) }))
    }
    meta = { ...answers, year: plan.year }
  }

  const previous = plan.previous ? sourceFile : undefined
  const scaffold = scaffoldReport(meta, previous)
  try {
    // Exclusive: a file that appeared meanwhile is not replaced either.
    await writeFileAtomic(plan.path, scaffold.text, { exclusive: true, sync: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return usage(t('new.exists', { path: shown(plan.path) }))
    return usage(`${shown(plan.path)}: ${error instanceof Error ? error.message : String(error)}`)
  }

  io.stdout.write(t('new.created', { path: shown(plan.path), format: scaffold.format.id, document: scaffold.format.document }) + '\n')
  if (plan.previous) {
    const carried = describeCarried(scaffold.format, scaffold.carried)
    io.stdout.write(t('new.fromPrevious', { previous: shown(plan.previous), cells: String(carried.cells), rows: carried.rows.join('、') }) + '\n')
    if (carried.reasons.length) io.stdout.write(t('new.notCarried', { reasons: carried.reasons.join('；') }) + '\n')
  } else if (plan.metaSource) {
    io.stdout.write(t('new.metaOnly', { lastYear: String(plan.year - 1), source: shown(plan.metaSource) }) + '\n')
  }
  // What validate will say about it: one summary of what is still to fill.
  const [file] = await validatePaths([plan.path], { lang: args.lang })
  const diagnostics = file ? diagnosticsOf(file) : []
  io.stdout.write('\n' + reportText(diagnostics, { lang: args.lang, color: useColor(io.stdout) }))
  io.stdout.write('\n' + t('new.next', { path: shown(plan.path) }) + '\n')
  process.exitCode = exitCodeFor(diagnostics)
}

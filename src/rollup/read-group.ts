/**
 * Read one agency's reports, year by year, into roll-up records: from
 * sources (`content/<agency>/<year>.md`) or from published bundles
 * (`out/<agency>/<year>.zip`, each verified first; one that fails is listed,
 * never summed). Each report is validated with the previous year's, as
 * `nianbao validate` does; only two reports are held at a time.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { VFile } from 'vfile'
import { diagnosticsOf, hasErrors } from '../diagnostics/emit.js'
import type { Lang } from '../diagnostics/types.js'
import { verifyBundleBytes } from '../bundle/verify.js'
import { readDirectory, readEntry } from '../bundle/zip-read.js'
import { limits } from '../limits.js'
import { SOURCE_NAME } from '../bundle/export-json.js'
import { loadReport, loadReportFromText } from '../source/report.js'
import { validateReport } from '../validate/index.js'
import { recordOrProblems, unreadableRecord, yearOf, type ReportRecord } from './record.js'
import { readAhead } from '../read-ahead.js'

export interface GroupJob {
  kind: 'source' | 'bundle'
  /** One agency's files, any order. */
  paths: string[]
  lang?: Lang
}

export { yearOf }

/** A member of a bundle verified first, or the problems that stop it from being read. */
export async function readVerifiedMember(path: string, member: string, lang: Lang): Promise<{ bytes: Uint8Array } | { problems: string[] }> {
  const file = new VFile({ path })
  file.data.lang = lang
  file.data.severities = {}
  let bytes: Uint8Array
  try {
    const info = await stat(path)
    if (info.size > limits.bundleBytes) return { problems: [`文件大于 ${limits.bundleBytes / 1048576} MB`] }
    bytes = await readFile(path)
  } catch (error) {
    return { problems: [`无法读取：${(error as NodeJS.ErrnoException).code ?? String(error)}`] }
  }
  verifyBundleBytes(file, bytes)
  if (hasErrors(file)) return { problems: diagnosticsOf(file).filter((d) => d.severity === 'error').map((d) => `${d.message}（${d.ruleId}）`) }
  const entry = readDirectory(bytes).find((e) => e.name === member)
  if (!entry) return { problems: [`发布包中没有 ${member}`] }
  return { bytes: readEntry(bytes, entry) }
}

/** An agency's sources read ahead of the one being checked (a folder may hold any number of years). */
const SOURCES_AHEAD = 4

/** Records of one agency's reports, oldest first. */
export async function readGroup(job: GroupJob): Promise<ReportRecord[]> {
  const lang = job.lang ?? 'zh'
  const paths = [...job.paths].sort((a, b) => yearOf(a) - yearOf(b) || (a < b ? -1 : 1))
  const out: ReportRecord[] = []
  let previous: VFile | undefined
  // Sources are read a few ahead (each read waits on the disk), and checked in year order.
  const sources = job.kind === 'source' ? readAhead(paths, SOURCES_AHEAD, (path) => loadReport(path, { lang })) : undefined
  for (const path of paths) {
    const id = basename(dirname(path))
    let file: VFile
    if (sources) file = (await sources.next()).value as VFile
    else {
      const read = await readVerifiedMember(path, SOURCE_NAME, lang)
      if ('problems' in read) {
        out.push(unreadableRecord(id, path, 'bundle', read.problems, yearOf(path)))
        previous = undefined
        continue
      }
      file = loadReportFromText(join(path, SOURCE_NAME), new TextDecoder('utf-8').decode(read.bytes), { lang })
    }
    const report = file.data.report
    const prior = previous?.data.report && report && previous.data.report.meta.year === report.meta.year - 1 ? previous : undefined
    validateReport(file, prior ? { previous: prior } : {})
    out.push(recordOrProblems({ id, source: path, kind: job.kind, file, ...(prior?.data.report ? { previous: prior.data.report } : {}) }))
    previous = file
  }
  return out
}

/**
 * What the roll-up page says, from the sums and records: the region's rates
 * (ratios of the summed counts, through the one formula in
 * src/source/derived.ts), rankings with the numbers behind each rate, and
 * the red flags of src/rollup/flag-rules.ts.
 */
import { derivedFigures } from '../formats/derived.js'
import type { DerivedDef } from '../formats/types.js'
import { ratioOfCounts } from '../source/derived.js'
import { CountSums } from './accumulate.js'
import { flagRules, type FlagRule } from './flag-rules.js'
import type { ReportRecord } from './record.js'
import { groupOf, type RollupData } from './run.js'

export const rateDefs: readonly DerivedDef[] = derivedFigures.filter((d) => d.kind === 'rate')

export interface RegionRate {
  def: DerivedDef
  value: number | null
  /** Reports whose figure is known (they are the ones summed). */
  known: number
  reports: number
}

export interface Ranked {
  record: ReportRecord
  value: number
  numerator: number
  denominator: number
}

export interface Flag {
  rule: FlagRule
  record: ReportRecord
  /** What was found, with the numbers. */
  detail: string
}

export const isIncluded = (r: ReportRecord): boolean => r.status === 'valid' || r.status === 'warnings'

const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`

/** A rate over several reports: its operand counts summed over the reports where all are known. */
export function regionRate(def: DerivedDef, records: readonly ReportRecord[]): RegionRate {
  const known = records.filter((r) => r.parts[def.key] !== null && r.parts[def.key] !== undefined)
  const operands = [...def.ratio!.numerator, ...def.ratio!.denominator, ...(def.ratio!.subtract ?? [])]
  const sums = new CountSums()
  for (const r of known) sums.add(r.derived, operands)
  const value = known.length === 0 ? null : ratioOfCounts(def.ratio!, (k) => sums.value(k) ?? 0)
  return { def, value, known: known.length, reports: records.length }
}

export function ranking(def: DerivedDef, records: readonly ReportRecord[]): Ranked[] {
  const out: Ranked[] = []
  for (const record of records) {
    const value = record.derived[def.key]
    const parts = record.parts[def.key]
    if (value === null || value === undefined || !parts) continue
    out.push({ record, value, numerator: parts[0], denominator: parts[1] })
  }
  return out.sort((a, b) => b.value - a.value || b.denominator - a.denominator || (a.record.id < b.record.id ? -1 : 1))
}

function check(rule: FlagRule, record: ReportRecord, rates: Map<string, RegionRate>): string | undefined {
  if (rule.kind === 'section-repeated') {
    const share = record.repeat[rule.section]
    if (share === null || share === undefined || share < rule.threshold) return undefined
    return `与上年同一部分重复 ${pct(share)}（阈值 ${pct(rule.threshold)}）`
  }
  const value = record.derived[rule.figure]
  const parts = record.parts[rule.figure]
  if (value === null || value === undefined || !parts || parts[1] < rule.minBase) return undefined
  const behind = `${parts[0]}/${parts[1]}`
  if (rule.kind === 'rate-at-least') return value >= rule.threshold ? `${pct(value)}（${behind}），阈值 ${pct(rule.threshold)}` : undefined
  const region = rates.get(rule.figure)?.value
  if (region === null || region === undefined) return undefined
  if (value < region * rule.factor || (value - region) * 100 < rule.minPoints) return undefined
  return `${pct(value)}（${behind}），本区域 ${pct(region)}；阈值：≥ ${rule.factor} 倍且高出 ${rule.minPoints} 个百分点`
}

export interface RollupSummary {
  year: number
  /** Reports of the year (every status). */
  reports: ReportRecord[]
  included: ReportRecord[]
  rates: Map<string, RegionRate>
  /** Rates per group (`--by`), by group name. */
  groupRates: Map<string, Map<string, RegionRate>>
  rankings: Map<string, Ranked[]>
  flags: Flag[]
}

export function summarize(data: RollupData): RollupSummary {
  const reports = data.records.filter((r) => r.year === data.year)
  const included = reports.filter(isIncluded)
  const rates = new Map(rateDefs.map((def) => [def.key, regionRate(def, included)]))
  const groupRates = new Map<string, Map<string, RegionRate>>()
  if (data.by) {
    const by = data.by
    const names = [...new Set(included.map((r) => groupOf(r, by)))].sort()
    for (const name of names) {
      const members = included.filter((r) => groupOf(r, by) === name)
      groupRates.set(name, new Map(rateDefs.map((def) => [def.key, regionRate(def, members)])))
    }
  }
  const rankings = new Map(rateDefs.map((def) => [def.key, ranking(def, included)]))
  const flags: Flag[] = []
  for (const record of included) {
    // A flag compares an agency with its own group when grouped, else with everyone.
    const against = data.by ? (groupRates.get(groupOf(record, data.by)) ?? rates) : rates
    for (const rule of flagRules) {
      const detail = check(rule, record, against)
      if (detail) flags.push({ rule, record, detail })
    }
  }
  return { year: data.year, reports, included, rates, groupRates, rankings, flags }
}

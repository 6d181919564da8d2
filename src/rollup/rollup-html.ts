/**
 * The roll-up page: the summed official tables, every agency with its
 * status, the region's rates with rankings (and the numbers behind each),
 * the red flags with their rules, and charts. Self-contained; the PDF is
 * made from it.
 */
import { changeChart, figureName, outcomesChart, rankingChart, type YearOutcomes } from '../charts/charts.js'
import { formatForYear } from '../formats/index.js'
import { formatDerived, formulaText } from '../source/derived.js'
import { escapeHtml, figureHtml, href, pageShell } from '../compare/page-html.js'
import type { CountSums } from './accumulate.js'
import { flagRules, type FlagRule } from './flag-rules.js'
import type { ReportRecord } from './record.js'
import type { RollupData } from './run.js'
import { SUMMED_LEGEND, summedTablesHtml } from './rollup-tables.js'
import type { RegionRate, RollupSummary } from './summary.js'

/** Rows of each ranking shown on the page (the CSV has every agency). */
export const RANKING_ROWS = 20

const pct = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : `${Math.round(share * 1000) / 10}%`)

const STATUS: Record<ReportRecord['status'], string> = { valid: '通过', warnings: '有警告', errors: '有错误（未汇总）', unverified: '发布包校验未通过（未汇总）' }

export function rollupTitle(year: number): string {
  return `政府信息公开工作年度报告汇总（${year}年）`
}

function countsOf(sums: CountSums | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const [key] of sums?.sums ?? []) out[key] = sums!.value(key)
  return out
}

function rulesText(rule: FlagRule): string {
  switch (rule.kind) {
    case 'rate-above-region':
      return `${figureName(rule.figure)}：≥ 本区域的 ${rule.factor} 倍且高出 ${rule.minPoints} 个百分点（分母 ≥ ${rule.minBase}）`
    case 'rate-at-least':
      return `${figureName(rule.figure)}：≥ ${pct(rule.threshold)}（分母 ≥ ${rule.minBase}）`
    case 'section-repeated':
      return `第${'一二三四五六'[rule.section - 1]}部分与上年重复 ≥ ${pct(rule.threshold)}`
  }
}

function ratesTable(rates: Map<string, RegionRate>, year: number, caption: string): string {
  const format = formatForYear(year)
  const rows = [...rates.values()].map(
    (r) =>
      `<tr><th scope="row">${escapeHtml(r.def.name)}</th><td class="num">${escapeHtml(formatDerived(r.def, r.value) ?? '—')}</td><td class="num">${r.known}/${r.reports}</td><td>${escapeHtml(formulaText(format, r.def))}</td></tr>`,
  )
  return [
    `<table class="figures"><caption>${escapeHtml(caption)}</caption>`,
    '<thead><tr><th scope="col">指标</th><th scope="col">比率</th><th scope="col">计入机关</th><th scope="col">公式（各机关计数求和后相除）</th></tr></thead>',
    '<tbody>',
    ...rows,
    '</tbody></table>',
  ].join('\n')
}

function statusHtml(summary: RollupSummary, data: RollupData, link: (r: ReportRecord) => string | undefined): string {
  const rows = summary.reports.map((r) => {
    const late = r.lateAfter ? `逾期（截止 ${r.lateAfter}）` : r.published ? '按期' : '未填'
    const problems = r.problems.length ? `<br><span class="note">${r.problems.map(escapeHtml).join('<br>')}</span>` : ''
    const target = link(r)
    const name = escapeHtml(r.agency || r.id)
    return `<tr><th scope="row">${target ? `<a href="${href(target)}">${name}</a>` : name}</th><td>${escapeHtml(r.id)}</td><td>${escapeHtml(r.format)}</td><td class="status-${r.status}">${STATUS[r.status]}${problems}</td><td class="num">${r.errors}</td><td class="num">${r.warnings}</td><td>${escapeHtml(r.published ?? '—')}</td><td${r.lateAfter ? ' class="flag"' : ''}>${late}</td></tr>`
  })
  const missing = data.missing.map(
    (r) =>
      `<tr><th scope="row">${escapeHtml(r.agency || r.id)}</th><td>${escapeHtml(r.id)}</td><td>—</td><td class="status-errors">本年缺报（${r.year}年有报告）</td><td class="num">—</td><td class="num">—</td><td>—</td><td>—</td></tr>`,
  )
  const counts = (status: ReportRecord['status']) => summary.reports.filter((r) => r.status === status).length
  const late = summary.reports.filter((r) => r.lateAfter).length
  return [
    `<p class="note">${summary.year}年共 ${summary.reports.length} 份：通过 ${counts('valid')} 份，有警告 ${counts('warnings')} 份（均已汇总）；有错误 ${counts('errors')} 份、发布包校验未通过 ${counts('unverified')} 份（列出，不汇总）；上年有报告而本年缺报 ${data.missing.length} 家；逾期发布 ${late} 份（发布日期晚于格式规定的次年 1月31日）。</p>`,
    '<table class="agencies"><caption>各机关报告状态</caption>',
    '<thead><tr><th scope="col">机关</th><th scope="col">代码</th><th scope="col">格式</th><th scope="col">状态</th><th scope="col">错误</th><th scope="col">警告</th><th scope="col">发布日期</th><th scope="col">是否按期</th></tr></thead>',
    '<tbody>',
    ...rows,
    ...missing,
    '</tbody></table>',
  ].join('\n')
}

function rankingsHtml(summary: RollupSummary): string {
  const out: string[] = []
  for (const [key, list] of summary.rankings) {
    const def = summary.rates.get(key)!.def
    if (list.length === 0) continue
    const rows = list
      .slice(0, RANKING_ROWS)
      .map((r, i) => `<tr><td class="num">${i + 1}</td><th scope="row">${escapeHtml(r.record.agency)}</th><td class="num">${pct(r.value)}</td><td class="num">${r.numerator} / ${r.denominator}</td></tr>`)
    const more = list.length > RANKING_ROWS ? `（前 ${RANKING_ROWS} 名，共 ${list.length} 家；全部见 rollup-agencies.csv）` : `（共 ${list.length} 家）`
    out.push(
      `<table class="ranking"><caption>${escapeHtml(def.name)}排名${more}</caption>`,
      '<thead><tr><th scope="col">名次</th><th scope="col">机关</th><th scope="col">比率</th><th scope="col">分子 / 分母</th></tr></thead>',
      '<tbody>',
      ...rows,
      '</tbody></table>',
    )
  }
  return out.join('\n')
}

function flagsHtml(summary: RollupSummary): string {
  const rows = summary.flags.map(
    (f) => `<tr><th scope="row">${escapeHtml(f.record.agency)}</th><td>${escapeHtml(f.rule.name)}</td><td>${escapeHtml(f.detail)}</td><td>${escapeHtml(f.rule.id)}</td></tr>`,
  )
  const rules = flagRules.map((r) => `<li>${escapeHtml(r.name)}（${escapeHtml(r.id)}）：${escapeHtml(rulesText(r))}</li>`)
  return [
    rows.length
      ? ['<table class="flags"><caption>需关注的情况</caption>', '<thead><tr><th scope="col">机关</th><th scope="col">情况</th><th scope="col">数据</th><th scope="col">规则</th></tr></thead>', '<tbody>', ...rows, '</tbody></table>'].join('\n')
      : '<p>没有触发规则的情况。</p>',
    '<p class="note">规则（阈值为数据，见 docs/flags.md；分组汇总时与本组比较）：</p>',
    `<ul>${rules.join('')}</ul>`,
  ].join('\n')
}

export interface RollupPageOptions {
  /** Link from an agency's row to its report page (relative to the page), if there is one. */
  link?: (record: ReportRecord) => string | undefined
}

/** The roll-up page (HTML). */
export function rollupHtml(data: RollupData, summary: RollupSummary, options: RollupPageOptions = {}): string {
  const year = summary.year
  const sums = data.years.get(year)
  const years: YearOutcomes[] = [...data.years.entries()].sort((a, b) => a[0] - b[0]).map(([y, s]) => ({ year: y, counts: countsOf(s.counts) }))
  const previous = data.years.get(year - 1)
  const charts = [
    figureHtml(outcomesChart(years, 'rollup-outcomes')),
    ...(summary.rankings.get('disclosure_rate')?.length
      ? [
          figureHtml(
            rankingChart(
              '实质公开率',
              summary.rankings.get('disclosure_rate')!.map((r) => ({ label: r.record.agency, value: r.value })),
              summary.rates.get('disclosure_rate')!.value,
              'rollup-ranking',
            ),
          ),
        ]
      : []),
    ...(previous ? [figureHtml(changeChart({ older: year - 1, newer: year, before: countsOf(previous.counts), after: countsOf(sums?.counts) }, 'rollup-change'))] : []),
  ]
  const groups = [...(sums?.groups.entries() ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1))
  const grouped = groups.flatMap(([name, groupSums], i) => [
    `<h3>${escapeHtml(name)}（${groupSums.reports} 家）</h3>`,
    ratesTable(summary.groupRates.get(name) ?? new Map(), year, `${name}：主要比率`),
    summedTablesHtml(year, groupSums, `g${i}`),
  ])
  const body = [
    `<header class="report-header"><h1 class="report-title">${escapeHtml(rollupTitle(year))}</h1></header>`,
    `<p class="note">汇总 ${sums?.all.reports ?? 0} 家机关${year}年的报告（有错误的报告和校验未通过的发布包只列出，不计入）。每格为各机关同一格之和；${SUMMED_LEGEND}比率为各机关计数之和相除（不是比率的平均），只计该指标各项均已填写的机关。</p>`,
    '<section class="report-section" id="rollup-tables">',
    '<h2>一、汇总表</h2>',
    sums ? summedTablesHtml(year, sums.all, 'all') : '<p>没有可汇总的报告。</p>',
    '</section>',
    '<section class="report-section" id="rollup-figures">',
    '<h2>二、主要比率与排名</h2>',
    ratesTable(summary.rates, year, '全区域主要比率'),
    ...charts,
    rankingsHtml(summary),
    '</section>',
    '<section class="report-section" id="rollup-flags">',
    '<h2>三、需关注的情况</h2>',
    flagsHtml(summary),
    '</section>',
    '<section class="report-section" id="rollup-agencies">',
    '<h2>四、各机关报告状态</h2>',
    statusHtml(summary, data, options.link ?? (() => undefined)),
    '</section>',
    ...(grouped.length ? ['<section class="report-section" id="rollup-groups">', '<h2>五、分组汇总</h2>', ...grouped, '</section>'] : []),
  ].join('\n')
  return pageShell(rollupTitle(year), body)
}

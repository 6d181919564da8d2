/**
 * out/index.html as the region's overview: one row per agency with its
 * latest year's key figures (derived figures, src/formats/derived.ts), a
 * sparkline of applications over the years, its status and the links to
 * every year's page, PDF, comparison, bundle (and Word file when built);
 * then the roll-up in brief (rates, charts, flags) with a link to the full
 * roll-up. No script, nothing fetched, same bytes for the same reports.
 */
import type { IndexEntry } from '../build/site-index.js'
import { changeChart, outcomesChart, type YearOutcomes } from '../charts/charts.js'
import { escapeHtml, figureHtml, href, pageShell } from '../compare/page-html.js'
import type { CountSums } from '../rollup/accumulate.js'
import type { ReportRecord } from '../rollup/record.js'
import type { RollupData } from '../rollup/run.js'
import type { RollupSummary } from '../rollup/summary.js'
import { derivedFigures } from '../formats/derived.js'
import { formatDerived } from '../source/derived.js'

/** Links of one built report, relative to out/. */
export interface DashboardLinks extends NonNullable<IndexEntry['links']> {
  compare?: string
  docx?: string
}

export interface DashboardEntry extends Omit<IndexEntry, 'links'> {
  links: DashboardLinks
}

export interface DashboardInput {
  entries: readonly DashboardEntry[]
  /** The roll-up of the same reports (absent when nothing could be summed). */
  rollup?: { data: RollupData; summary: RollupSummary; page: string }
}

const STATUS: Record<ReportRecord['status'], string> = { valid: '通过', warnings: '有警告', errors: '有错误', unverified: '校验未通过' }
const def = (key: string) => derivedFigures.find((d) => d.key === key)!

function link(path: string | undefined, label: string): string {
  return path ? `<a href="${href(path)}">${label}</a>` : `<span class="missing">${label}</span>`
}

/** A small line of values over the years (no axes; the numbers are in its title). */
export function sparkline(points: readonly { year: number; value: number | null }[], label: string): string {
  const known = points.filter((p): p is { year: number; value: number } => p.value !== null)
  if (known.length === 0) return '<span class="missing">—</span>'
  const width = 96
  const height = 24
  const years = known.map((p) => p.year)
  const min = Math.min(...years)
  const span = Math.max(1, Math.max(...years) - min)
  const top = Math.max(1, ...known.map((p) => p.value))
  const xy = known.map((p) => [2 + ((p.year - min) / span) * (width - 4), height - 2 - (p.value / top) * (height - 4)] as const)
  const round = (n: number) => Math.round(n * 10) / 10
  const title = `${label}：${known.map((p) => `${p.year}年 ${p.value}`).join('，')}`
  const dots = xy.map(([x, y]) => `<circle cx="${round(x)}" cy="${round(y)}" r="1.8" fill="#0072B2"></circle>`).join('')
  const line = known.length > 1 ? `<polyline points="${xy.map(([x, y]) => `${round(x)},${round(y)}`).join(' ')}" fill="none" stroke="#0072B2" stroke-width="1.5"></polyline>` : ''
  return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${line}${dots}</svg>`
}

function agencyRows(input: DashboardInput): string[] {
  const byDir = new Map<string, DashboardEntry[]>()
  for (const e of input.entries) byDir.set(e.dir, [...(byDir.get(e.dir) ?? []), e])
  const records = new Map<string, ReportRecord[]>()
  for (const r of input.rollup?.data.records ?? []) records.set(r.id, [...(records.get(r.id) ?? []), r])
  return [...byDir.keys()].sort().map((dir) => {
    const years = byDir.get(dir)!.sort((a, b) => b.year - a.year)
    const latest = years[0]!
    const history = (records.get(dir) ?? []).filter((r) => r.status !== 'unverified')
    const record = history.find((r) => r.year === latest.year)
    const figure = (key: string) => (record ? (formatDerived(def(key), record.derived[key] ?? null) ?? '—') : '—')
    const stale = latest.stale ? ' <span class="stale">（源文件现有错误，此为上次生成的版本）</span>' : ''
    const status = record ? `<span class="status-${record.status}">${STATUS[record.status]}</span>${record.lateAfter ? '<br><span class="flag">逾期发布</span>' : ''}` : '—'
    const files = years
      .map((e) => `<span class="year">${e.year}年：</span>${link(e.links.html, '网页')}${link(e.links.pdf, 'PDF')}${e.links.compare ? link(e.links.compare, '对比') : ''}${link(e.links.bundle, '发布包')}${e.links.docx ? link(e.links.docx, 'Word') : ''}${
          // The archive's own hash, to check a downloaded copy (`sha256sum -c <year>.zip.sha256`).
          e.links.bundle && e.bundleSha256 ? `<br><code class="sha" title="${e.year}年发布包的 SHA-256">${escapeHtml(e.bundleSha256)}</code>` : ''
        }`)
      .join('<br>')
    const trend = sparkline(
      history.map((r) => ({ year: r.year, value: r.derived.received_new ?? null })),
      `${def('received_new').name}`,
    )
    return [
      '<tr>',
      `<th scope="row">${escapeHtml(latest.agency || dir)}${stale}</th>`,
      `<td>${latest.year}</td>`,
      `<td class="num">${figure('received_new')}</td>`,
      `<td class="num">${figure('disclosure_rate')}</td>`,
      `<td class="num">${figure('other_handling_rate')}</td>`,
      `<td>${trend}</td>`,
      `<td>${status}</td>`,
      `<td>${files}</td>`,
      `<td>${escapeHtml(latest.formatDocument)}</td>`,
      '</tr>',
    ].join('')
  })
}

function countsOf(sums: CountSums | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const [key] of sums?.sums ?? []) out[key] = sums!.value(key)
  return out
}

function rollupBrief(rollup: NonNullable<DashboardInput['rollup']>): string {
  const { data, summary, page } = rollup
  const year = summary.year
  const rates = [...summary.rates.values()]
    .map((r) => `<tr><th scope="row">${escapeHtml(r.def.name)}</th><td class="num">${escapeHtml(formatDerived(r.def, r.value) ?? '—')}</td><td class="num">${r.known}/${r.reports}</td></tr>`)
    .join('\n')
  const years: YearOutcomes[] = [...data.years.entries()].sort((a, b) => a[0] - b[0]).map(([y, s]) => ({ year: y, counts: countsOf(s.counts) }))
  const previous = data.years.get(year - 1)
  const flags = summary.flags.length
    ? `<ul>${summary.flags.map((f) => `<li>${escapeHtml(f.record.agency)}：${escapeHtml(f.rule.name)}（${escapeHtml(f.detail)}）</li>`).join('')}</ul>`
    : '<p>没有触发规则的情况。</p>'
  return [
    `<h2>${year}年汇总</h2>`,
    `<p class="note">汇总 ${summary.included.length} 份报告（有错误的不计入）；缺报 ${data.missing.length} 家；逾期发布 ${summary.reports.filter((r) => r.lateAfter).length} 份。完整的汇总表、排名和各机关状态见 ${link(page, '汇总页')}（另有 PDF 和 CSV）。</p>`,
    '<table class="figures"><caption>全区域主要比率（各机关计数之和相除）</caption>',
    '<thead><tr><th scope="col">指标</th><th scope="col">比率</th><th scope="col">计入机关</th></tr></thead>',
    `<tbody>\n${rates}\n</tbody></table>`,
    figureHtml(outcomesChart(years, 'index-outcomes')),
    ...(previous ? [figureHtml(changeChart({ older: year - 1, newer: year, before: countsOf(previous.counts), after: countsOf(data.years.get(year)?.counts) }, 'index-change'))] : []),
    '<h3>需关注的情况</h3>',
    flags,
  ].join('\n')
}

export function renderDashboard(input: DashboardInput): string {
  const rows = agencyRows(input)
  const body = [
    '<header class="report-header"><h1 class="report-title">政府信息公开工作年度报告</h1></header>',
    '<table class="agencies">',
    `<caption>共 ${new Set(input.entries.map((e) => e.dir)).size} 家机关、${input.entries.length} 份报告。数字为最近年度；趋势为历年本年新收申请数。实质公开率 = （予以公开 + 部分公开）÷ 办结；其他处理率 = 其他处理 ÷ 办结（定义见 docs/derived.md）。发布包含网页、PDF、Word 文档、源文件、data.json、data.csv 和 manifest.json，可用 nianbao verify 校验；其下为发布包的 SHA-256（同见 &lt;年度&gt;.zip.sha256）。</caption>`,
    '<thead><tr><th scope="col">机关</th><th scope="col">最近年度</th><th scope="col">本年新收申请</th><th scope="col">实质公开率</th><th scope="col">其他处理率</th><th scope="col">趋势</th><th scope="col">状态</th><th scope="col">文件</th><th scope="col">报告格式</th></tr></thead>',
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    ...(input.rollup ? [rollupBrief(input.rollup)] : []),
  ].join('\n')
  return pageShell('政府信息公开工作年度报告', body)
}

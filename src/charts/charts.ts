/**
 * The supervisor's charts, built from derived figures (src/formats/derived.ts):
 * outcomes of the applications per year (stacked), agencies ranked by a rate,
 * and a year-over-year comparison of key counts. Labels are the figures'
 * own Chinese names; every chart says what a missing value means.
 */
import { derivedFigures } from '../formats/derived.js'
import { okabeIto, renderChartSvg } from './render-svg.js'

/** The six outcomes of 表三 三（一）–（六）, in official order (derived figure keys). */
export const outcomeKeys = ['granted', 'partially_granted', 'refused', 'unable', 'not_processed', 'other_handling'] as const

/** Key counts compared year over year. */
export const changeKeys = ['received', 'handled', 'disclosed', 'refused', 'unable', 'not_processed', 'other_handling', 'review_total', 'lawsuit_total'] as const

export const figureName = (key: string): string => derivedFigures.find((d) => d.key === key)?.name ?? key

export interface YearOutcomes {
  year: number
  /** Derived count by key; `null` when unknown (a blank cell). */
  counts: Record<string, number | null>
}

const WIDTH = 640

/** Applications concluded per year, stacked by outcome. */
export function outcomesChart(years: readonly YearOutcomes[], id: string): string {
  const sorted = [...years].sort((a, b) => a.year - b.year)
  return renderChartSvg(
    {
      title: { text: '各年度申请办理结果', left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 'bold' } },
      legend: { top: 28, itemWidth: 14, itemHeight: 10 },
      grid: { left: 56, right: 24, top: 76, bottom: 36 },
      xAxis: { type: 'category', data: sorted.map((y) => `${y.year}年`) },
      yAxis: { type: 'value', name: '件', minInterval: 1 },
      series: outcomeKeys.map((key) => ({
        name: figureName(key),
        type: 'bar',
        stack: 'outcomes',
        barMaxWidth: 56,
        data: sorted.map((y) => y.counts[key] ?? null),
      })),
    },
    { width: WIDTH, height: 300 },
    id,
    '各年度申请办理结果（堆叠柱状图）',
  )
}

export interface RankedItem {
  label: string
  /** A share in [0, 1]. */
  value: number
}

/** Horizontal bars, highest first, with the region's value as a line. */
export function rankingChart(title: string, items: readonly RankedItem[], region: number | null, id: string, limit = 30): string {
  const shown = [...items].sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1)).slice(0, limit).reverse()
  const percent = (v: number) => Math.round(v * 1000) / 10
  const more = items.length > shown.length ? `（前 ${shown.length} 家，共 ${items.length} 家）` : ''
  return renderChartSvg(
    {
      title: { text: `${title}排名${more}`, left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 'bold' } },
      grid: { left: 200, right: 56, top: 36, bottom: 28 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: shown.map((i) => i.label), axisLabel: { width: 188, overflow: 'truncate' } },
      series: [
        {
          name: title,
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { color: okabeIto[4] },
          label: { show: true, position: 'right', formatter: '{c}%' },
          data: shown.map((i) => percent(i.value)),
          ...(region === null
            ? {}
            : {
                markLine: {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: okabeIto[5], type: 'dashed', width: 1.5 },
                  label: { formatter: `全区域 ${percent(region)}%`, position: 'end' },
                  data: [{ xAxis: percent(region) }],
                },
              }),
        },
      ],
    },
    { width: WIDTH, height: 80 + shown.length * 22 },
    id,
    `${title}排名（条形图）`,
  )
}

export interface YearPair {
  older: number
  newer: number
  /** Derived count by key for each year; `null` when unknown. */
  before: Record<string, number | null>
  after: Record<string, number | null>
}

/** Key counts of two years side by side. */
export function changeChart(pair: YearPair, id: string): string {
  const keys = changeKeys.filter((k) => pair.before[k] !== undefined || pair.after[k] !== undefined)
  return renderChartSvg(
    {
      title: { text: `主要数据同比（${pair.older}年 → ${pair.newer}年）`, left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 'bold' } },
      legend: { top: 28, itemWidth: 14, itemHeight: 10 },
      grid: { left: 56, right: 24, top: 64, bottom: 64 },
      xAxis: { type: 'category', data: keys.map(figureName), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', name: '件', minInterval: 1 },
      series: [
        { name: `${pair.older}年`, type: 'bar', barMaxWidth: 24, itemStyle: { color: okabeIto[1] }, data: keys.map((k) => pair.before[k] ?? null) },
        {
          name: `${pair.newer}年`,
          type: 'bar',
          barMaxWidth: 24,
          itemStyle: { color: okabeIto[4] },
          label: { show: true, position: 'top', fontSize: 10 },
          data: keys.map((k) => pair.after[k] ?? null),
        },
      ],
    },
    { width: WIDTH, height: 320 },
    id,
    `主要数据同比（${pair.older}年与${pair.newer}年，分组柱状图）`,
  )
}

/**
 * The comparison page: key figures of both years with their formulas and
 * charts, the official tables with both values and the change per cell, and
 * per section the share of text repeated from last year with the repeated
 * sentences highlighted. Self-contained; its PDF is made from it.
 */
import { changeChart, outcomesChart } from '../charts/charts.js'
import { cellKey, type Comparison, type ComparedCell } from './compare-model.js'
import { valueText, type Delta } from './delta.js'
import { escapeHtml, figureHtml, pageShell, statsTableHtml } from './page-html.js'
import { REPEAT_FLAG_SHARE } from '../rollup/flag-rules.js'

const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`

function deltaHtml(d: Delta, separator = ''): string {
  const relative = d.relative ? `${separator}（${d.relative}）` : ''
  return `<span class="${d.kind}">${escapeHtml(d.text)}${relative}</span>`
}

function pairHtml(pair: ComparedCell | undefined): string {
  if (!pair) return ''
  const before = pair.before === undefined ? '无此项' : valueText(pair.before)
  // Three short lines keep the seven value columns of 表三 narrow enough for the row labels.
  return `${escapeHtml(before)} → ${escapeHtml(valueText(pair.after))}<br>${deltaHtml(pair.delta, '<br>')}`
}

export function comparisonTitle(c: Comparison): string {
  return `${c.agency}政府信息公开工作年度报告对比（${c.older.year}年—${c.newer.year}年）`
}

function figuresHtml(c: Comparison): string {
  const rows = c.figures.map((f) => {
    const formula = f.formulaOlder ? `${f.formula}<br>${c.older.year}年格式：${escapeHtml(f.formulaOlder)}` : escapeHtml(f.formula)
    return `<tr><th scope="row">${escapeHtml(f.def.name)}</th><td class="num">${escapeHtml(f.beforeText)}</td><td class="num">${escapeHtml(f.afterText)}</td><td class="num">${deltaHtml(f.delta)}</td><td>${formula}</td></tr>`
  })
  return [
    '<table class="figures">',
    '<caption>主要指标（由统计表计算，定义见 docs/derived.md）</caption>',
    `<thead><tr><th scope="col">指标</th><th scope="col">${c.older.year}年</th><th scope="col">${c.newer.year}年</th><th scope="col">变化</th><th scope="col">公式</th></tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
  ].join('\n')
}

function sectionsHtml(c: Comparison): string {
  const summary = c.sections.map((s) => {
    const share = s.text.share === null ? '—' : percent(s.text.share)
    const flag = s.text.share !== null && s.text.share >= REPEAT_FLAG_SHARE ? ' <span class="flag">（基本照搬上年）</span>' : ''
    return `<tr><th scope="row">${escapeHtml(s.heading)}</th><td class="num">${s.text.chars}</td><td class="num">${s.text.repeatedChars}</td><td class="num">${share}${flag}</td></tr>`
  })
  const bodies = c.sections
    .filter((s) => s.text.paragraphs.length > 0)
    .map((s) => {
      const paragraphs = s.text.paragraphs.map(
        (sentences) => `<p>${sentences.map((t) => (t.repeated ? `<mark>${escapeHtml(t.text)}</mark>` : escapeHtml(t.text))).join('')}</p>`,
      )
      const share = s.text.share === null ? '' : `（与上年重复 ${percent(s.text.share)}）`
      return [`<h3>${escapeHtml(s.heading)}${share}</h3>`, ...paragraphs].join('\n')
    })
  return [
    `<p class="note">逐句比对：${c.newer.year}年报告中，与${c.older.year}年同一部分某句相同（忽略空白、标点和年份）的句子以底色标出；重复比例 = 重复句的字数 ÷ 全部句子的字数（少于 6 个字的句子，如小标题，不计）。「—」表示上年该部分没有文字。</p>`,
    '<table class="repeat">',
    '<caption>各部分与上年重复的文字</caption>',
    '<thead><tr><th scope="col">部分</th><th scope="col">字数</th><th scope="col">重复字数</th><th scope="col">重复比例</th></tr></thead>',
    '<tbody>',
    ...summary,
    '</tbody>',
    '</table>',
    ...bodies,
  ].join('\n')
}

/** The comparison page (HTML), charts inlined. */
export function comparisonHtml(c: Comparison): string {
  const formats = c.sameFormat
    ? `两年均使用${escapeHtml(c.newer.format.document)}格式。`
    : `两年格式不同：${c.older.year}年为${escapeHtml(c.older.format.document)}格式，${c.newer.year}年为${escapeHtml(c.newer.format.document)}格式；统计表按表格、官方行号和列逐格对照，上年格式没有的单元格标「无此项」，主要指标按同一定义分别计算。`
  const outcomes = figureHtml(
    outcomesChart(
      [
        { year: c.older.year, counts: c.counts.before },
        { year: c.newer.year, counts: c.counts.after },
      ],
      'chart-outcomes',
    ),
  )
  const change = figureHtml(changeChart({ older: c.older.year, newer: c.newer.year, before: c.counts.before, after: c.counts.after }, 'chart-change'))
  const tables = c.tables.map((t) =>
    statsTableHtml(t.view, (cell) => pairHtml(c.tables.length ? t.cells.get(cellKey(cell.row ?? '', cell.column ?? '')) : undefined), 'cmp'),
  )
  const body = [
    `<header class="report-header"><h1 class="report-title">${escapeHtml(comparisonTitle(c))}</h1></header>`,
    `<p class="note">${formats}每格为「${c.older.year}年 → ${c.newer.year}年」及变化（绝对值和相对值）；「—」为报告留空（不是 0），涉及空白的变化为「未知」。</p>`,
    '<section class="report-section" id="compare-figures">',
    '<h2>一、主要指标</h2>',
    figuresHtml(c),
    outcomes,
    change,
    '</section>',
    '<section class="report-section" id="compare-tables">',
    '<h2>二、统计表逐格对比</h2>',
    ...tables,
    '</section>',
    '<section class="report-section" id="compare-text">',
    '<h2>三、文字与上年重复情况</h2>',
    sectionsHtml(c),
    '</section>',
  ].join('\n')
  return pageShell(comparisonTitle(c), body)
}

/**
 * HTML pieces shared by the supervisor's pages (comparison, roll-up,
 * dashboard): escaping, the page shell with its inlined style, and the
 * official tables drawn from the report view model with each value cell's
 * content given by the page. The pages keep to docs/html-subset.md (plus
 * `figure`/`svg` for charts and `mark`), so their PDF comes from the same
 * HTML. No script, nothing fetched.
 */
import type { ViewCell, ViewTable } from '../render/view-model.js'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** A relative link; each path segment percent-encoded. */
export const href = (path: string): string => escapeHtml(path.split('/').map((p) => (p === '..' || p === '.' ? p : encodeURIComponent(p))).join('/'))

export const pageStyle = `
body{font-family:"Noto Serif SC","Source Han Serif SC","SimSun",serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#222;line-height:1.6}
h1{font-size:1.5rem;text-align:center;margin:.5rem 0 1rem}
h2{font-family:"Noto Sans SC","Source Han Sans SC","SimHei",sans-serif;font-size:1.2rem;margin:1.6rem 0 .6rem;border-bottom:1px solid #999}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}
caption{caption-side:top;text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #777;padding:.25rem .4rem;vertical-align:top}
th{background:#f2f2f2;font-weight:normal}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.up{color:#0072B2}.down{color:#D55E00}.unknown,.absent{color:#777}
.note{color:#444;font-size:.9rem}
mark{background:#FFE08A}
figure.chart{margin:1rem 0;overflow-x:auto}
figure.chart svg{max-width:100%;height:auto}
.flag{color:#a40000}
.status-errors{color:#a40000}.status-warnings{color:#8a5a00}.status-valid{color:#006b3c}
.spark{vertical-align:middle}
code.sha{font-size:.7rem;color:#555;word-break:break-all}
.stale{color:#a40000;font-size:.85rem}.missing{color:#999;margin-right:.6rem}td a{margin-right:.6rem}.year{color:#555}
@media print{body{max-width:none;margin:0}figure.chart{break-inside:avoid}}
`.trim()

/** A complete page: title, inlined style, body. */
export function pageShell(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${pageStyle}</style>
</head>
<body>
<article class="report">
${body}
</article>
</body>
</html>
`
}

function attributes(cell: ViewCell): string {
  let out = ''
  if (cell.id) out += ` id="${escapeHtml(cell.id)}"`
  if (cell.scope) out += ` scope="${cell.scope}"`
  if (cell.colspan) out += ` colspan="${cell.colspan}"`
  if (cell.rowspan) out += ` rowspan="${cell.rowspan}"`
  return out
}

/**
 * An official table (as `templates/official/partials/stats-table.hbs` draws
 * it), each value cell's inner HTML given by `value`. `prefix` keeps ids
 * unique when one page shows a table twice.
 */
export function statsTableHtml(view: ViewTable, value: (cell: ViewCell) => string, prefix: string, caption = `${view.name} ${view.caption}`): string {
  const id = (cell: ViewCell): ViewCell => (cell.id ? { ...cell, id: `${prefix}-${cell.id}` } : cell)
  const cellHtml = (raw: ViewCell): string => {
    const cell = id(raw)
    if (cell.header) return `<th${attributes(cell)}>${escapeHtml(cell.text)}</th>`
    const cls = cell.numeric ? ' class="num"' : ''
    const spans = `${cell.colspan ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan ? ` rowspan="${cell.rowspan}"` : ''}`
    return `<td${cls}${spans}>${cell.numeric ? value(raw) : escapeHtml(cell.text)}</td>`
  }
  const rows = (list: ViewTable['head']) =>
    list.map((r) => `<tr${r.blockHeading ? ' class="block-heading"' : ''}>${r.cells.map(cellHtml).join('')}</tr>`).join('\n')
  return [
    `<table class="stats-table" id="${escapeHtml(`${prefix}-${view.id}`)}">`,
    `<caption>${escapeHtml(caption)}</caption>`,
    ...(view.head.length ? ['<thead>', rows(view.head), '</thead>'] : []),
    '<tbody>',
    rows(view.body),
    '</tbody>',
    '</table>',
  ].join('\n')
}

/** A chart (SVG text from src/charts/) in its figure. */
export const figureHtml = (svg: string): string => `<figure class="chart">\n${svg}\n</figure>`

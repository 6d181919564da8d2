/**
 * out/index.html: every built report, by agency and year, with links to
 * its page, PDF and bundle and two key figures (applications received,
 * share granted in full). Self-contained, no scripts, same bytes for the
 * same reports.
 */
import { groupInteger } from '../number-text.js'
import type { KeyFigures } from './build-one.js'

export interface IndexEntry {
  /** Agency folder name under content/ and out/. */
  dir: string
  year: number
  agency: string
  formatDocument: string
  figures: KeyFigures
  /** Which outputs exist, relative to out/. */
  links: { html?: string; pdf?: string; docx?: string; bundle?: string }
  /** SHA-256 of the bundle, to check a downloaded copy (`sha256sum -c <year>.zip.sha256`). */
  bundleSha256?: string
  /** The source now has errors: these are the previous outputs. */
  stale: boolean
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Links are our own relative paths; still percent-encode anything unusual in folder names. */
const href = (path: string): string => escapeHtml(path.split('/').map(encodeURIComponent).join('/'))


function share(figures: KeyFigures): string {
  const { granted, processed } = figures
  if (granted === null || processed === null) return '—'
  if (processed === 0) return '—'
  return `${((granted / processed) * 100).toFixed(1)}%`
}

function link(path: string | undefined, label: string): string {
  return path ? `<a href="${href(path)}">${label}</a>` : `<span class="missing">${label}</span>`
}

const style = `
body{font-family:"Noto Serif SC","Source Han Serif SC","SimSun",serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem;text-align:center}
table{border-collapse:collapse;width:100%}
caption{caption-side:bottom;text-align:left;font-size:.85rem;color:#555;padding-top:.5rem}
th,td{border:1px solid #999;padding:.35rem .5rem;text-align:left}
th{background:#f2f2f2}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.stale{color:#a40000;font-size:.85rem}
.missing{color:#999}
code.sha{font-size:.7rem;color:#555;word-break:break-all}
a{margin-right:.6rem}
`.trim()

export function renderSiteIndex(entries: readonly IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : b.year - a.year))
  const rows = sorted.map((e) => {
    const received = e.figures.received === null ? '—' : groupInteger(e.figures.received)
    const stale = e.stale ? ' <span class="stale">（源文件现有错误，此为上次生成的版本）</span>' : ''
    return [
      '<tr>',
      `<th scope="row">${escapeHtml(e.agency || e.dir)}${stale}</th>`,
      `<td>${e.year}</td>`,
      `<td class="num">${received}</td>`,
      `<td class="num">${share(e.figures)}</td>`,
      `<td>${link(e.links.html, '网页')}${link(e.links.pdf, 'PDF')}${link(e.links.docx, 'Word')}${link(e.links.bundle, '发布包')}${
        e.links.bundle && e.bundleSha256 ? `<br><code class="sha" title="发布包的 SHA-256">${escapeHtml(e.bundleSha256)}</code>` : ''
      }</td>`,
      `<td>${escapeHtml(e.formatDocument)}</td>`,
      '</tr>',
    ].join('')
  })
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开工作年度报告</title>
<style>${style}</style>
</head>
<body>
<h1>政府信息公开工作年度报告</h1>
<table>
<caption>共 ${sorted.length} 份报告。予以公开占比 = 予以公开 ÷ 本年度办理结果总计。发布包含网页、PDF、Word 文档、源文件、data.json、data.csv 和 manifest.json，可用 <code>nianbao verify</code> 校验；其下为发布包的 SHA-256（同见 <code>&lt;年度&gt;.zip.sha256</code>）。</caption>
<thead><tr><th scope="col">机关</th><th scope="col">年度</th><th scope="col">本年新收申请</th><th scope="col">予以公开占比</th><th scope="col">文件</th><th scope="col">报告格式</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`
}

/**
 * The preview's own pages: the shell around one report (the published page
 * in a sandboxed frame, the diagnostics panel beside it) and the index of
 * several reports. Only these pages carry our script and styles; the report
 * page inside the frame is the published one, unchanged.
 */
import type { Lang, Severity } from '../diagnostics/types.js'
import type { PreviewDiagnostic, PreviewState, PreviewStatus } from './render.js'

/** Escape text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const words = {
  zh: {
    error: '错误',
    warning: '警告',
    info: '提示',
    none: '没有问题',
    problems: '问题',
    open: '在编辑器中打开',
    broken: '文件无法解析或页面无法生成，请按右侧提示修改后保存，页面会自动更新。',
    index: '全部报告',
    report: '报告',
    file: '文件',
    status: '状态',
    preview: '预览',
    live: '自动更新',
    ok: '通过',
    warnings: '有警告',
    errors: '有错误',
    brokenStatus: '无法生成页面',
  },
  en: {
    error: 'error',
    warning: 'warning',
    info: 'info',
    none: 'No problems',
    problems: 'Problems',
    open: 'Open in the editor',
    broken: 'The file does not parse or the page cannot be made: fix what the panel lists and save; the page updates by itself.',
    index: 'All reports',
    report: 'Report',
    file: 'File',
    status: 'Status',
    preview: 'Preview',
    live: 'live',
    ok: 'passes',
    warnings: 'warnings',
    errors: 'errors',
    brokenStatus: 'no page',
  },
} as const

export function statusText(status: PreviewStatus, lang: Lang): string {
  const w = words[lang]
  return status === 'ok' ? w.ok : status === 'warnings' ? w.warnings : status === 'errors' ? w.errors : w.brokenStatus
}

/** `vscode://file/<absolute path>:line:col`: VS Code opens the file at that place. */
export function editorUrl(path: string, line: number, column: number): string {
  const absolute = path.startsWith('/') ? path : `/${path.replace(/\\/g, '/')}`
  return `vscode://file${encodeURI(absolute).replace(/[?#]/g, encodeURIComponent)}:${line}:${column}`
}

function counts(state: Pick<PreviewState, 'errors' | 'warnings' | 'infos'>, lang: Lang): string {
  const w = words[lang]
  return `${w.error} ${state.errors} · ${w.warning} ${state.warnings} · ${w.info} ${state.infos}`
}

function diagnosticItem(d: PreviewDiagnostic, path: string, lang: Lang): string {
  const place = `${d.line}:${d.column}`
  const anchor = d.anchor ? ` data-anchor="${escapeHtml(JSON.stringify(d.anchor))}"` : ''
  const severity: Severity = d.severity
  return (
    `<li class="nb-diag nb-${severity}" tabindex="0" data-severity="${severity}" data-key="${escapeHtml(`${d.ruleId}@${d.line}:${d.column}`)}"${anchor}>` +
    `<a class="nb-loc" href="${escapeHtml(editorUrl(path, d.line, d.column))}" title="${words[lang].open}">${place}</a> ` +
    `<span class="nb-sev">${words[lang][severity]}</span> ` +
    `<span class="nb-msg">${escapeHtml(d.message)}</span> ` +
    `<code class="nb-rule">${escapeHtml(d.ruleId)}</code></li>`
  )
}

/** At most this many entries in the panel (a pasted table can give thousands; the page must stay usable). */
export const PANEL_LIMIT = 300

/** The diagnostics panel of one report (an HTML fragment, also sent on every update). */
export function panelHtml(state: PreviewState, lang: Lang = 'zh'): string {
  const w = words[lang]
  const head = `<h2>${w.problems} <span class="nb-counts">${counts(state, lang)}</span></h2>`
  if (state.diagnostics.length === 0) return `${head}<p class="nb-none">${w.none}</p>`
  const shown = state.diagnostics.slice(0, PANEL_LIMIT)
  const rest = state.diagnostics.length - shown.length
  const more = rest > 0 ? `<p class="nb-more">${lang === 'zh' ? `另有 ${rest} 条未列出；用 nianbao validate 查看全部` : `${rest} more not listed; nianbao validate lists them all`}</p>` : ''
  return `${head}<ol class="nb-diags">${shown.map((d) => diagnosticItem(d, state.path, lang)).join('')}</ol>${more}`
}

export interface ShellOptions {
  /** Report id in URLs (`ruzhou-wsjkw/2024`). */
  id: string
  version: number
  lang?: Lang
  /** Link back to the index (several reports). */
  index?: boolean
}

/** The preview page of one report. */
export function reportShell(state: PreviewState, options: ShellOptions): string {
  const lang = options.lang ?? 'zh'
  const w = words[lang]
  const broken = state.status === 'broken'
  const frame = (cls: string, src: string) =>
    `<iframe class="nb-frame ${cls}" sandbox="allow-same-origin" title="${escapeHtml(state.title)}"${src ? ` src="${src}"` : ''}></iframe>`
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.preview} · ${escapeHtml(state.title)}</title>
<link rel="stylesheet" href="/_/preview.css">
</head>
<body class="nb-shell" data-page="report" data-id="${escapeHtml(options.id)}" data-version="${options.version}" data-status="${state.status}">
<header class="nb-bar">
${options.index ? `<a class="nb-home" href="/">${w.index}</a>` : ''}
<span class="nb-title">${escapeHtml(state.title)}</span>
<span class="nb-status nb-status-${state.status}">${statusText(state.status, lang)}</span>
<a class="nb-pdf" href="report.pdf" target="_blank" rel="noopener">PDF</a>
<span class="nb-live" title="${w.live}">●</span>
</header>
<main class="nb-main">
<div class="nb-page">
${frame('nb-front', broken ? '' : `page.html?v=${options.version}`)}
${frame('nb-back', '')}
<div class="nb-broken"${broken ? '' : ' hidden'}>${w.broken}</div>
</div>
<aside class="nb-panel" id="nb-panel">${panelHtml(state, lang)}</aside>
</main>
<script src="/_/preview.js"></script>
</body>
</html>
`
}

export interface IndexEntry {
  id: string
  /** Path as shown (relative to the working directory). */
  file: string
  version: number
  state?: PreviewState
}

/** URL of a report's preview page. */
export function reportUrl(id: string): string {
  return `/r/${id.split('/').map(encodeURIComponent).join('/')}/`
}

/** The index of several reports with their status, updated live by the script. */
export function indexPage(entries: readonly IndexEntry[], lang: Lang = 'zh'): string {
  const w = words[lang]
  const rows = entries
    .map((e) => {
      const s = e.state
      const status = s ? s.status : 'broken'
      return (
        `<tr data-id="${escapeHtml(e.id)}" data-status="${status}">` +
        `<td><a href="${escapeHtml(reportUrl(e.id))}">${escapeHtml(s?.title ?? e.id)}</a></td>` +
        `<td class="nb-file">${escapeHtml(e.file)}</td>` +
        `<td><span class="nb-status nb-status-${status}">${statusText(status, lang)}</span></td>` +
        `<td class="nb-errors">${s?.errors ?? ''}</td><td class="nb-warnings">${s?.warnings ?? ''}</td></tr>`
      )
    })
    .join('\n')
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.preview} · ${w.index}</title>
<link rel="stylesheet" href="/_/preview.css">
</head>
<body class="nb-shell nb-index-page" data-page="index">
<header class="nb-bar"><span class="nb-title">${w.preview} · ${w.index}（${entries.length}）</span><span class="nb-live" title="${w.live}">●</span></header>
<table class="nb-index">
<thead><tr><th>${w.report}</th><th>${w.file}</th><th>${w.status}</th><th>${w.error}</th><th>${w.warning}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script src="/_/preview.js"></script>
</body>
</html>
`
}

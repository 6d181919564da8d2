/**
 * The preview's HTTP server, for this machine only. It answers GET/HEAD for
 * a fixed set of routes: the index, each known report (shell, published
 * page, state, PDF), our script and styles, and the event stream. A URL
 * never names a file: reports are looked up by id among the known ones.
 * Requests whose Host is not this server's own (DNS rebinding) or that come
 * from another site's script are refused; no CORS header is ever sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Lang } from '../diagnostics/types.js'
import { previewCss, previewScript } from './assets.js'
import type { PdfCache } from './pdf-cache.js'
import type { ReportEntry, ReportSet } from './reports.js'
import { escapeHtml, indexPage, panelHtml, reportShell, reportUrl, statusText } from './shell.js'

export interface ServerContext {
  reports: ReportSet
  pdf: PdfCache
  lang: Lang
}

/** At most this many pages listening for updates at once (each holds a connection). */
const MAX_STREAMS = 64
/** Unsent bytes a listening page may fall behind by before it is dropped. */
const STREAM_BACKLOG = 4 << 20

const common = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

/** Our pages: our script and styles only, frames of this server only, never framed elsewhere. */
const shellPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** The published page: its inline styles and nothing else, framed by our shell only, no script even if one slipped in. */
const pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin"

type Headers = Record<string, string>

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Headers = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  res.writeHead(status, { ...common, 'Content-Type': type, 'Content-Length': String(bytes.byteLength), ...headers })
  res.end(req.method === 'HEAD' ? undefined : bytes)
}

function plain(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: Headers = {}): void {
  send(req, res, status, 'text/plain; charset=utf-8', `${text}\n`, headers)
}

/** Hosts this server answers to: its own address and `localhost`, on its own port. */
export function allowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false
  const wanted = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  return wanted.has(host.toLowerCase())
}

/** `/r/<agency>/<year>/<resource>` → id and resource; `undefined` for anything else. */
export function parseReportPath(pathname: string): { id: string; resource: string } | undefined {
  const match = /^\/r\/([^/]+)\/([^/]+)\/(page\.html|state\.json|report\.pdf)?$/.exec(pathname)
  if (!match) return undefined
  try {
    const agency = decodeURIComponent(match[1]!)
    const name = decodeURIComponent(match[2]!)
    if (agency.includes('/') || name.includes('/')) return undefined
    return { id: `${agency}/${name}`, resource: match[3] ?? '' }
  } catch {
    return undefined
  }
}

/** What a page needs to show a report's new state: also the body of `state.json`. */
function stateJson(entry: ReportEntry, lang: Lang): string {
  const s = entry.state
  const status = s?.status ?? 'broken'
  return JSON.stringify({
    id: entry.id,
    version: entry.version,
    status,
    label: statusText(status, lang),
    title: s?.title ?? entry.id,
    errors: s?.errors ?? 0,
    warnings: s?.warnings ?? 0,
    infos: s?.infos ?? 0,
    // Sent with the event so that the page updates without asking back.
    panel: s ? panelHtml(s, lang) : '',
  })
}

export interface PreviewServer {
  server: Server
  /** The port listened on (after `listen`). */
  port(): number
  close(): Promise<void>
}

export function createPreviewServer(context: ServerContext): PreviewServer {
  const { reports, pdf, lang } = context
  const streams = new Set<ServerResponse>()
  let port = 0

  const broadcast = (event: string, data: string) => {
    for (const res of streams) {
      // A page that stopped reading does not get to pile up memory here: it reconnects and catches up.
      if (res.writableLength > STREAM_BACKLOG) {
        streams.delete(res)
        res.destroy()
      } else res.write(`event: ${event}\ndata: ${data}\n\n`)
    }
  }
  const onReport = (entry: ReportEntry) => broadcast('report', stateJson(entry, lang))
  const onList = () => broadcast('list', '{}')
  reports.on('report', onReport)
  reports.on('list', onList)
  // Comments keep idle connections open through proxies and let the page notice a dead server.
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': ping\n\n')
  }, 15_000)
  heartbeat.unref()

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req.headers.host, port)) return plain(req, res, 403, '403 Host 不允许：预览只接受 127.0.0.1 或 localhost 的访问')
    // A script on another site may not read from us; following a link here is fine.
    if (req.headers['sec-fetch-site'] === 'cross-site' && req.headers['sec-fetch-mode'] !== 'navigate') return plain(req, res, 403, '403 不接受跨站请求')
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(req, res, 405, '405 只支持 GET', { Allow: 'GET, HEAD' })
    const raw = req.url ?? ''
    if (!raw.startsWith('/') || raw.startsWith('//')) return plain(req, res, 400, '400 请求路径无效')
    const pathname = raw.split('?')[0]!

    if (pathname === '/') {
      const list = reports.list()
      if (list.length === 1) {
        res.writeHead(302, { ...common, Location: reportUrl(list[0]!.id), 'Content-Length': '0' })
        res.end()
        return
      }
      const entries = list.map((e) => ({ id: e.id, file: reports.shown(e), version: e.version, ...(e.state ? { state: e.state } : {}) }))
      return send(req, res, 200, 'text/html; charset=utf-8', indexPage(entries, lang), { 'Content-Security-Policy': shellPolicy })
    }
    if (pathname === '/_/preview.js') return send(req, res, 200, 'text/javascript; charset=utf-8', previewScript)
    if (pathname === '/_/preview.css') return send(req, res, 200, 'text/css; charset=utf-8', previewCss)
    if (pathname === '/events') return openStream(req, res)
    if (pathname === '/favicon.ico') {
      res.writeHead(204, common)
      res.end()
      return
    }

    const route = parseReportPath(pathname)
    const entry = route && reports.get(route.id)
    if (!route || !entry) return plain(req, res, 404, '404 没有这个页面')
    if (entry.rendering || !entry.state) await entry.rendering
    const state = entry.state
    if (!state) return plain(req, res, 503, '503 报告尚未生成，请稍候刷新')
    switch (route.resource) {
      case '':
        return send(req, res, 200, 'text/html; charset=utf-8', reportShell(state, { id: entry.id, version: entry.version, lang, index: reports.list().length > 1 }), {
          'Content-Security-Policy': shellPolicy,
        })
      case 'page.html':
        if (state.html === undefined) return plain(req, res, 409, '409 文件有错误，无法生成页面；问题见预览页右侧')
        return send(req, res, 200, 'text/html; charset=utf-8', state.html, { 'Content-Security-Policy': pagePolicy })
      case 'state.json':
        return send(req, res, 200, 'application/json; charset=utf-8', stateJson(entry, lang))
      case 'report.pdf': {
        const result = await pdf.get(state)
        if ('pdf' in result) return send(req, res, 200, 'application/pdf', result.pdf, { 'Content-Disposition': 'inline; filename="report.pdf"' })
        const lines = result.problems.map((d) => `<li>${escapeHtml(`${d.line}:${d.column} ${d.message} (${d.ruleId})`)}</li>`).join('')
        return send(req, res, 409, 'text/html; charset=utf-8', `<!DOCTYPE html><meta charset="utf-8"><title>PDF</title><p>无法生成 PDF：</p><ul>${lines}</ul>`, {
          'Content-Security-Policy': "default-src 'none'",
        })
      }
    }
    return plain(req, res, 404, '404 没有这个页面')
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    if (streams.size >= MAX_STREAMS) return plain(req, res, 503, '503 打开的预览页过多')
    res.writeHead(200, { ...common, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' })
    res.write('retry: 1000\n\n')
    streams.add(res)
    req.on('close', () => streams.delete(res))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Never let one request take the server down.
      if (!res.headersSent) plain(req, res, 500, `500 预览内部错误：${error instanceof Error ? error.message : String(error)}`)
      else res.destroy()
    })
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  server.on('listening', () => {
    port = (server.address() as AddressInfo).port
  })

  return {
    server,
    port: () => port,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(heartbeat)
        reports.off('report', onReport)
        reports.off('list', onList)
        for (const res of streams) res.end()
        streams.clear()
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

/** Listen on 127.0.0.1 only. With `fallback`, a taken port moves on to the next few. */
export function listen(server: Server, port: number, fallback: boolean): Promise<number> {
  const attempt = (p: number, left: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening)
        if (error.code === 'EADDRINUSE' && left > 0) resolve(attempt(p + 1, left - 1))
        else reject(error)
      }
      const onListening = () => {
        server.off('error', onError)
        resolve((server.address() as AddressInfo).port)
      }
      server.once('error', onError)
      server.once('listening', onListening)
      server.listen(p, '127.0.0.1')
    })
  return attempt(port, fallback ? 9 : 0)
}

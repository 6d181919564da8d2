/**
 * Charts as SVG text, rendered on the server by Apache ECharts (SSR, no DOM,
 * no script in the output). The same SVG is inlined in the HTML pages and
 * drawn in the PDF (pdfmake `svg` → svg-to-pdfkit).
 *
 * Same data, same bytes: ECharts numbers each renderer instance (`zr0-`,
 * `zr1-` …) and adds hover CSS and `ecmeta_*` attributes for its own
 * interaction; these are replaced by the caller's id prefix or removed, and
 * animation is off (nothing reads the clock).
 */
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import 'echarts/lib/chart/bar'
import 'echarts/lib/component/grid'
import 'echarts/lib/component/legend'
import 'echarts/lib/component/markLine'
import 'echarts/lib/component/title'

echarts.use([SVGRenderer])

/** Okabe–Ito: eight colours told apart with every common colour-vision deficiency. */
export const okabeIto = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000'] as const

/**
 * The project's Noto faces first (the PDF embeds them; a browser uses them
 * when installed), then the usual Chinese system faces.
 */
export const chartFontFamily = 'Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif'

export interface ChartSize {
  width: number
  height: number
}

/** ECharts option (loosely typed: the chart builders own their shape). */
export type ChartOption = Record<string, unknown>

/**
 * Render an ECharts option to standalone SVG text; `id` prefixes every
 * element id so several charts share a page; `label` is the accessible name.
 */
export function renderChartSvg(option: ChartOption, size: ChartSize, id: string, label: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    chart.setOption({
      animation: false,
      color: [...okabeIto],
      textStyle: { fontFamily: chartFontFamily, fontSize: 12, color: '#222' },
      ...option,
    })
    return cleanSvg(chart.renderToSVGString(), id, label)
  } finally {
    chart.dispose()
  }
}

const safeId = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '-')

/** Drop what only serves ECharts' own interaction, and make ids deterministic. */
export function cleanSvg(svg: string, id: string, label: string): string {
  const prefix = safeId(id)
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '')
    .replace(/\bzr\d+-/g, `${prefix}-`)
    .replace(/<svg /, `<svg role="img" aria-label="${escapeXml(label)}" `)
    .replace(/\n+/g, '\n')
    .trim()
}

/** Text for an XML attribute or element. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/**
 * Page furniture: what a government portal prints around a report and a
 * copy of the page keeps — the site's name and menus, breadcrumbs
 * (「当前位置：首页 > …」), the publishing line, font-size and share buttons,
 * print/close links, related and previous/next links, the site footer.
 * None of it is the report; it is dropped before recognition (the page's
 * 发布日期 and 索引号 are read from it first).
 */
import type { Block } from './blocks.js'
import { parseDate } from './layout.js'

/** A whole line that is furniture wherever it stands. */
const ANYWHERE = [
  /^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]/,
  /^首页\s*[>＞›»/]/,
  /^(?:发布时间|发布日期|发文日期|信息来源|来源|浏览次数|访问次数|点击数|阅读次数|作者|编辑|责任编辑)\s*[:：].{0,80}$/,
  /^分享到\s*[:：]?/,
  /【\s*字体\s*[:：]?|字体\s*[:：]\s*[【[]?\s*大/,
  /^[【[]?\s*(?:打印(?:本页|此页)?|关闭(?:本页|窗口)?|收藏|返回顶部)\s*[】\]]?(?:[\s　]*[【[]?\s*(?:打印(?:本页|此页)?|关闭(?:本页|窗口)?|收藏|返回顶部)\s*[】\]]?)*$/,
  /^(?:相关链接|相关文章|相关阅读|相关信息|相关附件|附件下载)\s*[:：]?$/,
  /^(?:上一篇|下一篇|上一条|下一条)\s*[:：]/,
  /^扫一扫/,
  /(?:主办单位|承办单位|网站标识码|ICP备|公网安备|版权所有|技术支持|建议使用.*浏览器)/,
  /^(?:无障碍|长者模式|适老化|繁體|简体|English)/,
]

/** Menus: several short items separated by `|`. */
function isMenu(text: string): boolean {
  const items = text.split(/\s*[|｜]\s*/)
  return items.length >= 3 && items.every((item) => item.length <= 12)
}

export function isFurniture(text: string): boolean {
  const t = text.trim()
  if (t === '' || t.length > 120) return false
  return ANYWHERE.some((p) => p.test(t)) || isMenu(t)
}

/**
 * The blocks without furniture: lines that are furniture anywhere, the
 * site's name above the title (`…门户网站`), and everything after the
 * sign-off date when all of it is short lines (link lists, the footer).
 */
export function dropFurniture(blocks: Block[]): Block[] {
  const kept = blocks.filter((b) => b.type !== 'line' || !isFurniture(b.text))
  // The tail: after the last date line, only short lines without sentences.
  let end = kept.length
  for (let i = kept.length - 1; i >= Math.max(0, kept.length - 40); i--) {
    const block = kept[i]!
    if (block.type !== 'line') break
    const text = block.text.trim()
    if (parseDate(text)) {
      end = i + 1
      break
    }
    if (text.length > 60 || /[。；]/.test(text)) break
  }
  const head = kept.slice(0, end)
  // A site name above everything else.
  while (head[0]?.type === 'line' && /(?:门户网站|人民政府网|政府网站)$/.test(head[0].text.trim())) head.shift()
  return head
}

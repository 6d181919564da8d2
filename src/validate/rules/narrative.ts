/**
 * Counts stated in the text (「收到政府信息公开申请3件」) must match the
 * tables. A soft check: it warns and says which cell it compared with.
 */
import type { Text } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { emit } from '../../diagnostics/emit.js'
import { getCell } from '../../source/cells.js'
import type { Report } from '../../source/report.js'

interface Claim {
  /** What the sentence talks about. */
  kind: 'received' | 'handled' | 'review' | 'lawsuit'
  pattern: RegExp
}

const NUM = '(\\d+|[零一二两三四五六七八九十]+)'

/** Sentence shapes seen in real reports; the number is group 1. */
const claims: Claim[] = [
  { kind: 'received', pattern: new RegExp(`(?:共|累计|全年)?(?:新收|收到|受理)(?:各类)?(?:政府信息公开|依申请公开|信息公开)?(?:的)?(?:申请|事项)(?:共|合计|总计)?\\s*${NUM}\\s*(?:件|个|条)`, 'g') },
  { kind: 'received', pattern: /未(?:收到|受理)(?:任何)?(?:政府信息公开|依申请公开|信息公开)(?:申请|信息)?()/g },
  { kind: 'handled', pattern: new RegExp(`办理(?:了)?(?:政府信息公开|依申请公开|信息公开)(?:申请|事项)(?:共|合计)?\\s*${NUM}\\s*件`, 'g') },
  { kind: 'review', pattern: new RegExp(`(?:被申请|收到|发生)?行政复议(?:案件|申请)?(?:共)?\\s*${NUM}\\s*(?:件|起)`, 'g') },
  { kind: 'lawsuit', pattern: new RegExp(`(?:被提起|发生)?行政诉讼(?:案件)?(?:共)?\\s*${NUM}\\s*(?:件|起)`, 'g') },
]

const digits: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 「3」「三」「十二」 → number; undefined if not a plain count. */
export function parseCount(text: string): number | undefined {
  if (text === '') return 0
  if (/^\d+$/.test(text)) return Number(text)
  if (text === '十') return 10
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text)
  if (m) return (m[1] ? digits[m[1]]! : 1) * 10 + (m[2] ? digits[m[2]]! : 0)
  if (text.length === 1 && text in digits) return digits[text]
  return undefined
}

export function checkNarrative(file: VFile, report: Report): void {
  const totalOf = (table: string, block: string, row: string[]) => getCell(report.stats, table, block, row, 'total').value
  const received = totalOf('requests', 'requests', ['received'])
  const carried = totalOf('requests', 'requests', ['carried_over'])
  const handled = totalOf('requests', 'requests', ['total'])
  const review = totalOf('appeals', 'appeals', ['review'])
  const direct = totalOf('appeals', 'appeals', ['lawsuit_direct'])
  const after = totalOf('appeals', 'appeals', ['lawsuit_after_review'])
  const lawsuits = direct === null || after === null ? null : direct + after

  const accepted: Record<Claim['kind'], (number | null)[]> = {
    received: [received],
    // 办理 is used loosely: new applications, all handled, or new + carried over.
    handled: [received, handled, received !== null && carried !== null ? received + carried : null],
    review: [review],
    lawsuit: [lawsuits],
  }
  const cellNames: Record<Claim['kind'], [string, string, string]> = {
    received: ['表三', '“一、本年新收政府信息公开申请数量”总计', 'the 一 total'],
    handled: ['表三', '“本年新收”或“（七）总计”', 'the 一 or （七） total'],
    review: ['表四', '行政复议总计', 'the 行政复议 total'],
    lawsuit: ['表四', '行政诉讼总计', 'the 行政诉讼 totals'],
  }
  const locate = file.data.source!.locate
  for (const section of report.body.sections) {
    for (const node of section.nodes) {
      visit(node, 'text', (text: Text) => {
        const start = text.position?.start.offset
        for (const claim of claims) {
          claim.pattern.lastIndex = 0
          for (const match of text.value.matchAll(claim.pattern)) {
            const stated = parseCount(match[1] ?? '')
            const allowed = accepted[claim.kind].filter((v): v is number => v !== null)
            if (stated === undefined || allowed.length === 0 || allowed.includes(stated)) continue
            const [table, cell, cellEn] = cellNames[claim.kind]
            const place =
              start === undefined ? undefined : locate.range(start + match.index!, start + match.index! + match[0].length)
            emit(file, 'narrative-matches-table', { quote: match[0], table, cell, cellEn, expected: allowed[0]! }, place, {
              actual: String(stated),
              expected: allowed.map(String),
            })
          }
        }
      })
    }
  }
}

/**
 * Numbers in narrative text: `16 件`, `1,268 件`, `十五件`, `一百零三件`, `两件`,
 * `66.7%`, `1.25 万元`. A number counts only with a unit after it; the unit
 * says what kind of quantity it is (a count of cases, a count of web items
 * that no table holds, a percentage, money). Approximations (`300 余条`,
 * `约 100 件`) are marked so that nothing compares them.
 */

export type UnitKind =
  /** 件, 起, 宗 …: cases, decisions, applications. */
  | 'count'
  /** 条, 篇, 次, 人 …: items the tables never count. */
  | 'other'
  | 'percent'
  | 'money'

export interface NumberMention {
  /** Index range of the number itself (digits or Chinese numerals). */
  start: number
  end: number
  value: number
  /** Decimal places as written (for rounding a percentage). */
  decimals: number
  unit: string
  unitKind: UnitKind
  /** Index just past the unit. */
  unitEnd: number
  /** Written in Chinese numerals (十五). */
  chinese: boolean
  /** `余`, `多`, `约`, `左右`, `万` …: not an exact figure. */
  approximate: boolean
}

const COUNT_UNITS = ['件', '起', '宗', '个', '项', '份', '例']
const MONEY_UNITS = ['万元', '元']

/** Counts, money, percentages; every other unit (条, 篇, 次, 人, 年 …) is `other`. */
const UNIT = '(万元|元|人次|[件起宗个项份例条篇次名人家场期批天日年月%％])'
const DIGITS = String.raw`(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`
const CHINESE = '(?<![第每同某任逐单唯统其])([零〇一二两三四五六七八九十百千]+)'
const NUMBER = new RegExp(`(?:${DIGITS}|${CHINESE})(\\s*)(余|多|来)?(万(?!元))?\\s*${UNIT}`, 'g')
const APPROX_BEFORE = /(?:约|近|逾|超过|大约|将近|不到|不足|上百|上千|数)\s*$/
const APPROX_AFTER = /^\s*(?:左右|以上|上下|之多)/

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }

/** `十五` → 15, `一百零三` → 103, `两` → 2; `undefined` for what is not a number. */
export function parseChineseNumber(text: string): number | undefined {
  let total = 0
  let digit: number | undefined
  for (const ch of text) {
    if (ch in CHINESE_DIGITS) {
      if (digit !== undefined && CHINESE_DIGITS[ch] !== 0) return undefined // 一二: not a number
      digit = CHINESE_DIGITS[ch] === 0 ? undefined : CHINESE_DIGITS[ch]
    } else {
      const unit = CHINESE_UNITS[ch]!
      total += (digit ?? (unit === 10 ? 1 : 0)) * unit
      if (digit === undefined && unit !== 10) return undefined
      digit = undefined
    }
  }
  return total + (digit ?? 0)
}

/** Full-width digits and points read as ASCII, one UTF-16 unit each, so indexes do not move. */
export function foldDigits(text: string): string {
  return text.replace(/[０-９．％]/g, (c) => (c === '．' ? '.' : c === '％' ? '%' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
}

function unitKind(unit: string): UnitKind {
  if (unit === '%' || unit === '％') return 'percent'
  if (MONEY_UNITS.includes(unit)) return 'money'
  if (COUNT_UNITS.includes(unit)) return 'count'
  return 'other'
}

/** Every number with a unit in `text` (already `foldDigits`-ed). */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = []
  for (const m of text.matchAll(NUMBER)) {
    const [whole, digits, fraction, chinese, , approxWord, wan, unit] = m
    let value: number | undefined
    if (digits !== undefined) value = Number(digits.replace(/,/g, '') + (fraction ? `.${fraction}` : ''))
    else if (chinese !== undefined) value = parseChineseNumber(chinese)
    if (value === undefined || !Number.isFinite(value)) continue
    const start = m.index
    const numberText = digits !== undefined ? digits + (fraction ? `.${fraction}` : '') : chinese!
    const unitEnd = start + whole.length
    const before = text.slice(Math.max(0, start - 4), start)
    const after = text.slice(unitEnd, unitEnd + 4)
    out.push({
      start,
      end: start + numberText.length,
      value,
      decimals: fraction?.length ?? 0,
      unit: unit!,
      unitKind: unitKind(unit!),
      unitEnd,
      chinese: chinese !== undefined,
      approximate: approxWord !== undefined || wan !== undefined || APPROX_BEFORE.test(before) || APPROX_AFTER.test(after),
    })
  }
  return out
}

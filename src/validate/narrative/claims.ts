/**
 * Claims in a sentence: each number (with a count, percentage or money
 * unit) that the phrasings tie to a derived figure, and each statement of
 * none (「未收到政府信息公开申请」). A number is not a claim when the sentence
 * is about another year or part of the year, about other bodies (全县…系统,
 * 各街道), about another count (信访, the 12345 hotline), or when it is an
 * approximation.
 */
import { findNumbers, type NumberMention } from './numbers.js'
import { phrasings, zeroPhrasings, type Domain, type Phrasing } from './phrasings.js'
import { clauseEnd, clauseStart, type Span } from './sentences.js'

export interface Claim {
  /** Phrasing id (for tests and the corpus report). */
  phrasing: string
  /** Derived figure keys it may equal. */
  figures: string[]
  /** The value as written: a count, a percentage (66.7), or 万元. */
  stated: number
  /** Decimal places of a stated percentage. */
  decimals: number
  /** Text range of the claim: keyword through unit (or the statement of none). */
  start: number
  end: number
  /** The number as written, for `nianbao bind`; absent for a statement of none. */
  number?: NumberMention
  role?: Phrasing['role']
}

/** What a sentence says, read against the report's year. */
export interface SentenceContext {
  year: number
}

/** Between a keyword and its number: 共, 计, 为, 的 … */
const GAP = '(?:\\s|共计|合计|总计|累计|共|计|为|达到|达|了|的|有|已|均|都|各|是|：|:|数量|总数|总量|件数)*'
/** What may precede a bare object at the start of a clause. */
const PRE = '(?:\\s|本年度?|全年|年度内|今年|\\d{4}\\s*年度?|共有|共|累计|合计|总计|另有|有|其中)*'
const DISTRIBUTIVE = /[各均都]/
const CONJUNCTION = '(?:、|和|及|与|以及)'

const YEAR_TOKEN = /(\d{4})\s*年(?!\d)|(?<!结转(?:至|到)?|转入|转)(去年|前年|明年|来年|上一?年度?(?!结转|遗留)|下一?年度?|今年|本年度?)/g
const PARTIAL_PERIOD = /第[一二三四1-4]季度|[上下]半年|(?<![\d年])\d{1,2}\s*月(?:份)?(?!\s*\d{1,2}\s*[日号])|[一二三四五六七八九十]{1,2}月份/
const OTHER_BODIES = /全(?:市|县|区|省|国|州|盟|旗)(?!政府|人民政府)|各(?:街道|乡镇|镇|街|单位|部门|科室|医院|县|区|市|级)|(?:局属|下属|所属|直属|系统内)(?:各)?单位|全系统/
const TOPIC = /(申请|依申请公开)|(信访|热线|12345|诉求|来信|来电|来访|留言|人大代表|政协|建议|提案|咨询|投诉|举报|工单|信箱|网民)/g
const DOMAIN = /(行政复议|复议)|(行政诉讼|诉讼|起诉)|(规范性文件)|(规章)/g
const REVIEWING_BODY = /复议机关/
/** How far before a number its keyword and its year, topic and subject words are looked for: keeps a long run of text linear. */
const REACH = 80
const CONTEXT_REACH = 400

interface Compiled {
  def: Phrasing
  before?: RegExp
  after?: RegExp
  notAfter?: RegExp
}

const compiled: Compiled[] = phrasings.map((def) => {
  const c: Compiled = { def }
  if (def.before) c.before = new RegExp(def.clauseStart ? `^${PRE}(?:${def.before})${GAP}$` : `(?:${def.before})${GAP}$`)
  if (def.after) c.after = new RegExp(def.after)
  if (def.notAfter) c.notAfter = new RegExp(def.notAfter)
  return c
})
const zeroCompiled = zeroPhrasings.map((def) => ({ def, pattern: new RegExp(def.pattern, 'g') }))

/** The year a sentence speaks of just before `at`: the last year word, or `undefined`. */
function yearBefore(text: string, at: number, year: number): number | undefined {
  let found: number | undefined
  for (const m of text.slice(0, at).matchAll(YEAR_TOKEN)) {
    if (m[1]) found = Number(m[1])
    else {
      const word = m[2]!
      if (/^(?:今年|本年)/.test(word)) found = year
      else if (word === '前年') found = year - 2
      else if (/^(?:明年|来年|下)/.test(word)) found = year + 1
      else found = year - 1
    }
  }
  return found
}

function lastDomain(text: string): Domain | undefined {
  let found: Domain | undefined
  for (const m of text.matchAll(DOMAIN)) found = m[1] ? 'review' : m[2] ? 'lawsuit' : m[3] ? 'normative' : 'regulations'
  return found
}

/** `app`, `other` or undefined: what the sentence is about up to `at`. */
function topicBefore(text: string): 'app' | 'other' | undefined {
  let found: 'app' | 'other' | undefined
  for (const m of text.matchAll(TOPIC)) found = m[1] ? 'app' : 'other'
  return found
}

interface Reading {
  c: Compiled
  start: number
  figures: string[]
}

/** The phrasing that ties `n` to a figure, if any. */
function read(text: string, sentence: Span, n: NumberMention, context: SentenceContext): Reading | undefined {
  const from = Math.max(clauseStart(text, sentence, n.start), n.start - REACH)
  const prefix = text.slice(from, n.start)
  const rest = text.slice(n.unitEnd, sentence.end)
  let best: Reading | undefined
  for (const c of compiled) {
    const def = c.def
    if (def.unit !== n.unitKind) continue
    let start: number
    if (c.before) {
      const m = c.before.exec(prefix)
      if (!m) continue
      start = from + m.index
      if (def.yearOffset !== undefined && Number(m.groups?.year) !== context.year + def.yearOffset) continue
      if (c.notAfter?.test(text.slice(sentence.start, start))) continue
      if (c.after && !c.after.test(rest)) continue
    } else if (c.after) {
      // A number before its keyword: only when nothing but 其中/另有/尚有 precedes it in the clause.
      if (!/^(?:\s|其中|另有|尚有|还有|有|共|共有|全部|均)*$/.test(prefix) || !c.after.test(rest)) continue
      start = n.start
    } else continue
    let figures = def.figures ? [...def.figures] : []
    if (def.domain) {
      const domain = lastDomain(text.slice(Math.max(sentence.start, start - CONTEXT_REACH), start))
      figures = domain ? [...(def.domain[domain] ?? [])] : []
      if (figures.length === 0) continue
    }
    if (!best || start < best.start) best = { c, start, figures }
  }
  return best
}

/** Whether the claim at `start` is about this report's year, its whole year, the agency itself and the right count. */
function inScope(text: string, sentence: Span, start: number, numberStart: number, def: { requests?: boolean; needsTopic?: boolean }, context: SentenceContext): boolean {
  const from = Math.max(sentence.start, start - CONTEXT_REACH)
  const before = text.slice(from, start)
  const year = yearBefore(text.slice(from, numberStart), start - from, context.year)
  if (year !== undefined && year !== context.year) return false
  if (PARTIAL_PERIOD.test(before)) return false
  if (OTHER_BODIES.test(text.slice(clauseStart(text, sentence, start), start))) return false
  if (def.requests || def.needsTopic) {
    const topic = topicBefore(text.slice(from, numberStart))
    if (topic === 'other') return false
    if (def.needsTopic && topic !== 'app') return false
  }
  return true
}

/** The claims of one sentence of `text`. */
export function findClaims(text: string, sentence: Span, context: SentenceContext): Claim[] {
  const claims: Claim[] = []
  const body = text.slice(sentence.start, sentence.end)
  const reviewer = REVIEWING_BODY.test(body)
  const numbers = findNumbers(body).map((n) => ({ ...n, start: n.start + sentence.start, end: n.end + sentence.start, unitEnd: n.unitEnd + sentence.start }))
  for (const n of numbers) {
    if (n.approximate || n.unitKind === 'other') continue
    const reading = read(text, sentence, n, context)
    if (!reading) continue
    const def = reading.c.def
    if (reviewer && reading.figures.some((f) => f.startsWith('review'))) continue
    if (!inScope(text, sentence, reading.start, n.start, def, context)) continue
    let stated = n.value
    if (n.unitKind === 'money' && n.unit === '元') stated = n.value / 10000
    const claim: Claim = { phrasing: def.id, figures: reading.figures, stated, decimals: n.decimals, start: reading.start, end: n.unitEnd, number: n }
    if (def.role) claim.role = def.role
    // 「行政复议、行政诉讼各 2 件」: the same number for both; without 各/均 the number is their sum, not compared.
    const gap = text.slice(reading.start, n.start)
    const conjoined = conjoinedBefore(text, sentence, reading.start, n)
    if (conjoined && !DISTRIBUTIVE.test(gap)) continue
    claims.push(claim)
    if (conjoined) claims.push({ ...claim, phrasing: conjoined.def.id, figures: [...(conjoined.def.figures ?? [])], start: conjoined.start })
  }
  claims.push(...zeroClaims(text, sentence, context))
  claims.sort((a, b) => a.start - b.start)
  const refined = refine(text, claims)
  return [...refined, ...sumClaims(text, sentence, refined, numbers)].sort((a, b) => a.start - b.start)
}

/** A keyword joined to the one at `start` by 、/和/及 (「行政复议、行政诉讼各 2 件」). */
function conjoinedBefore(text: string, sentence: Span, start: number, n: NumberMention): { def: Phrasing; start: number } | undefined {
  const prefix = text.slice(Math.max(clauseStart(text, sentence, start), start - REACH), start)
  for (const c of compiled) {
    if (!c.def.before || c.def.clauseStart || c.def.domain || c.def.unit !== n.unitKind) continue
    const m = new RegExp(`(?:${c.def.before})${CONJUNCTION}$`).exec(prefix)
    if (m) return { def: c.def, start: start - prefix.length + m.index }
  }
  return undefined
}

function zeroClaims(text: string, sentence: Span, context: SentenceContext): Claim[] {
  const out: Claim[] = []
  const taken: Span[] = []
  const body = text.slice(sentence.start, sentence.end)
  for (const { def, pattern } of zeroCompiled) {
    pattern.lastIndex = 0
    for (const m of body.matchAll(pattern)) {
      const start = sentence.start + m.index
      const end = start + m[0].length
      if (taken.some((t) => start < t.end && end > t.start)) continue
      if (!inScope(text, sentence, start, start, def, context)) continue
      taken.push({ start, end })
      for (const figures of def.figures) out.push({ phrasing: def.id, figures: [...figures], stated: 0, decimals: 0, start, end })
    }
  }
  return out
}

/**
 * Totals that add 新收 and 结转: 「共受理申请 16 件（其中上年结转 1 件）」 is
 * 收到申请 (一 + 二); 「收到申请 15 件，上年结转 1 件」 is 本年新收; a bare
 * 「合计 16 件」 after both is 收到申请. Applicants are counted among new
 * applications only, so a sentence that also counts carried-over ones is not
 * compared by applicant.
 */
function refine(text: string, claims: Claim[]): Claim[] {
  const carried = claims.filter((c) => c.role === 'carried-over' && c.number)
  for (const claim of claims) {
    if (claim.role !== 'received' && claim.role !== 'handled-any') continue
    const after = carried.filter((c) => c.start > claim.end)
    const breakdown = after.some((c) => /其中|[（(]/.test(text.slice(claim.end, c.start)))
    if (breakdown) claim.figures = claim.figures.filter((f) => f !== 'received_new')
    else if (carried.length > 0) claim.figures = claim.figures.filter((f) => f !== 'received')
  }
  if (carried.length > 0) return claims.filter((c) => c.role !== 'applicant')
  return claims
}

/** 「合计 16 件」 after a 新收 and a 结转 claim in the same sentence: the total of both. */
function sumClaims(text: string, sentence: Span, claims: Claim[], numbers: NumberMention[]): Claim[] {
  const hasNew = claims.some((c) => c.role === 'received-new' || (c.role === 'received' && c.figures.includes('received_new')))
  const hasCarried = claims.some((c) => c.role === 'carried-over')
  if (!hasNew || !hasCarried) return []
  const out: Claim[] = []
  for (const n of numbers) {
    if (n.unitKind !== 'count' || n.approximate || claims.some((c) => c.number?.start === n.start)) continue
    const from = clauseStart(text, sentence, n.start)
    if (!/^\s*(?:合计|共计|总计|两项合计|共)\s*(?:为)?\s*$/.test(text.slice(from, n.start))) continue
    if (clauseEnd(text, sentence, n.unitEnd) !== n.unitEnd && /\S/.test(text.slice(n.unitEnd, clauseEnd(text, sentence, n.unitEnd)))) continue
    out.push({ phrasing: 'sum', figures: ['received'], stated: n.value, decimals: 0, start: from, end: n.unitEnd, number: n })
  }
  return out
}

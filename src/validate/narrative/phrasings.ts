/**
 * How reports say a table quantity, as data: which words before (or after)
 * a number make it which derived figure (src/formats/derived.ts, by key).
 * A keyword must reach the number through filler only (共, 计, 为, 的 …), so
 * 「受理信访事项 86 件」 is never read as applications and 「较上年增加 4 件」 as
 * nothing at all. Where several keywords reach a number, the one furthest
 * to the left wins: it governs the rest (「办结政府信息公开申请」 is 办结).
 */

export type Domain = 'review' | 'lawsuit' | 'normative' | 'regulations'

export interface Phrasing {
  id: string
  /** Derived figure keys the number is compared with; it agrees with any (bind writes the first that agrees). */
  figures?: readonly string[]
  /** Figures by the subject last named in the sentence (「行政复议 3 件，其中维持 1 件」). */
  domain?: Partial<Record<Domain, readonly string[]>>
  /** The unit the number must carry. */
  unit: 'count' | 'percent' | 'money'
  /** Words right before the number (filler allowed between). */
  before?: string
  /** Words right after the number's unit (「1 件结转下年度」); with `before`, both must match. */
  after?: string
  /** `before` must begin the clause (after time words): the bare 「政府信息公开申请 16 件」. */
  clauseStart?: boolean
  /** Only when the sentence is about applications (bare 「全年受理 16 件」). */
  needsTopic?: boolean
  /** A table-three figure: not read in a sentence about 信访, the 12345 hotline …. */
  requests?: boolean
  /** Not a claim when the text before the keyword ends like this (按时 办结, 受理 行政复议). */
  notAfter?: string
  /** A year written inside the keyword (`(?<year>2023)年结转`) must be the report year plus this. */
  yearOffset?: number
  /** How the sentence's other claims refine it (totals that add 新收 and 结转). */
  role?: 'received' | 'received-new' | 'carried-over' | 'handled-any' | 'applicant'
}

/** An application, as reports name it. */
const APP = '(?:政府信息公开|信息公开|依申请公开|公开)?(?:的)?申请(?:事项|件|书)?'
const OBJ = `(?:${APP}|依申请公开(?:事项|件|信息)?)`
const OBJ_OPT = `(?:${OBJ})?`
/** Who applies, as a whole: 「收到公民、法人和其他组织提出的申请」 is all applications, not 法人's. */
const APPLICANTS = '(?:公民、法人(?:和|或|及|或者)其他组织|社会公众|群众|申请人)?'
/** Timeliness: 「按时办结 15 件」 counts a part, not the table's 办结. */
const TIMELY = '(?:按时|按期|及时|限时|如期|当场|当日|法定期限内|规定期限内|期限内|时限内|延期|逾期|提前)\\s*$'
/** The agency as the reviewing body, or a court's work: not table four's count. */
const REVIEWER = '(?:受理|审理|审结|办理|办结|作出|处理)\\s*$'

export const phrasings: readonly Phrasing[] = [
  // — 表三: received —
  { id: 'received-new', figures: ['received_new'], unit: 'count', requests: true, role: 'received-new', before: `(?:本年度?)?新(?:收|增)(?:到)?(?:了)?(?:各类)?${OBJ_OPT}` },
  {
    id: 'received',
    figures: ['received', 'received_new'],
    unit: 'count',
    requests: true,
    role: 'received',
    before: `(?:收到|受理|接收|接到|登记)(?:了)?(?:各类|各种)?${APPLICANTS}(?:提出|提交)?(?:的)?${OBJ}`,
  },
  {
    id: 'received-then-object',
    figures: ['received', 'received_new'],
    unit: 'count',
    requests: true,
    role: 'received',
    before: '(?:收到|受理|接收|接到|新收)(?:了)?的',
    after: '^(?:政府信息公开|依申请公开)?(?:的)?申请',
  },
  { id: 'received-bare', figures: ['received', 'received_new'], unit: 'count', requests: true, role: 'received', needsTopic: true, before: '(?:收到|受理|接收|接到)(?:了)?' },
  { id: 'received-object', figures: ['received', 'received_new'], unit: 'count', requests: true, role: 'received', clauseStart: true, before: `(?:共有|有)?${OBJ}(?:数量|总数|总量)?` },
  // — carried over —
  {
    id: 'carried-over',
    figures: ['carried_over'],
    unit: 'count',
    requests: true,
    role: 'carried-over',
    before: `(?:上一?年度?|去年|前一年度?)(?:的)?(?:遗留|结转)(?:至本年度?|到本年度?|至今年|下来)?(?:的)?(?:${APP})?`,
  },
  {
    id: 'carried-over-year',
    figures: ['carried_over'],
    unit: 'count',
    requests: true,
    role: 'carried-over',
    yearOffset: -1,
    before: `(?<year>\\d{4})\\s*年度?(?:的)?结转(?:至本年度?|到本年度?|至今年)?(?:的)?(?:${APP})?`,
  },
  { id: 'carried-over-from', figures: ['carried_over'], unit: 'count', requests: true, role: 'carried-over', before: `结转上一?年度?(?:的)?(?:${APP})?` },
  { id: 'carried-over-after', figures: ['carried_over'], unit: 'count', requests: true, role: 'carried-over', after: '^(?:申请)?(?:为|系|属于|是)上一?年度?结转' },
  // — handled —
  { id: 'handled', figures: ['handled'], unit: 'count', requests: true, notAfter: TIMELY, before: `(?:办结|办理完毕|办理完成|处理完毕|处理完成)(?:了)?(?:的)?${OBJ_OPT}` },
  { id: 'answered', figures: ['handled'], unit: 'count', requests: true, notAfter: TIMELY, before: `(?:答复|回复)(?:了)?${OBJ_OPT}` },
  // 办理 is used for new applications, for all received and for all handled alike.
  { id: 'dealt-with', figures: ['handled', 'received', 'received_new'], unit: 'count', requests: true, role: 'handled-any', notAfter: TIMELY, before: `(?:办理|处理)(?:了)?(?:各类)?${OBJ}` },
  // — carried forward —
  {
    id: 'carried-forward',
    figures: ['carried_forward'],
    unit: 'count',
    requests: true,
    before: `(?:结转|转入|转)(?:至|到)?(?:下一?年度?|次年|明年)(?:继续)?(?:办理|处理|答复)?(?:的)?(?:${APP})?`,
  },
  {
    id: 'carried-forward-year',
    figures: ['carried_forward'],
    unit: 'count',
    requests: true,
    yearOffset: 1,
    before: `结转(?:至|到)?(?<year>\\d{4})\\s*年度?(?:继续)?(?:办理|处理|答复)?(?:的)?(?:${APP})?`,
  },
  { id: 'pending', figures: ['carried_forward'], unit: 'count', requests: true, before: `(?:正在办理|尚在办理|仍在办理|尚未办结|未办结|在办)(?:中)?(?:的)?(?:${APP})?` },
  {
    id: 'carried-forward-after',
    figures: ['carried_forward'],
    unit: 'count',
    requests: true,
    after: '^(?:申请)?(?:因[^。；;]{0,30}?)?[，,]?\\s*(?:将|已|需|拟)?(?:结转|转入|正在办理|尚在办理|仍在办理|尚未办结)',
  },
  // — results —
  { id: 'disclosed', figures: ['disclosed'], unit: 'count', requests: true, before: `(?:予以公开|全部公开|同意公开)(?:和|及|与|或|、|以及)部分公开(?:的)?(?:${APP})?` },
  { id: 'granted', figures: ['granted'], unit: 'count', requests: true, before: `(?<!不)(?:予以公开|同意公开|全部公开)(?:的)?(?:${APP})?` },
  { id: 'granted-after', figures: ['granted'], unit: 'count', requests: true, after: '^(?:申请)?(?:均|全部|都)?(?:已|被)?(?:予以公开|同意公开|全部公开)' },
  { id: 'partially-granted', figures: ['partially_granted'], unit: 'count', requests: true, before: `部分公开(?:的)?(?:${APP})?` },
  { id: 'refused', figures: ['refused'], unit: 'count', requests: true, before: `不予(?:以)?公开(?:的)?(?:${APP})?` },
  { id: 'unable', figures: ['unable'], unit: 'count', requests: true, before: `无法提供(?:的)?(?:${APP})?` },
  { id: 'not-processed', figures: ['not_processed'], unit: 'count', requests: true, before: `不予处理(?:的)?(?:${APP})?` },
  { id: 'other-handling', figures: ['other_handling'], unit: 'count', requests: true, before: `其他处理(?:的)?(?:${APP})?` },
  // — applicants —
  { id: 'natural', figures: ['received_natural'], unit: 'count', requests: true, role: 'applicant', before: `自然人(?:提出|提交)?(?:的)?(?:${APP})?` },
  {
    id: 'organisations',
    figures: ['received_organisations'],
    unit: 'count',
    requests: true,
    role: 'applicant',
    notAfter: '公民、\\s*$',
    before: `法人(?:或|和|及)?(?:其他组织)?(?:提出|提交)?(?:的)?(?:${APP})?`,
  },
  // — 表四 —
  {
    id: 'review',
    figures: ['review_total'],
    unit: 'count',
    notAfter: REVIEWER,
    before: '(?:被申请|被提起|申请|收到|发生|涉及|引起|产生|提起)?(?:政府信息公开)?(?:的)?行政复议(?:的)?(?:案件|申请|案)?',
  },
  { id: 'review-upheld', figures: ['review_upheld'], unit: 'count', before: '(?:行政)?复议(?:结果)?维持' },
  { id: 'review-corrected', figures: ['review_corrected'], unit: 'count', before: '(?:行政)?复议(?:结果)?(?:被)?(?:纠正|纠错)' },
  { id: 'review-pending', figures: ['review_pending'], unit: 'count', before: '(?:行政)?复议(?:尚未审结|未审结|正在审理)' },
  {
    id: 'lawsuit',
    figures: ['lawsuit_total'],
    unit: 'count',
    notAfter: '(?:受理|审理|审结)\\s*$',
    before: '(?:(?:被提起|被起诉|提起|发生|涉及|引起|产生)?(?:政府信息公开)?(?:的)?行政诉讼(?:案件|案)?|被(?:提起|起诉)(?:诉讼)?|应诉(?:案件)?)',
  },
  { id: 'lawsuit-upheld', figures: ['lawsuit_upheld'], unit: 'count', before: '(?:行政)?诉讼(?:结果)?维持' },
  { id: 'lawsuit-corrected', figures: ['lawsuit_corrected'], unit: 'count', before: '(?:行政)?诉讼(?:结果)?(?:被)?(?:纠正|纠错)' },
  { id: 'upheld', domain: { review: ['review_upheld'], lawsuit: ['lawsuit_upheld'] }, unit: 'count', before: '(?:结果|判决|决定)?(?:均)?维持(?:原(?:处理)?决定)?' },
  { id: 'upheld-after', domain: { review: ['review_upheld'], lawsuit: ['lawsuit_upheld'] }, unit: 'count', after: '^(?:判决|结果|决定)?(?:均)?维持' },
  { id: 'corrected', domain: { review: ['review_corrected'], lawsuit: ['lawsuit_corrected'] }, unit: 'count', before: '(?:结果)?(?:被)?(?:纠正|纠错)' },
  { id: 'corrected-after', domain: { review: ['review_corrected'], lawsuit: ['lawsuit_corrected'] }, unit: 'count', after: '^(?:结果)?(?:被)?(?:纠正|纠错)' },
  { id: 'appeal-pending', domain: { review: ['review_pending'], lawsuit: ['lawsuit_pending'] }, unit: 'count', before: '(?:尚未审结|未审结|尚在审理中?|正在审理中?|审理中)' },
  { id: 'appeal-pending-after', domain: { review: ['review_pending'], lawsuit: ['lawsuit_pending'] }, unit: 'count', after: '^(?:尚未审结|尚在审理|正在审理)' },
  { id: 'appeal-on-disclosure', domain: { review: ['review_total'], lawsuit: ['lawsuit_total'] }, unit: 'count', before: '涉及政府信息公开(?:工作)?(?:的)?(?:案件)?' },
  // — rates —
  { id: 'disclosure-rate', figures: ['disclosure_rate'], unit: 'percent', requests: true, before: '(?:(?:实质)?公开率|(?:予以公开|全部公开)(?:和|及|与|、)部分公开(?:的)?(?:比例|比率|占比))' },
  { id: 'granted-rate', figures: ['granted_rate'], unit: 'percent', requests: true, before: '(?<!不)予以公开率' },
  { id: 'refusal-rate', figures: ['refusal_rate'], unit: 'percent', requests: true, before: '不予(?:以)?公开率' },
  { id: 'unable-rate', figures: ['unable_rate'], unit: 'percent', requests: true, before: '无法提供率' },
  { id: 'other-handling-rate', figures: ['other_handling_rate'], unit: 'percent', requests: true, before: '其他处理率' },
  { id: 'completion-rate', figures: ['completion_rate'], unit: 'percent', requests: true, notAfter: TIMELY, before: '办结率' },
  { id: 'review-correction-rate', figures: ['review_correction_rate'], unit: 'percent', before: '(?:行政)?复议纠错率' },
  { id: 'lawsuit-correction-rate', figures: ['lawsuit_correction_rate'], unit: 'percent', before: '(?:行政)?诉讼纠错率' },
  // — 表二 —
  { id: 'licensing', figures: ['licensing'], unit: 'count', notAfter: '受理\\s*$', before: '(?:作出|办理|办结|实施|审批|核发)?(?:的)?行政许可(?:处理)?(?:决定|事项|审批)?' },
  { id: 'penalty', figures: ['penalty'], unit: 'count', before: '(?:作出|办理|实施|办结)?(?:的)?行政处罚(?:处理)?(?:决定|案件)?' },
  { id: 'coercion', figures: ['coercion'], unit: 'count', before: '(?:作出|实施|采取)?(?:的)?行政强制(?:处理)?(?:决定|措施)?' },
  { id: 'normative-issued', figures: ['normative_issued'], unit: 'count', before: '(?:制发|制定|印发|出台|发布)(?:了)?(?:行政)?规范性文件' },
  { id: 'normative-repealed', figures: ['normative_repealed'], unit: 'count', before: '(?:废止|清理废止)(?:了)?(?:行政)?规范性文件' },
  { id: 'normative-in-force', figures: ['normative_in_force'], unit: 'count', before: '现行有效(?:的)?(?:行政)?规范性文件' },
  { id: 'regulations-issued', figures: ['regulations_issued'], unit: 'count', before: '(?:制发|制定|出台)(?:了)?规章' },
  { id: 'regulations-in-force', figures: ['regulations_in_force'], unit: 'count', before: '现行有效(?:的)?规章' },
  { id: 'documents-issued', domain: { normative: ['normative_issued'], regulations: ['regulations_issued'] }, unit: 'count', before: '(?:制发|印发|出台)' },
  { id: 'documents-repealed', domain: { normative: ['normative_repealed'] }, unit: 'count', before: '废止' },
  { id: 'documents-in-force', domain: { normative: ['normative_in_force'], regulations: ['regulations_in_force'] }, unit: 'count', before: '现行有效' },
  { id: 'fee-amount', figures: ['fee_amount'], unit: 'money', before: '(?:(?:收取)?(?:的)?行政事业性收费(?:金额|总额)?|(?:本年)?收费金额)' },
]

/** Statements of none, without a number: 「未收到政府信息公开申请」, 「未发生行政复议和行政诉讼」. */
export interface ZeroPhrasing {
  id: string
  figures: readonly (readonly string[])[]
  pattern: string
  requests?: boolean
}

const NOT = '(?:未|没有|无|未曾)(?!论|需|法|关)'

export const zeroPhrasings: readonly ZeroPhrasing[] = [
  { id: 'no-applications', figures: [['received', 'received_new']], requests: true, pattern: `${NOT}(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?:政府信息公开|依申请公开|信息公开)(?:的)?(?:申请|事项|信息)|${NOT}(?:收到|受理|接到|接收)(?:过)?(?:任何)?申请|(?:无|没有)(?:政府信息公开|依申请公开)(?:的)?申请|零申请` },
  { id: 'no-carried-over', figures: [['carried_over']], requests: true, pattern: '(?:上一?年度?|去年)(?:无|没有)(?:结转|遗留)|(?:无|没有)(?:上一?年度?|去年)(?:结转|遗留)' },
  { id: 'no-carried-forward', figures: [['carried_forward']], requests: true, pattern: '(?:无|没有|未有)(?:结转|转入)(?:至|到)?(?:下一?年度?|次年)?' },
  { id: 'no-refusals', figures: [['refused']], requests: true, pattern: '(?:无|没有|未作出|未出现|未有)不予(?:以)?公开' },
  { id: 'no-appeals', figures: [['review_total'], ['lawsuit_total']], pattern: `${NOT}[^，。；,;、]{0,16}?行政复议(?:[、和及与或]|以及)[^，。；,;]{0,6}?(?:行政)?诉讼` },
  { id: 'no-review', figures: [['review_total']], pattern: `${NOT}[^，。；,;、]{0,16}?行政复议` },
  { id: 'no-lawsuit', figures: [['lawsuit_total']], pattern: `${NOT}[^，。；,;、]{0,16}?(?:行政诉讼|被(?:提起|起诉))` },
  { id: 'no-normative', figures: [['normative_issued']], pattern: '未(?:制发|制定|出台|印发)(?:任何)?(?:行政)?规范性文件' },
  { id: 'no-regulations', figures: [['regulations_issued']], pattern: '未(?:制发|制定|出台)(?:任何)?规章' },
]

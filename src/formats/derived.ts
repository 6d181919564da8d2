/**
 * Derived figures (收到申请, 办结, 实质公开率 …) as data: each is a sum of
 * table cells or a ratio of such sums, written once here and shared by
 * every format. The narrative references, the comparison pages and the
 * roll-up all evaluate these definitions (src/source/derived.ts); none of
 * them spells a formula of its own.
 *
 * A cell term names a row by path *prefix*, so 「三（六）其他处理」 is the
 * single row `other` in gb-2019 and the three rows `other.*` in gb-2021,
 * and one definition serves both.
 */
import type { DerivedDef, DerivedTerm } from './types.js'

const t3 = (rows: string[], column = 'total'): DerivedTerm => ({ table: 'requests', rows, column })
const t4 = (rows: string[], column: string): DerivedTerm => ({ table: 'appeals', rows, column })
const t2 = (rows: string[], column: string): DerivedTerm => ({ table: 'active', rows, column })
const lawsuits = (column: string): DerivedTerm[] => [t4(['lawsuit_direct'], column), t4(['lawsuit_after_review'], column)]

/** Every derived figure, in the order pages list them. Keys and names are permanent. */
export const derivedFigures: readonly DerivedDef[] = [
  // — 表三: applications —
  { key: 'received_new', name: '本年新收', aliases: ['新收申请', '本年新收申请'], kind: 'count', description: '本年新收政府信息公开申请数量', sum: [t3(['received'])] },
  {
    key: 'received_natural',
    name: '自然人申请',
    aliases: ['自然人新收申请'],
    kind: 'count',
    description: '本年新收申请中自然人提出的（表三 一 自然人）',
    sum: [t3(['received'], 'natural')],
  },
  {
    key: 'received_organisations',
    name: '法人或其他组织申请',
    aliases: ['法人和其他组织申请', '法人申请'],
    kind: 'count',
    description: '本年新收申请中法人或其他组织提出的（表三 一 商业企业至其他五列之和）',
    sum: ['commercial', 'research', 'nonprofit', 'legal', 'other'].map((column) => t3(['received'], column)),
  },
  { key: 'carried_over', name: '上年结转', aliases: ['上年结转申请'], kind: 'count', description: '上年结转政府信息公开申请数量', sum: [t3(['carried_over'])] },
  {
    key: 'received',
    name: '收到申请',
    aliases: ['申请总数', '收到申请总数', '受理申请'],
    kind: 'count',
    description: '本年新收与上年结转的申请之和（表三 一 + 二）',
    sum: [t3(['received']), t3(['carried_over'])],
  },
  { key: 'handled', name: '办结', aliases: ['办结申请', '办理结果总计', '本年度办理'], kind: 'count', description: '本年度办理结果总计（表三 三（七））', sum: [t3(['total'])] },
  { key: 'carried_forward', name: '结转下年度', aliases: ['结转下年', '结转下年度继续办理'], kind: 'count', description: '结转下年度继续办理的申请', sum: [t3(['carried_forward'])] },
  { key: 'granted', name: '予以公开', kind: 'count', description: '办理结果为予以公开的申请', sum: [t3(['granted'])] },
  { key: 'partially_granted', name: '部分公开', kind: 'count', description: '办理结果为部分公开的申请', sum: [t3(['partially_granted'])] },
  {
    key: 'disclosed',
    name: '实质公开',
    aliases: ['予以公开和部分公开', '予以公开及部分公开'],
    kind: 'count',
    description: '予以公开与部分公开之和',
    sum: [t3(['granted']), t3(['partially_granted'])],
  },
  { key: 'refused', name: '不予公开', kind: 'count', description: '三（三）不予公开各项之和', sum: [t3(['refused'])] },
  { key: 'unable', name: '无法提供', kind: 'count', description: '三（四）无法提供各项之和', sum: [t3(['unable'])] },
  { key: 'not_processed', name: '不予处理', kind: 'count', description: '三（五）不予处理各项之和', sum: [t3(['not_processed'])] },
  { key: 'other_handling', name: '其他处理', kind: 'count', description: '三（六）其他处理（各项之和）', sum: [t3(['other'])] },
  // — 表四: reviews and lawsuits —
  { key: 'review_total', name: '行政复议总数', kind: 'count', description: '行政复议总计', sum: [t4(['review'], 'total')] },
  { key: 'review_upheld', name: '行政复议维持', aliases: ['复议维持'], kind: 'count', description: '行政复议结果维持', sum: [t4(['review'], 'upheld')] },
  { key: 'review_corrected', name: '行政复议纠正', aliases: ['复议纠正'], kind: 'count', description: '行政复议结果纠正', sum: [t4(['review'], 'corrected')] },
  { key: 'review_pending', name: '行政复议尚未审结', aliases: ['复议尚未审结'], kind: 'count', description: '行政复议尚未审结', sum: [t4(['review'], 'pending')] },
  { key: 'lawsuit_total', name: '行政诉讼总数', kind: 'count', description: '未经复议直接起诉与复议后起诉的总计之和', sum: lawsuits('total') },
  { key: 'lawsuit_upheld', name: '行政诉讼维持', aliases: ['诉讼维持'], kind: 'count', description: '行政诉讼结果维持（两类起诉之和）', sum: lawsuits('upheld') },
  { key: 'lawsuit_corrected', name: '行政诉讼纠正', aliases: ['诉讼纠正'], kind: 'count', description: '行政诉讼结果纠正（两类起诉之和）', sum: lawsuits('corrected') },
  { key: 'lawsuit_pending', name: '行政诉讼尚未审结', aliases: ['诉讼尚未审结'], kind: 'count', description: '行政诉讼尚未审结（两类起诉之和）', sum: lawsuits('pending') },
  // — 表二: active disclosure (both formats have a 处理决定数量 column named `decisions`) —
  // The document counts use gb-2021's columns (本年制发/废止/现行有效); gb-2019 counts differently and has none of them.
  { key: 'regulations_issued', name: '制发规章', aliases: ['规章制发', '本年制发规章'], kind: 'count', description: '本年制发规章件数', sum: [t2(['regulations'], 'issued')] },
  { key: 'regulations_in_force', name: '现行有效规章', kind: 'count', description: '现行有效规章件数', sum: [t2(['regulations'], 'in_force')] },
  {
    key: 'normative_issued',
    name: '制发规范性文件',
    aliases: ['规范性文件制发', '本年制发规范性文件', '制发行政规范性文件'],
    kind: 'count',
    description: '本年制发行政规范性文件件数',
    sum: [t2(['normative_documents'], 'issued')],
  },
  {
    key: 'normative_repealed',
    name: '废止规范性文件',
    aliases: ['规范性文件废止', '本年废止规范性文件', '废止行政规范性文件'],
    kind: 'count',
    description: '本年废止行政规范性文件件数',
    sum: [t2(['normative_documents'], 'repealed')],
  },
  {
    key: 'normative_in_force',
    name: '现行有效规范性文件',
    aliases: ['现行有效行政规范性文件'],
    kind: 'count',
    description: '现行有效行政规范性文件件数',
    sum: [t2(['normative_documents'], 'in_force')],
  },
  { key: 'licensing', name: '行政许可', aliases: ['行政许可决定'], kind: 'count', description: '行政许可处理决定数量', sum: [t2(['licensing'], 'decisions')] },
  { key: 'penalty', name: '行政处罚', aliases: ['行政处罚决定'], kind: 'count', description: '行政处罚处理决定数量', sum: [t2(['penalty'], 'decisions')] },
  { key: 'coercion', name: '行政强制', aliases: ['行政强制决定'], kind: 'count', description: '行政强制处理决定数量', sum: [t2(['coercion'], 'decisions')] },
  { key: 'fee_amount', name: '行政事业性收费金额', aliases: ['收费金额'], kind: 'amount', description: '行政事业性收费本年收费金额（万元；gb-2019 表二无此项）', sum: [t2(['fees'], 'amount')] },
  // — rates: ratios of the counts above —
  {
    key: 'disclosure_rate',
    name: '实质公开率',
    aliases: ['公开率'],
    kind: 'rate',
    description: '予以公开与部分公开占办结申请的比例',
    ratio: { numerator: ['disclosed'], denominator: ['handled'] },
  },
  { key: 'granted_rate', name: '予以公开率', kind: 'rate', description: '予以公开占办结申请的比例', ratio: { numerator: ['granted'], denominator: ['handled'] } },
  { key: 'refusal_rate', name: '不予公开率', kind: 'rate', description: '不予公开占办结申请的比例', ratio: { numerator: ['refused'], denominator: ['handled'] } },
  { key: 'unable_rate', name: '无法提供率', kind: 'rate', description: '无法提供占办结申请的比例', ratio: { numerator: ['unable'], denominator: ['handled'] } },
  {
    key: 'other_handling_rate',
    name: '其他处理率',
    kind: 'rate',
    description: '其他处理占办结申请的比例（国办公开办函〔2019〕60号要求主管部门关注“其他处理”偏高的机关）',
    ratio: { numerator: ['other_handling'], denominator: ['handled'] },
  },
  {
    key: 'completion_rate',
    name: '办结率',
    kind: 'rate',
    description: '办结申请占收到申请（新收与上年结转）的比例',
    ratio: { numerator: ['handled'], denominator: ['received'] },
  },
  {
    key: 'review_correction_rate',
    name: '行政复议纠错率',
    aliases: ['复议纠错率'],
    kind: 'rate',
    description: '行政复议结果纠正占已审结复议案件（总计减尚未审结）的比例',
    ratio: { numerator: ['review_corrected'], denominator: ['review_total'], subtract: ['review_pending'] },
  },
  {
    key: 'lawsuit_correction_rate',
    name: '行政诉讼纠错率',
    aliases: ['诉讼纠错率'],
    kind: 'rate',
    description: '行政诉讼结果纠正占已审结诉讼案件（总计减尚未审结）的比例',
    ratio: { numerator: ['lawsuit_corrected'], denominator: ['lawsuit_total'], subtract: ['lawsuit_pending'] },
  },
]

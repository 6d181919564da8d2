/**
 * Parts that 国办公开办函〔2019〕60号 and 〔2021〕30号 share word for word:
 * meta fields, the six sections, the columns and rows 一–三（五） of table 3,
 * and table 4. Each format module assembles its definition from these.
 */
import type { BlockDef, CarryDef, ColumnDef, FormatId, HeaderNode, MetaFieldDef, PublicationDeadlines, RowDef, RuleDef, SectionDef, TableDef } from './types.js'

export const levels = ['national', 'province', 'city', 'county', 'township'] as const

export const metaFields: MetaFieldDef[] = [
  { key: 'format', label: '报告格式', required: false, type: 'enum', values: ['gb-2021', 'gb-2019'] },
  { key: 'agency', label: '机关名称', required: true, type: 'string' },
  { key: 'year', label: '报告年度', required: true, type: 'integer' },
  { key: 'published', label: '发布日期', required: false, type: 'date' },
  {
    key: 'level',
    label: '行政层级',
    required: false,
    type: 'enum',
    values: levels,
    valueLabels: { national: '国家级', province: '省级', city: '市级', county: '县级', township: '乡镇级' },
  },
  { key: 'region', label: '所在地区', required: false, type: 'string' },
  { key: 'index_no', label: '索引号', required: false, type: 'string' },
]

/**
 * 「二、报告方式及时间」, the same in both notices: departments publish by 1月31日 of the next
 * year; the 主管部门 publish the 本级政府 report by 3月31日.
 */
export const publication: PublicationDeadlines = { deadline: { month: 1, day: 31 }, latest: { month: 3, day: 31 } }

/** Guidance on section 四, word for word the same in both formats. */
export const appealsGuidance =
  '行政复议机关作为共同被告的行政诉讼案件，只计算原行为主体的案件数量，不计算行政复议机关的案件数量。'

/** Guidance on section 五, word for word the same in both formats. */
export const problemsGuidance =
  '重在实事求是、明确具体，避免笼统模糊、泛泛而谈。查找问题要有针对性，改进举措要有实效性，不得出现敷衍了事甚至年年雷同现象。'

/** The six sections; `guidance` quotes the format's 「一、报告内容」 on each, in order 一 to 六. */
export function sections(sixNote: string, guidance: readonly string[] = []): SectionDef[] {
  const list: SectionDef[] = [
    { number: 1, numeral: '一', title: '总体情况', aliases: [], requiresText: true, note: '（文字描述）' },
    {
      number: 2,
      numeral: '二',
      title: '主动公开政府信息情况',
      aliases: ['行政机关主动公开政府信息情况'],
      requiresText: false,
      table: 'active',
    },
    {
      number: 3,
      numeral: '三',
      title: '收到和处理政府信息公开申请情况',
      aliases: ['行政机关收到和处理政府信息公开申请情况'],
      requiresText: false,
      table: 'requests',
    },
    {
      number: 4,
      numeral: '四',
      title: '政府信息公开行政复议、行政诉讼情况',
      aliases: [
        '政府信息公开行政复议和行政诉讼情况',
        '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
        '行政复议、行政诉讼情况',
      ],
      requiresText: false,
      table: 'appeals',
    },
    {
      number: 5,
      numeral: '五',
      title: '存在的主要问题及改进情况',
      aliases: ['政府信息公开工作存在的主要问题及改进情况', '存在的主要问题和改进情况'],
      requiresText: true,
      note: '（文字描述）',
    },
    { number: 6, numeral: '六', title: '其他需要报告的事项', aliases: [], requiresText: true, note: sixNote },
  ]
  return list.map((section, i) => (guidance[i] ? { ...section, guidance: guidance[i] } : section))
}

/** The applicant columns of table 3, in official order. */
export const applicantColumns: ColumnDef[] = [
  { key: 'natural', label: '自然人', valueType: 'count' },
  { key: 'commercial', label: '商业企业', valueType: 'count' },
  { key: 'research', label: '科研机构', valueType: 'count' },
  { key: 'nonprofit', label: '社会公益组织', valueType: 'count' },
  { key: 'legal', label: '法律服务机构', valueType: 'count' },
  { key: 'other', label: '其他', valueType: 'count' },
  { key: 'total', label: '总计', valueType: 'count', total: true },
]

const applicantHeader: HeaderNode[] = [
  {
    label: '申请人情况',
    children: [
      { label: '自然人', column: 'natural' },
      {
        label: '法人或其他组织',
        children: [
          { label: '商业企业', column: 'commercial' },
          { label: '科研机构', column: 'research' },
          { label: '社会公益组织', column: 'nonprofit' },
          { label: '法律服务机构', column: 'legal' },
          { label: '其他', column: 'other' },
        ],
      },
      { label: '总计', column: 'total' },
    ],
  },
]

const RESULTS = '三、本年度办理结果'

/** Rows 一 to 三（五）: identical in both formats. */
const requestRowsHead: RowDef[] = [
  {
    path: ['received'],
    code: '一',
    label: '一、本年新收政府信息公开申请数量',
    groups: [],
    aliases: ['本年新收申请数量', '本年新收政府信息公开申请'],
  },
  {
    path: ['carried_over'],
    code: '二',
    label: '二、上年结转政府信息公开申请数量',
    groups: [],
    aliases: ['上年结转申请数量', '上年结转政府信息公开申请'],
  },
  { path: ['granted'], code: '三（一）', label: '（一）予以公开', groups: [RESULTS] },
  {
    path: ['partially_granted'],
    code: '三（二）',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    groups: [RESULTS],
    aliases: ['（二）部分公开'],
  },
  ...group('三（三）', '（三）不予公开', ['refused'], [
    ['state_secret', '1.属于国家秘密'],
    ['prohibited_by_law', '2.其他法律行政法规禁止公开'],
    ['security_stability', '3.危及“三安全一稳定”'],
    ['third_party_rights', '4.保护第三方合法权益'],
    ['internal_affairs', '5.属于三类内部事务信息'],
    ['process_information', '6.属于四类过程性信息'],
    ['enforcement_files', '7.属于行政执法案卷'],
    ['administrative_query', '8.属于行政查询事项'],
  ]),
  ...group('三（四）', '（四）无法提供', ['unable'], [
    ['not_held', '1.本机关不掌握相关政府信息'],
    ['needs_creation', '2.没有现成信息需要另行制作'],
    ['still_unclear', '3.补正后申请内容仍不明确'],
  ]),
  ...group('三（五）', '（五）不予处理', ['not_processed'], [
    ['petition', '1.信访举报投诉类申请'],
    ['duplicate', '2.重复申请'],
    ['publication', '3.要求提供公开出版物'],
    ['excessive', '4.无正当理由大量反复申请'],
    ['confirm_or_reissue', '5.要求行政机关确认或重新出具已获取信息'],
  ]),
]

/** Rows of a （三）–（六） group: numbered sub-rows under a group label. */
export function group(code: string, label: string, path: string[], items: [string, string][]): RowDef[] {
  return items.map(([key, itemLabel]) => ({
    path: [...path, key],
    code: `${code}${itemLabel.slice(0, itemLabel.indexOf('.'))}`,
    label: itemLabel,
    groups: [RESULTS, label],
  }))
}

const requestRowsTail: RowDef[] = [
  { path: ['total'], code: '三（七）', label: '（七）总计', groups: [RESULTS], total: true },
  {
    path: ['carried_forward'],
    code: '四',
    label: '四、结转下年度继续办理',
    groups: [],
    aliases: ['结转下年度继续办理'],
  },
]

export const balanceNote = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'

/** Table 3 from the format's own （六）其他处理 rows. */
export function requestsTable(otherRows: RowDef[]): TableDef {
  const rows = [...requestRowsHead, ...otherRows, ...requestRowsTail]
  const block: BlockDef = {
    id: 'requests',
    corner: balanceNote,
    labelColumns: 3,
    layout: 'rows',
    shape: 'list',
    columns: applicantColumns,
    header: applicantHeader,
    rows,
  }
  return { key: 'requests', section: 3, name: '表三', caption: '收到和处理政府信息公开申请情况', blocks: [block] }
}

/** R1–R3 of table 3 as data. */
export function requestsRules(table: TableDef): RuleDef[] {
  const rows = table.blocks[0]!.rows
  const results = rows.filter((row) => row.groups[0] === RESULTS && !row.total).map((row) => row.path)
  return [
    {
      kind: 'row-balance',
      id: 'requests-balance',
      table: 'requests',
      block: 'requests',
      left: [['received'], ['carried_over']],
      right: [['total'], ['carried_forward']],
    },
    { kind: 'row-sum', id: 'total-row-equals-sum', table: 'requests', block: 'requests', target: ['total'], terms: results },
    {
      kind: 'column-sum',
      id: 'total-column-equals-sum',
      table: 'requests',
      block: 'requests',
      target: 'total',
      terms: applicantColumns.filter((c) => !c.total).map((c) => c.key),
    },
  ]
}

const outcomeColumns: ColumnDef[] = [
  { key: 'upheld', label: '结果维持', valueType: 'count' },
  { key: 'corrected', label: '结果纠正', valueType: 'count' },
  { key: 'other', label: '其他结果', valueType: 'count' },
  { key: 'pending', label: '尚未审结', valueType: 'count' },
  { key: 'total', label: '总计', valueType: 'count', total: true },
]

function outcomeLeaves(row: string): HeaderNode[] {
  return outcomeColumns.map((c) => ({ label: c.label, column: c.key, row }))
}

/** Table 4: three rows of five outcomes, printed side by side on one line. */
export const appealsTable: TableDef = {
  key: 'appeals',
  section: 4,
  name: '表四',
  caption: '政府信息公开行政复议、行政诉讼情况',
  blocks: [
    {
      id: 'appeals',
      labelColumns: 0,
      layout: 'inline',
      shape: 'list',
      columns: outcomeColumns,
      header: [
        { label: '行政复议', children: outcomeLeaves('review') },
        {
          label: '行政诉讼',
          children: [
            { label: '未经复议直接起诉', children: outcomeLeaves('lawsuit_direct') },
            { label: '复议后起诉', children: outcomeLeaves('lawsuit_after_review') },
          ],
        },
      ],
      rows: [
        { path: ['review'], code: '行政复议', label: '行政复议', groups: [] },
        { path: ['lawsuit_direct'], code: '行政诉讼·未经复议直接起诉', label: '未经复议直接起诉', groups: ['行政诉讼'] },
        { path: ['lawsuit_after_review'], code: '行政诉讼·复议后起诉', label: '复议后起诉', groups: ['行政诉讼'] },
      ],
    },
  ],
}

export const appealsRules: RuleDef[] = [
  {
    kind: 'column-sum',
    id: 'total-column-equals-sum',
    table: 'appeals',
    block: 'appeals',
    target: 'total',
    terms: outcomeColumns.filter((c) => !c.total).map((c) => c.key),
  },
]

/** A block of table 2 with one flat header row (信息内容 | columns…). */
export function activeBlock(
  id: string,
  heading: string,
  shape: 'map' | 'scalar',
  columns: ColumnDef[],
  rows: [string, string, string?][],
): BlockDef {
  return {
    id,
    heading,
    rowHeader: '信息内容',
    labelColumns: 1,
    layout: 'rows',
    shape,
    columns,
    header: columns.map((c) => ({ label: c.unit ? `${c.label}（单位：${c.unit}）` : c.label, column: c.key })),
    rows: rows.map(([key, label, alias]) => ({
      path: [key],
      code: `${heading}·${label}`,
      label,
      groups: [],
      ...(alias ? { aliases: [alias] } : {}),
    })),
  }
}

/** 二、上年结转 starts, column by column, from last year's 四、结转下年度继续办理 (same columns in both formats). */
export function carriedOverRequests(from: FormatId[]): CarryDef[] {
  return applicantColumns
    .filter((c) => !c.total)
    .map((c) => ({
      to: { table: 'requests', row: ['carried_over'], column: c.key },
      from: Object.fromEntries(from.map((id) => [id, [{ table: 'requests', row: ['carried_forward'], column: c.key }]])),
    }))
}

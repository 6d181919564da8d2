/**
 * 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号:
 * reports on 2019 and 2020.
 */
import {
  activeBlock,
  appealsGuidance,
  appealsRules,
  appealsTable,
  carriedOverRequests,
  metaFields,
  problemsGuidance,
  publication,
  requestsRules,
  requestsTable,
  sections,
} from './common.js'
import { derivedFigures } from './derived.js'
import type { CarryDef, ColumnDef, FormatDefinition, TableDef } from './types.js'

const documentColumns: ColumnDef[] = [
  { key: 'produced', label: '本年新制作数量', valueType: 'count' },
  { key: 'published', label: '本年新公开数量', valueType: 'count' },
  { key: 'total_published', label: '对外公开总数量', valueType: 'count' },
]

const itemColumns: ColumnDef[] = [
  { key: 'last_year', label: '上一年项目数量', valueType: 'count' },
  { key: 'change', label: '本年增/减', valueType: 'signed-count', aliases: ['本年增减'] },
]

const decisionColumns: ColumnDef[] = [
  ...itemColumns,
  { key: 'decisions', label: '处理决定数量', valueType: 'count' },
]

const activeTable: TableDef = {
  key: 'active',
  section: 2,
  name: '表二',
  caption: '主动公开政府信息情况',
  blocks: [
    activeBlock('article-20-1', '第二十条第（一）项', 'map', documentColumns, [
      ['regulations', '规章'],
      ['normative_documents', '规范性文件', '行政规范性文件'],
    ]),
    activeBlock('article-20-5', '第二十条第（五）项', 'map', decisionColumns, [
      ['licensing', '行政许可'],
      ['other_services', '其他对外管理服务事项'],
    ]),
    activeBlock('article-20-6', '第二十条第（六）项', 'map', decisionColumns, [
      ['penalty', '行政处罚'],
      ['coercion', '行政强制'],
    ]),
    activeBlock('article-20-8', '第二十条第（八）项', 'map', itemColumns, [['fees', '行政事业性收费']]),
    activeBlock(
      'article-20-9',
      '第二十条第（九）项',
      'map',
      [
        { key: 'projects', label: '采购项目数量', valueType: 'count' },
        { key: 'amount', label: '采购总金额', valueType: 'amount' },
      ],
      [['procurement', '政府集中采购']],
    ),
  ],
}

const requests = requestsTable([
  { path: ['other'], code: '三（六）', label: '（六）其他处理', groups: ['三、本年度办理结果'] },
])

/** 「一、报告内容」 on each section, quoted from the notice (sections 一 to 六). */
const guidance = [
  '主要报告本机关上一年度政府信息公开工作总体情况，重在聚焦主题主线…主要包括主动公开、依申请公开、政府信息管理、平台建设、监督保障…',
  '…包括（一）（五）（六）（八）（九）共五项。其他法定主动公开内容的公开情况，在“总体情况”部分综合体现。要突出重点，注重用数据反映情况…进一步反映本机关制发文件、开展行政执法活动等重要工作开展情况',
  '一是申请人的类别；二是政府信息公开申请的最终处理结果。行政机关处理政府信息公开申请的情况中，设置了“其他处理”项目，主要是考虑新旧条例执行衔接以及极少数特殊情况。原则上，所有的政府信息公开申请，都应当按照法定的处理方式做出处理。各政府信息公开工作主管部门要高度关注这一项目的数据，对“其他处理”数量偏高的行政机关，要了解情况，及时发现并解决相关问题。',
  appealsGuidance,
  problemsGuidance,
  '这一项主要报告本机关认为需要报告的其他事项，以及其他有关文件专门要求通过政府信息公开工作年度报告予以报告的事项。',
]

/** 对外公开总数量 runs on from last year's; 上一年项目数量 is last year's 上一年项目数量 plus its 本年增/减. */
const carry: CarryDef[] = [
  ...carriedOverRequests(['gb-2019', 'gb-2021']),
  ...['regulations', 'normative_documents'].map((row) => ({
    to: { table: 'active', row: [row], column: 'total_published' },
    from: { 'gb-2019': [{ table: 'active', row: [row], column: 'total_published' }] },
    hint: '应为上年数 + 本年新公开数量',
  })),
  ...['licensing', 'other_services', 'penalty', 'coercion', 'fees'].map((row) => ({
    to: { table: 'active', row: [row], column: 'last_year' },
    from: {
      'gb-2019': [
        { table: 'active', row: [row], column: 'last_year' },
        { table: 'active', row: [row], column: 'change' },
      ],
    },
  })),
]

export const gb2019: FormatDefinition = {
  id: 'gb-2019',
  document: '国办公开办函〔2019〕60号',
  name: '中华人民共和国政府信息公开工作年度报告格式（试行）',
  years: { from: 2019, to: 2020 },
  meta: metaFields,
  sections: sections('（文字描述）', guidance),
  tables: [activeTable, requests, appealsTable],
  rules: [...requestsRules(requests), ...appealsRules],
  requiresFeeReport: false,
  carry,
  derived: derivedFigures,
  publication,
}

/**
 * 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号:
 * reports on 2019 and 2020.
 */
import {
  activeBlock,
  appealsRules,
  appealsTable,
  metaFields,
  publication,
  requestsRules,
  requestsTable,
  sections,
} from './common.js'
import { derivedFigures } from './derived.js'
import type { ColumnDef, FormatDefinition, TableDef } from './types.js'

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

export const gb2019: FormatDefinition = {
  id: 'gb-2019',
  document: '国办公开办函〔2019〕60号',
  name: '中华人民共和国政府信息公开工作年度报告格式（试行）',
  years: { from: 2019, to: 2020 },
  meta: metaFields,
  sections: sections('（文字描述）'),
  tables: [activeTable, requests, appealsTable],
  rules: [...requestsRules(requests), ...appealsRules],
  requiresFeeReport: false,
  derived: derivedFigures,
  publication,
}

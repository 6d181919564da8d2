/**
 * 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号:
 * reports on 2021 and later.
 */
import {
  activeBlock,
  appealsRules,
  appealsTable,
  group,
  metaFields,
  publication,
  requestsRules,
  requestsTable,
  sections,
} from './common.js'
import { derivedFigures } from './derived.js'
import type { ColumnDef, FormatDefinition, TableDef } from './types.js'

const documentColumns: ColumnDef[] = [
  { key: 'issued', label: '本年制发件数', valueType: 'count' },
  { key: 'repealed', label: '本年废止件数', valueType: 'count' },
  { key: 'in_force', label: '现行有效件数', valueType: 'count', aliases: ['现行有效件'] },
]

const decisions: ColumnDef[] = [{ key: 'decisions', label: '本年处理决定数量', valueType: 'count' }]

const activeTable: TableDef = {
  key: 'active',
  section: 2,
  name: '表二',
  caption: '主动公开政府信息情况',
  blocks: [
    activeBlock('article-20-1', '第二十条第（一）项', 'map', documentColumns, [
      ['regulations', '规章'],
      ['normative_documents', '行政规范性文件', '规范性文件'],
    ]),
    activeBlock('article-20-5', '第二十条第（五）项', 'scalar', decisions, [['licensing', '行政许可']]),
    activeBlock('article-20-6', '第二十条第（六）项', 'scalar', decisions, [
      ['penalty', '行政处罚'],
      ['coercion', '行政强制'],
    ]),
    activeBlock(
      'article-20-8',
      '第二十条第（八）项',
      'scalar',
      [{ key: 'amount', label: '本年收费金额', valueType: 'amount', unit: '万元' }],
      [['fees', '行政事业性收费']],
    ),
  ],
}

const requests = requestsTable(
  group('三（六）', '（六）其他处理', ['other'], [
    ['no_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['fee_unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['other', '3.其他'],
  ]),
)

export const gb2021: FormatDefinition = {
  id: 'gb-2021',
  document: '国办公开办函〔2021〕30号',
  name: '中华人民共和国政府信息公开工作年度报告格式',
  years: { from: 2021 },
  meta: metaFields,
  sections: sections('（文字描述，收取信息处理费情况在此处报告。）'),
  tables: [activeTable, requests, appealsTable],
  rules: [...requestsRules(requests), ...appealsRules],
  overviewMaxChars: 1000,
  requiresFeeReport: true,
  derived: derivedFigures,
  publication,
}

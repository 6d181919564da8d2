/**
 * 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号:
 * reports on 2021 and later.
 */
import {
  activeBlock,
  appealsGuidance,
  appealsRules,
  appealsTable,
  carriedOverRequests,
  group,
  metaFields,
  problemsGuidance,
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

/** 「一、报告内容」 on each section, quoted from the notice (sections 一 to 六). */
const guidance = [
  '主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障（含《中华人民共和国政府信息公开条例》第五十条第四项规定的各级人民政府“工作考核、社会评议和责任追究结果情况”）等方面，重在聚焦主题、简明客观，篇幅原则上不超过一千字。',
  '适宜以数据方式呈现且具备统计汇总价值的内容，包括（一）（五）（六）（八）共四项，其中，第（五）项的行政许可数量、第（六）项的行政处罚和行政强制数量，包括已公开和依法未公开的全部处理决定。各项数据核定时间点为报告年度的12月31日。',
  '一是申请人的类别；二是政府信息公开申请的最终处理结果。此项内容重在数据准确、要素齐备……',
  appealsGuidance,
  problemsGuidance,
  '这一项主要报告本机关认为需要报告的其他事项，以及其他有关文件专门要求通过年度报告予以报告的事项。各行政机关依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，在此处专门报告。',
]

/** 现行有效件数 carries on from last year's; the 2019 format's 对外公开总数量 counts something else. */
const inForce = (row: string) => ({
  to: { table: 'active', row: [row], column: 'in_force' },
  from: { 'gb-2021': [{ table: 'active', row: [row], column: 'in_force' }] },
  hint: '本年有制发、废止的，应为上年数 + 本年制发件数 − 本年废止件数',
  notCarried: { 'gb-2019': '上年报告为 2019 年版格式，只有“对外公开总数量”，与“现行有效件数”口径不同，未结转，请按实际填写' },
})

export const gb2021: FormatDefinition = {
  id: 'gb-2021',
  document: '国办公开办函〔2021〕30号',
  name: '中华人民共和国政府信息公开工作年度报告格式',
  years: { from: 2021 },
  meta: metaFields,
  sections: sections('（文字描述，收取信息处理费情况在此处报告。）', guidance),
  tables: [activeTable, requests, appealsTable],
  rules: [...requestsRules(requests), ...appealsRules],
  overviewMaxChars: 1000,
  requiresFeeReport: true,
  carry: [...carriedOverRequests(['gb-2021', 'gb-2019']), inForce('regulations'), inForce('normative_documents')],
  derived: derivedFigures,
  publication,
}

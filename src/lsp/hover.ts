/**
 * Hover: on a front matter key or list element, the official row and
 * column labels, the value type and unit, and the rules that check it; on
 * a section heading, the official heading and the format's guidance. All
 * wording about the report comes from the format definition.
 */
import type { Hover } from 'vscode-languageserver'
import type { VFile } from 'vfile'
import { catalog } from '../diagnostics/catalog.js'
import type { Lang } from '../diagnostics/types.js'
import type { ColumnDef, FormatDefinition, SectionDef } from '../formats/types.js'
import { getCell } from '../source/cells.js'
import type { SectionContent } from '../source/sections.js'
import { describePath, isOptionalTotal, rulesOf, titleOf, trailOf, valueRuleOf, type PathInfo } from './describe-path.js'
import { toRange, yamlPathAt } from './positions.js'

const words = {
  zh: {
    value: '取值',
    count: '非负整数（件数）',
    signed: '整数，可为负（本年增/减）',
    amount: '非负数，可带小数',
    unit: '单位',
    optional: '可省略：省略时按各项之和计算',
    now: '当前为',
    rules: '检查规则',
    columns: '各列',
    keys: '各键',
    includes: '包括',
    required: '必填',
    notRequired: '可不填',
    values: '可选值',
    date: '日期，格式 YYYY-MM-DD',
    text: '文字',
    integer: '整数（年份）',
    section: (n: string) => `第${n}部分`,
    tableFrom: (key: string, name: string) => `表格由前置数据 \`${key}\` 生成（${name}）；此处可写说明文字。`,
    needsText: '必须有文字内容。',
    maxChars: (n: number) => `篇幅原则上不超过 ${n} 字。`,
    fee: '须报告收取信息处理费的情况（未收取也应写明）。',
    written: '官方标题',
    unknown: '无法识别的二级标题。官方的六个部分：',
    guidance: '官方说明',
    colon: '：',
    sep: '、',
    semi: '；',
  },
  en: {
    value: 'Value',
    count: 'non-negative whole number (a count)',
    signed: 'whole number, may be negative (change on last year)',
    amount: 'non-negative number, decimals allowed',
    unit: 'unit',
    optional: 'May be omitted: then computed as the sum',
    now: 'now',
    rules: 'Checked by',
    columns: 'Columns',
    keys: 'Keys',
    includes: 'Rows',
    required: 'required',
    notRequired: 'optional',
    values: 'Values',
    date: 'date, YYYY-MM-DD',
    text: 'text',
    integer: 'whole number (a year)',
    section: (n: string) => `section ${n}`,
    tableFrom: (key: string, name: string) => `The table (${name}) comes from the front matter key \`${key}\`; notes may be written here.`,
    needsText: 'Must have text.',
    maxChars: (n: number) => `At most ${n} characters in principle.`,
    fee: 'Must report the information processing fees charged (or that none were).',
    written: 'Official heading',
    unknown: 'Unrecognised level-2 heading. The six official sections:',
    guidance: 'Guidance',
    colon: ': ',
    sep: ', ',
    semi: '; ',
  },
} as const

type Words = (typeof words)[Lang]

function valueLine(column: ColumnDef, w: Words): string {
  const type = column.valueType === 'count' ? w.count : column.valueType === 'amount' ? w.amount : w.signed
  return `${w.value}${w.colon}${type}${column.unit ? `${w.semi}${w.unit}${w.colon}${column.unit}` : ''}`
}

function ruleLines(format: FormatDefinition, info: PathInfo, w: Words): string[] {
  const ids = rulesOf(format, info).map((r) => r.id)
  if (info.kind === 'cell') ids.unshift(valueRuleOf(info.column))
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  return [`${w.rules}${w.colon}`, ...unique.map((id) => `- \`${id}\` ${catalog.get(id)?.title ?? ''}`.trimEnd())]
}

/** The computed value of an omitted total, if the cell is one. */
function computedNote(file: VFile | undefined, info: PathInfo, w: Words): string | undefined {
  if (!isOptionalTotal(info)) return undefined
  if (info.kind !== 'cell') return w.optional
  const stats = file?.data.report?.stats
  const cell = stats ? getCell(stats, info.table.key, info.block.id, info.row.path, info.column.key) : undefined
  return cell?.origin === 'computed' && cell.value !== null ? `${w.optional}（${w.now} ${cell.value}）` : w.optional
}

function metaLines(info: Extract<PathInfo, { kind: 'meta' }>, w: Words): string[] {
  const { field } = info
  const type =
    field.type === 'enum'
      ? `${w.values}${w.colon}${(field.values ?? []).map((v) => (field.valueLabels?.[v] ? `\`${v}\`（${field.valueLabels[v]}）` : `\`${v}\``)).join(w.sep)}`
      : `${w.value}${w.colon}${field.type === 'date' ? w.date : field.type === 'integer' ? w.integer : w.text}`
  return [field.required ? w.required : w.notRequired, '', type]
}

/** Markdown for a front matter path. */
export function describeMarkdown(file: VFile | undefined, format: FormatDefinition, info: PathInfo, lang: Lang): string {
  const w = words[lang]
  const lines = [`**${titleOf(info)}**`, '', trailOf(info), '']
  switch (info.kind) {
    case 'meta':
      lines.push(...metaLines(info, w))
      break
    case 'table': {
      const section = format.sections.find((s) => s.number === info.table.section)
      if (section) lines.push(`${w.section(section.numeral)}${w.colon}${section.numeral}、${section.title}`)
      break
    }
    case 'group':
      lines.push(`${w.includes}${w.colon}${info.rows.map((r) => `${r.label}（\`${r.path.at(-1)}\`）`).join(w.sep)}`)
      break
    case 'row':
      if (info.block.shape === 'list') {
        lines.push(`${w.columns}${w.colon}[${info.block.columns.map((c) => (c.total ? `${c.label}（${lang === 'zh' ? '可省略' : 'optional'}）` : c.label)).join(', ')}]`)
      } else {
        lines.push(`${w.keys}${w.colon}${info.block.columns.map((c) => `\`${c.key}\`（${c.label}）`).join(w.sep)}`)
      }
      break
    case 'cell':
      lines.push(valueLine(info.column, w))
      break
  }
  const note = computedNote(file, info, w)
  if (note) lines.push('', note)
  const rules = ruleLines(format, info, w)
  if (rules.length) lines.push('', ...rules)
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()
}

/** Markdown for a section: the official heading, the template's note and what the format requires. */
export function sectionMarkdown(format: FormatDefinition, def: SectionDef, lang: Lang): string {
  const w = words[lang]
  const lines = [`**${def.numeral}、${def.title}**`, '', `${format.document} · ${w.section(def.numeral)}`, '']
  if (def.note) lines.push(`${w.guidance}${w.colon}${def.note}`, '')
  const table = def.table ? format.tables.find((t) => t.key === def.table) : undefined
  const requirements: string[] = []
  if (table) requirements.push(w.tableFrom(table.key, table.name))
  if (def.requiresText) requirements.push(w.needsText)
  if (def.number === 1 && format.overviewMaxChars) requirements.push(w.maxChars(format.overviewMaxChars))
  if (def.number === 6 && format.requiresFeeReport) requirements.push(w.fee)
  return [...lines, ...requirements.map((r) => `- ${r}`)].join('\n').trimEnd()
}

function headingHover(file: VFile, format: FormatDefinition, section: SectionContent, lang: Lang): Hover {
  const position = section.heading.position!
  const range = toRange({ line: position.start.line, column: position.start.column, endLine: position.end.line, endColumn: position.end.column })
  const value = section.def
    ? sectionMarkdown(format, section.def, lang)
    : [words[lang].unknown, '', ...format.sections.map((s) => `- \`## ${s.numeral}、${s.title}\``)].join('\n')
  return { contents: { kind: 'markdown', value }, range }
}

/** Hover at a file offset, or `null` where there is nothing to say. */
export function hoverAt(file: VFile, offset: number, lang: Lang): Hover | null {
  const source = file.data.source
  const report = file.data.report
  if (!source || !report) return null
  if (source.front && offset < source.bodyOffset) {
    const hit = yamlPathAt(source.front, offset)
    const info = hit && describePath(report.format, hit.path)
    if (!hit || !info) return null
    const place = source.locate.range(hit.start, hit.end)
    const range = toRange({ line: place.start.line, column: place.start.column, endLine: place.end!.line, endColumn: place.end!.column })
    return { contents: { kind: 'markdown', value: describeMarkdown(file, report.format, info, lang) }, range }
  }
  const section = report.body.sections.find((s) => {
    const p = s.heading.position
    return p && p.start.offset! <= offset && offset <= p.end.offset!
  })
  return section ? headingHover(file, report.format, section, lang) : null
}

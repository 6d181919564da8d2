/**
 * JSON Schema (draft-07) of data.json, generated from the format
 * definitions: the allowed tables, blocks, row codes and columns of each
 * format come from the definition, so a new format version extends the
 * schema without touching this file. Published as schema/data.schema.json.
 */
import { formats } from '../formats/index.js'
import type { FormatDefinition, MetaFieldDef, ValueType } from '../formats/types.js'
import type { JsonSchema } from '../formats/schema.js'
import { DATA_VERSION } from './export-json.js'

export const DATA_SCHEMA_ID = 'https://nianbao.invalid/schema/data.schema.json'

const valueTypes: ValueType[] = ['count', 'signed-count', 'amount']
const origins = ['given', 'computed', 'blank', 'invalid', 'missing']

const unique = <T>(items: T[]): T[] => [...new Set(items)]

function metaFieldSchema(field: MetaFieldDef): JsonSchema {
  const base: JsonSchema = { title: field.label }
  switch (field.type) {
    case 'string':
      return { ...base, type: 'string' }
    case 'integer':
      return { ...base, type: 'integer' }
    case 'date':
      return { ...base, type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' }
    case 'enum':
      return { ...base, type: 'string', enum: [...(field.values ?? [])] }
  }
}

function metaSchema(): JsonSchema {
  const fields = new Map<string, MetaFieldDef>()
  // `format` is data.json's own top-level object, not a meta entry.
  for (const format of formats) for (const field of format.meta) if (field.key !== 'format') fields.set(field.key, field)
  const list = [...fields.values()]
  return {
    title: '报告基本信息',
    type: 'object',
    properties: Object.fromEntries(list.map((f) => [f.key, metaFieldSchema(f)])),
    required: list.filter((f) => f.required).map((f) => f.key),
    additionalProperties: false,
  }
}

const diagnosticProperties: JsonSchema = {
  file: { type: 'string' },
  line: { type: 'integer', minimum: 1 },
  column: { type: 'integer', minimum: 1 },
  endLine: { type: 'integer', minimum: 1 },
  endColumn: { type: 'integer', minimum: 1 },
  severity: { enum: ['error', 'warning', 'info'] },
  ruleId: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  source: { type: 'string' },
  message: { type: 'string' },
  expected: { type: 'array', items: { type: 'string' } },
  actual: { type: 'string' },
  note: { type: 'string' },
  url: { type: 'string' },
  cause: { $ref: '#/definitions/diagnostic' },
}

const diagnosticSchema: JsonSchema = {
  title: '校验提示',
  type: 'object',
  properties: diagnosticProperties,
  required: ['file', 'line', 'column', 'severity', 'ruleId', 'source', 'message'],
  additionalProperties: false,
}

const cellSchema: JsonSchema = {
  title: '表格单元格',
  type: 'object',
  properties: {
    table: { type: 'string', title: '表格键' },
    tableName: { type: 'string', title: '表格名称' },
    block: { type: 'string', title: '表格分块' },
    rowCode: { type: 'string', title: '官方行号' },
    rowLabel: { type: 'string', title: '行名称' },
    rowGroups: { type: 'array', items: { type: 'string' }, title: '所属分组' },
    rowPath: { type: 'array', items: { type: 'string' }, minItems: 1, title: '前置数据中的键路径' },
    column: { type: 'string', title: '列键' },
    columnLabel: { type: 'string', title: '列名称' },
    unit: { type: ['string', 'null'], title: '单位' },
    valueType: { enum: valueTypes, title: '数值类型' },
    value: { type: ['number', 'null'], title: '数值' },
    origin: { enum: origins, title: '来源：given 填报，computed 计算，blank 空白' },
  },
  required: Object.keys({
    table: 0, tableName: 0, block: 0, rowCode: 0, rowLabel: 0, rowGroups: 0, rowPath: 0,
    column: 0, columnLabel: 0, unit: 0, valueType: 0, value: 0, origin: 0,
  }),
  additionalProperties: false,
}

const sectionSchema: JsonSchema = {
  title: '正文部分',
  type: 'object',
  properties: {
    number: { type: ['integer', 'null'], minimum: 1, title: '官方部分序号（一至六），前言或未识别的标题为 null' },
    heading: { type: ['string', 'null'], title: '标题原文，前言为 null' },
    source: { type: 'string', title: '正文原文（Markdown，含 {收到申请} 等引用）' },
    text: { type: 'string', title: '发布的正文（Markdown，引用已替换为数值）' },
  },
  required: ['number', 'heading', 'source', 'text'],
  additionalProperties: false,
}

/** The constraints one format puts on data.json: its tables, blocks, rows and columns. */
function formatBranch(format: FormatDefinition): JsonSchema {
  const cellVariants = format.tables.map((table) => ({
    properties: {
      table: { const: table.key },
      tableName: { const: table.name },
      block: { enum: table.blocks.map((b) => b.id) },
      rowCode: { enum: unique(table.blocks.flatMap((b) => b.rows.map((r) => r.code))) },
      column: { enum: unique(table.blocks.flatMap((b) => b.columns.map((c) => c.key))) },
    },
  }))
  return {
    properties: {
      format: { properties: { id: { const: format.id }, document: { const: format.document } } },
      tables: { items: { properties: { key: { enum: format.tables.map((t) => t.key) } } } },
      cells: { items: { anyOf: cellVariants } },
    },
  }
}

/** The data.json schema for every known format. */
export function generateDataSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: DATA_SCHEMA_ID,
    title: 'nianbao data.json：政府信息公开工作年度报告统计数据',
    description: '发布包中的 data.json：每张统计表的每个单元格（官方行号、行列名称、单位、数值及来源）和校验结果。',
    type: 'object',
    definitions: { diagnostic: diagnosticSchema, cell: cellSchema, section: sectionSchema },
    properties: {
      dataVersion: { const: DATA_VERSION },
      format: {
        type: 'object',
        properties: {
          id: { enum: formats.map((f) => f.id), title: '报告格式' },
          document: { type: 'string', title: '格式文号' },
          name: { type: 'string', title: '格式名称' },
        },
        required: ['id', 'document', 'name'],
        additionalProperties: false,
      },
      meta: metaSchema(),
      tables: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            key: { type: 'string' },
            name: { type: 'string' },
            caption: { type: 'string' },
            section: { type: 'integer', minimum: 1 },
          },
          required: ['key', 'name', 'caption', 'section'],
          additionalProperties: false,
        },
      },
      cells: { type: 'array', items: { $ref: '#/definitions/cell' } },
      // Added within dataVersion 1, so optional: bundles written before it still verify.
      sections: { type: 'array', items: { $ref: '#/definitions/section' } },
      validation: {
        type: 'object',
        properties: {
          errors: { type: 'integer', minimum: 0 },
          warnings: { type: 'integer', minimum: 0 },
          infos: { type: 'integer', minimum: 0 },
          diagnostics: { type: 'array', items: { $ref: '#/definitions/diagnostic' } },
        },
        required: ['errors', 'warnings', 'infos', 'diagnostics'],
        additionalProperties: false,
      },
    },
    required: ['dataVersion', 'format', 'meta', 'tables', 'cells', 'validation'],
    additionalProperties: false,
    oneOf: formats.map(formatBranch),
  }
}

/** The committed schema file's text. */
export function dataSchemaText(): string {
  return JSON.stringify(generateDataSchema(), null, 2) + '\n'
}

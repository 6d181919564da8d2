/**
 * JSON Schema (draft-07) generated from a format definition. Every key
 * carries its official Chinese label as `title`, so editors show 自然人 /
 * 予以公开 beside each number. Used by the validator (Ajv) and printed by
 * `nianbao schema`.
 */
import type { BlockDef, ColumnDef, FormatDefinition, MetaFieldDef, RowDef, TableDef } from './types.js'

export type JsonSchema = { [key: string]: unknown }

function cellSchema(column: ColumnDef, title: string): JsonSchema {
  const unit = column.unit ? `（单位：${column.unit}）` : ''
  const base: JsonSchema = { title: `${title}${unit}` }
  switch (column.valueType) {
    case 'count':
      return { ...base, type: ['integer', 'null'], minimum: 0 }
    case 'signed-count':
      return { ...base, type: ['integer', 'null'] }
    case 'amount':
      return { ...base, type: ['number', 'null'], minimum: 0 }
  }
}

function rowSchema(block: BlockDef, row: RowDef, table: TableDef): JsonSchema {
  const title = `${row.groups.length ? `${row.groups.at(-1)} ` : ''}${row.label}`
  const description = `${table.name} ${row.code}`
  switch (block.shape) {
    case 'list': {
      const required = block.columns.filter((c) => !c.total).length
      return {
        title,
        description: `${description}：[${block.columns.map((c) => (c.total ? `${c.label}（可省略）` : c.label)).join(', ')}]`,
        type: 'array',
        items: block.columns.map((c) => cellSchema(c, c.label)),
        additionalItems: false,
        minItems: required,
        maxItems: block.columns.length,
      }
    }
    case 'map':
      return {
        title,
        description,
        type: 'object',
        properties: Object.fromEntries(block.columns.map((c) => [c.key, cellSchema(c, c.label)])),
        required: block.columns.map((c) => c.key),
        additionalProperties: false,
      }
    case 'scalar':
      return { ...cellSchema(block.columns[0]!, `${title} ${block.columns[0]!.label}`), description }
  }
}

/** Insert `schema` at `path` into nested object schemas, creating groups as needed. */
function place(root: JsonSchema, path: string[], schema: JsonSchema, groupTitles: string[], optional: boolean): void {
  let node = root
  path.forEach((key, i) => {
    const properties = node.properties as Record<string, JsonSchema>
    const required = node.required as string[]
    if (i === path.length - 1) {
      properties[key] = schema
      if (!optional) required.push(key)
      return
    }
    properties[key] ??= {
      title: groupTitles[i + 1] ?? key,
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
    }
    if (!required.includes(key)) required.push(key)
    node = properties[key]!
  })
}

function tableSchema(table: TableDef, format: FormatDefinition): JsonSchema {
  const section = format.sections.find((s) => s.number === table.section)!
  const root: JsonSchema = {
    title: `${section.numeral}、${table.caption}`,
    type: 'object',
    properties: {},
    required: [],
    additionalProperties: false,
  }
  for (const block of table.blocks) {
    for (const row of block.rows) {
      place(root, row.path, rowSchema(block, row, table), ['', ...row.groups.slice(1)], row.total === true)
    }
  }
  return root
}

function metaSchema(field: MetaFieldDef, format: FormatDefinition): JsonSchema {
  switch (field.type) {
    case 'string':
      // Not blank: `agency: "   "` names no agency.
      return { title: field.label, type: 'string', pattern: '\\S' }
    case 'integer':
      return { title: field.label, type: 'integer', minimum: 2008, maximum: 2100 }
    case 'date':
      return { title: field.label, type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }
    case 'enum':
      return {
        title: field.label,
        enum: [...(field.values ?? [])],
        ...(field.key === 'format' ? { default: format.id } : {}),
        ...(field.valueLabels
          ? { description: Object.entries(field.valueLabels).map(([k, v]) => `${k}：${v}`).join('；') }
          : {}),
      }
  }
}

export function generateSchema(format: FormatDefinition): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  for (const field of format.meta) properties[field.key] = metaSchema(field, format)
  for (const table of format.tables) properties[table.key] = tableSchema(table, format)
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `urn:nianbao:format:${format.id}`,
    title: `${format.name}（${format.document}）— 报告前置数据`,
    type: 'object',
    properties,
    required: [...format.meta.filter((f) => f.required).map((f) => f.key), ...format.tables.map((t) => t.key)],
    additionalProperties: false,
  }
}

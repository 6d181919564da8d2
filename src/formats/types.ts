/**
 * The vocabulary every official format definition is written in.
 *
 * A format definition is data: sections, tables (header tree, row tree,
 * columns, units, value types) and consistency rules. Schema, validator,
 * view model, templates, export and importer all read this one shape.
 */

/** Format identifiers; names are permanent. */
export type FormatId = 'gb-2021' | 'gb-2019'

/** What a single statistics cell may hold. */
export type ValueType =
  /** Non-negative integer (件, 个). */
  | 'count'
  /** Integer that may be negative (本年增/减). */
  | 'signed-count'
  /** Non-negative decimal (万元). */
  | 'amount'

/** A leaf column of a table block. */
export interface ColumnDef {
  /** Key in a YAML map row, or a stable code for list rows. */
  key: string
  /** Official column label, e.g. `自然人`. */
  label: string
  valueType: ValueType
  /** Printed unit (`万元`); `undefined` where the format prints none. */
  unit?: string
  /** Alternative labels seen in published reports (for the importer). */
  aliases?: string[]
  /** The 总计 column: optional in YAML, computed when omitted, checked when given. */
  total?: boolean
}

/** How a row's values are written in the front matter. */
export type RowShape =
  /** `[v1, v2, …]` in column order; a trailing total column is optional. */
  | 'list'
  /** `{key: v, …}` keyed by column key. */
  | 'map'
  /** A single value (blocks with one column). */
  | 'scalar'

/** A data row of a table block. */
export interface RowDef {
  /** Key path below the table key, e.g. `['refused', 'state_secret']`. */
  path: string[]
  /** Official numbering, unique in the table: `一`, `三（三）1`, `三（七）`. */
  code: string
  /** Official label as printed, including its numbering: `1.属于国家秘密`. */
  label: string
  /** Labels of the enclosing row groups, outermost first (merged cells on the left). */
  groups: string[]
  /** Alternative wordings seen in published reports (for the importer). */
  aliases?: string[]
  /** The row-total row (（七）总计): optional in YAML, computed when omitted. */
  total?: boolean
}

/** A node of a header tree; leaves name a column (and, for inline blocks, a row). */
export interface HeaderNode {
  label: string
  children?: HeaderNode[]
  /** Leaf: the column key. */
  column?: string
  /** Leaf of an inline block: the row key (first path element). */
  row?: string
}

/**
 * A rectangular piece of a table: rows × columns of values.
 *
 * `layout: 'rows'` renders one table row per data row (tables 2 and 3);
 * `layout: 'inline'` puts all rows side by side in a single table row
 * (table 4: 行政复议 | 直接起诉 | 复议后起诉), the header tree then names
 * `row` and `column` on every leaf.
 */
export interface BlockDef {
  id: string
  /** Full-width heading row above the block (`第二十条第（一）项`). */
  heading?: string
  /** Label of the row-label column (`信息内容`), for blocks whose header is one flat row. */
  rowHeader?: string
  /** Text of the merged top-left corner cell (table 3's 勾稽关系 note). */
  corner?: string
  /** Number of label columns on the left (table 3: 3). */
  labelColumns: number
  layout: 'rows' | 'inline'
  shape: RowShape
  columns: ColumnDef[]
  /** Header tree over the value columns; flat blocks list their columns. */
  header: HeaderNode[]
  rows: RowDef[]
}

export interface TableDef {
  /** Front matter key holding the table: `active`, `requests`, `appeals`. */
  key: string
  /** The section number (二 = 2) the table belongs to. */
  section: number
  /** Caption, the official section heading without its numeral. */
  caption: string
  /** Short name used in messages: `表二`. */
  name: string
  blocks: BlockDef[]
}

/** A reference to one cell: table key, row path, column key. */
export interface CellRef {
  table: string
  row: string[]
  column: string
}

/**
 * Consistency rules as data. Each applies "for every column" or "for
 * every row" of one block, so one entry covers a whole family of checks.
 */
export type RuleDef =
  | {
      /** total = Σ terms, evaluated in every column: (七)总计 = Σ result rows. */
      kind: 'row-sum'
      id: string
      table: string
      block: string
      target: string[]
      terms: string[][]
    }
  | {
      /** total column = Σ other columns, evaluated in every row. */
      kind: 'column-sum'
      id: string
      table: string
      block: string
      target: string
      terms: string[]
    }
  | {
      /** Σ left = Σ right, evaluated in every column: 一 + 二 = (七) + 四. */
      kind: 'row-balance'
      id: string
      table: string
      block: string
      left: string[][]
      right: string[][]
    }

export interface SectionDef {
  /** 1-based position (一 = 1). */
  number: number
  numeral: string
  /** Heading as in the official template, without numeral: `总体情况`. */
  title: string
  /** Other wordings accepted in headings. */
  aliases: string[]
  /** Whether the section must carry text (一, 五, 六). */
  requiresText: boolean
  /** Key of the table printed in this section, if any. */
  table?: string
  /** The template's annotation, e.g. （文字描述，收取信息处理费情况在此处报告。）. */
  note?: string
  /** What the section reports, quoted from 「一、报告内容」 of the format (the scaffold's guidance comment). */
  guidance?: string
}

/**
 * A cell a new report starts from last year's report with (`nianbao new`):
 * 上年结转 from 结转下年度, 现行有效件数 from last year's. Keyed by the format
 * of last year's report, since a format change may leave nothing to carry.
 */
export interface CarryDef {
  /** The cell of this format. */
  to: CellRef
  /** Per format of last year's report: the cells whose sum is the start value. */
  from: Partial<Record<FormatId, CellRef[]>>
  /** Per format of last year's report without `from`: why nothing carries (shown in the scaffold). */
  notCarried?: Partial<Record<FormatId, string>>
  /** How this year's value follows on from the start value, for the scaffold's comment. */
  hint?: string
}

/** A front matter meta field (agency, year, …). */
export interface MetaFieldDef {
  key: string
  label: string
  required: boolean
  type: 'string' | 'integer' | 'date' | 'enum'
  values?: readonly string[]
  valueLabels?: Record<string, string>
}

/** A set of cells in one column: every data row whose path starts with `rows`. */
export interface DerivedTerm {
  /** Table key: `requests`. */
  table: string
  /** Row path prefix: `['refused']` takes all eight 不予公开 rows; total rows only when named exactly. */
  rows: string[]
  /** Column key: `total`, `corrected`. */
  column: string
}

/**
 * A figure derived from the tables (收到申请, 实质公开率 …). Either a sum of
 * cells or a ratio of other derived counts. Keys and names are permanent.
 */
export interface DerivedDef {
  /** Stable ASCII id: `received`. */
  key: string
  /** Chinese name used in references and on pages: `收到申请`. */
  name: string
  /** Other names accepted in references. */
  aliases?: string[]
  /** `count` (件), `amount` (万元) or `rate` (a share, printed as a percentage). */
  kind: 'count' | 'amount' | 'rate'
  /** One sentence on what it means. */
  description: string
  /** Counts and amounts: the sum of these cells. */
  sum?: DerivedTerm[]
  /** Rates: Σ numerator ÷ (Σ denominator − Σ subtract), each a derived count's key. */
  ratio?: { numerator: string[]; denominator: string[]; subtract?: string[] }
}

export interface FormatDefinition {
  id: FormatId
  /** 文号: 国办公开办函〔2021〕30号. */
  document: string
  /** Full title of the format. */
  name: string
  /** Report years the format is meant for (inclusive); `to` open-ended when absent. */
  years: { from: number; to?: number }
  meta: MetaFieldDef[]
  sections: SectionDef[]
  tables: TableDef[]
  rules: RuleDef[]
  /** Section 一 length cap in characters, where the format sets one. */
  overviewMaxChars?: number
  /** Whether section 六 must report 信息处理费. */
  requiresFeeReport: boolean
  /** Cells a new report starts from last year's values (`nianbao new`); every other cell starts blank. */
  carry?: CarryDef[]
  /** Figures derived from the tables (shared by both formats: src/formats/derived.ts). */
  derived: readonly DerivedDef[]
  /** When the report must be published (「二、报告方式及时间」). */
  publication: PublicationDeadlines
}

/** A day of the year after the report year, e.g. 1月31日. */
export interface MonthDay {
  month: number
  day: number
}

export interface PublicationDeadlines {
  /** 县级以上人民政府部门 publish by this day of the next year (条例第四十九条). */
  deadline: MonthDay
  /** The last deadline the format sets for any report (本级政府 reports, by the 主管部门). */
  latest: MonthDay
}

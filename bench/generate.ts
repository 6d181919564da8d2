/**
 * Varied, valid reports generated from the format definitions: every table
 * row and column of the definition gets a value of its type, totals are
 * left out (computed), and the balance rules hold by construction. Agencies
 * span several years, so carried-over figures chain as the rules expect.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { formatForYear } from '../src/formats/index.js'
import type { BlockDef, ColumnDef, FormatDefinition, RuleDef } from '../src/formats/types.js'

/** Small deterministic PRNG (mulberry32): the same reports on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rng = () => number
const int = (rng: Rng, max: number) => Math.floor(rng() * (max + 1))

function valueOf(rng: Rng, column: ColumnDef): number {
  switch (column.valueType) {
    case 'count':
      return rng() < 0.5 ? 0 : int(rng, 30)
    case 'signed-count':
      return int(rng, 10) - 5
    case 'amount':
      return Math.round(rng() * 5000) / 100
  }
}

const key = (path: readonly string[]) => path.join('.')

/** Values per row key per column key, for the non-total cells of one block. */
type Grid = Map<string, Map<string, number>>

function blockGrid(rng: Rng, block: BlockDef, rules: RuleDef[], carriedOver?: Map<string, number>): Grid {
  const grid: Grid = new Map()
  const columns = block.columns.filter((c) => !c.total)
  for (const row of block.rows) {
    if (row.total) continue
    grid.set(key(row.path), new Map(columns.map((c) => [c.key, valueOf(rng, c)])))
  }
  for (const rule of rules) {
    if (rule.kind !== 'row-balance' || rule.block !== block.id) continue
    // Σ left = Σ right per column: fix carried_over from last year, solve the first left row.
    const sumRule = rules.find((r) => r.kind === 'row-sum' && r.block === block.id)
    const rowValue = (path: string[], column: string): number => {
      if (sumRule?.kind === 'row-sum' && key(sumRule.target) === key(path))
        return sumRule.terms.reduce((n, t) => n + (grid.get(key(t))?.get(column) ?? 0), 0)
      return grid.get(key(path))?.get(column) ?? 0
    }
    const [first, ...rest] = rule.left
    for (const column of columns) {
      if (carriedOver && rest[0]) grid.get(key(rest[0]))!.set(column.key, carriedOver.get(column.key) ?? 0)
      const right = rule.right.reduce((n, p) => n + rowValue(p, column.key), 0)
      let others = rest.reduce((n, p) => n + rowValue(p, column.key), 0)
      if (others > right) {
        // Keep 一 non-negative: carry the excess forward.
        const forward = rule.right.at(-1)!
        grid.get(key(forward))!.set(column.key, rowValue(forward, column.key) + others - right)
      }
      others = rest.reduce((n, p) => n + rowValue(p, column.key), 0)
      const total = rule.right.reduce((n, p) => n + rowValue(p, column.key), 0)
      grid.get(key(first!))!.set(column.key, total - others)
    }
  }
  return grid
}

function yamlValue(block: BlockDef, values: Map<string, number>): string {
  const columns = block.columns.filter((c) => !c.total)
  switch (block.shape) {
    case 'list':
      return `[${columns.map((c) => values.get(c.key)).join(', ')}]`
    case 'map':
      return `{${columns.map((c) => `${c.key}: ${values.get(c.key)}`).join(', ')}}`
    case 'scalar':
      return String(values.get(columns[0]!.key))
  }
}

const phrases = [
  '深入贯彻落实政府信息公开条例，',
  '优化政府信息公开专栏设置，',
  '做好政策解读和回应工作，',
  '健全信息发布保密审查机制，',
  '强化政务新媒体管理，',
  '加大基层政务公开力度，',
  '认真办理人大代表建议和政协委员提案，',
  '推进决策公开和执行公开，',
  '坚持以公开为常态、不公开为例外，',
  '进一步规范政府信息公开工作流程，',
  '加强政府网站信息发布审核，',
  '围绕重点领域做好信息公开，',
  '及时回应社会关切，',
  '持续完善依申请公开办理机制，',
  '加强工作人员业务培训，',
  '推进政务公开标准化规范化建设，',
]

function paragraph(rng: Rng, sentences: number): string {
  let text = ''
  for (let i = 0; i < sentences; i++) text += phrases[int(rng, phrases.length - 1)]!
  return text.replace(/，$/, '。')
}

export interface GeneratedReport {
  path: string
  agency: string
  year: number
  text: string
}

/**
 * 现行有效 = last year's + 本年制发 − 本年废止 (a cross-year rule): keep the
 * running count per row, found by the format's own column keys.
 */
function chainInForce(grid: Grid, block: BlockDef, inForce: Map<string, number>): void {
  const [issued, repealed, current] = ['issued', 'repealed', 'in_force'].map((k) => block.columns.find((c) => c.key === k))
  if (!issued || !repealed || !current) return
  for (const [row, values] of grid) {
    const before = inForce.get(row)
    const add = values.get(issued.key)!
    if (before === undefined) {
      values.set(current.key, values.get(current.key)! + add)
    } else {
      values.set(repealed.key, Math.min(values.get(repealed.key)!, before + add))
      values.set(current.key, before + add - values.get(repealed.key)!)
    }
    inForce.set(row, values.get(current.key)!)
  }
}

function reportText(rng: Rng, format: FormatDefinition, agency: string, year: number, carried: Map<string, Map<string, number>>, inForce: Map<string, number>): string {
  const lines = ['---', `format: ${format.id}`, `agency: ${agency}`, `year: ${year}`, `published: ${year + 1}-01-${String(10 + int(rng, 18)).padStart(2, '0')}`, 'level: city', `region: 示例省第${int(rng, 90) + 1}市`]
  for (const table of format.tables) {
    lines.push(`${table.key}:`)
    for (const block of table.blocks) {
      const grid = blockGrid(rng, block, format.rules.filter((r) => r.table === table.key), carried.get(`${table.key}/${block.id}`))
      chainInForce(grid, block, inForce)
      // Next year's 二、上年结转 is this year's 四、结转下年度.
      for (const rule of format.rules) {
        if (rule.kind === 'row-balance' && rule.block === block.id) {
          const forward = grid.get(key(rule.right.at(-1)!))
          if (forward) carried.set(`${table.key}/${block.id}`, new Map(forward))
        }
      }
      const nested = new Set<string>()
      for (const row of block.rows) {
        const values = grid.get(key(row.path))
        if (!values) continue
        const indent = '  '.repeat(row.path.length)
        if (row.path.length > 1 && !nested.has(row.path[0]!)) {
          nested.add(row.path[0]!)
          lines.push(`  ${row.path[0]}:`)
        }
        lines.push(`${indent}${row.path.at(-1)}: ${yamlValue(block, values)}`)
      }
    }
  }
  lines.push('---', '')
  for (const section of format.sections) {
    lines.push(`## ${section.numeral}、${section.title}`, '')
    if (section.number === 1 || section.number === 5 || rng() < 0.3) lines.push(paragraph(rng, 3 + int(rng, 12)), '')
    if (section.number === 1 && rng() < 0.5) lines.push('### （一）主动公开情况', '', paragraph(rng, 4 + int(rng, 8)), '')
    if (section.number === 6) lines.push(`本年度未收取信息处理费。${rng() < 0.5 ? paragraph(rng, 2 + int(rng, 4)) : ''}`, '')
  }
  return lines.join('\n')
}

/** `count` reports under `root/<agency>/<year>.md`: agencies of four consecutive years each. */
export async function generateReports(root: string, count: number, seed = 2025): Promise<GeneratedReport[]> {
  const rng = random(seed)
  const out: GeneratedReport[] = []
  const years = [2019, 2020, 2021, 2022, 2023, 2024]
  for (let a = 0; out.length < count; a++) {
    const dir = `agency-${String(a).padStart(4, '0')}`
    const agency = `示例市第${a + 1}局`
    const start = int(rng, years.length - 4)
    const carried = new Map<string, Map<string, number>>()
    const inForce = new Map<string, number>()
    let previousFormat: string | undefined
    for (const year of years.slice(start, start + 4)) {
      if (out.length >= count) break
      const format = formatForYear(year)
      // Table 2 changed between formats: its running totals restart with the new one.
      if (previousFormat !== format.id) inForce.clear()
      previousFormat = format.id
      const text = reportText(rng, format, agency, year, carried, inForce)
      const path = join(root, dir, `${year}.md`)
      out.push({ path, agency, year, text })
    }
  }
  await Promise.all([...new Set(out.map((r) => join(r.path, '..')))].map((d) => mkdir(d, { recursive: true })))
  await Promise.all(out.map((r) => writeFile(r.path, r.text)))
  return out
}

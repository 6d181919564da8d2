/**
 * `nianbao schema` prints a JSON Schema generated from the format
 * definition: Ajv compiles it, every key carries its official label, and
 * it has exactly the rows and columns of the definition.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { Ajv } from 'ajv'
import { formats } from '../src/formats/index.js'

const bin = join(import.meta.dirname, '..', 'bin', 'nianbao.js')

type Node = { title?: string; properties?: Record<string, Node>; items?: Node[] }

function untitled(node: Node, path: string, out: string[]): string[] {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (!child.title) out.push(`${path}${key}`)
    untitled(child, `${path}${key}.`, out)
  }
  for (const [i, child] of (node.items ?? []).entries()) if (!child.title) out.push(`${path}[${i}]`)
  return out
}

for (const format of formats) {
  test(`schema ${format.id}: compiles, titled, matches the definition`, () => {
    const run = spawnSync(process.execPath, [bin, 'schema', format.id], { encoding: 'utf8' })
    assert.equal(run.status, 0, run.stderr)
    const schema = JSON.parse(run.stdout) as Node & { $schema: string }
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#')
    // The 总计 item is optional, which strict tuple mode cannot express.
    new Ajv({ strict: true, strictTuples: false, allowUnionTypes: true }).compile(schema)
    assert.deepEqual(untitled(schema, '', []), [])
    const requests = schema.properties!.requests!
    assert.equal(requests.title, '三、收到和处理政府信息公开申请情况')
    assert.equal(requests.properties!.received!.title, '一、本年新收政府信息公开申请数量')
    assert.deepEqual(
      requests.properties!.received!.items!.map((i) => i.title),
      ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
    )
    const rows = format.tables.find((t) => t.key === 'requests')!.blocks[0]!.rows
    const leaves = (node: Node): number =>
      node.items ? 1 : Object.values(node.properties ?? {}).reduce((n, child) => n + leaves(child), 0)
    assert.equal(leaves(requests), rows.length)
  })
}

test('gb-2019 has the single 其他处理 row and the 采购 block; gb-2021 the three 其他处理 rows', () => {
  const get = (id: string) =>
    JSON.parse(spawnSync(process.execPath, [bin, 'schema', id], { encoding: 'utf8' }).stdout) as Node
  const g19 = get('gb-2019')
  const g21 = get('gb-2021')
  assert.ok(g19.properties!.requests!.properties!.other!.items)
  assert.deepEqual(Object.keys(g21.properties!.requests!.properties!.other!.properties!), ['no_correction', 'fee_unpaid', 'other'])
  assert.equal(g19.properties!.active!.properties!.procurement!.title, '政府集中采购')
  assert.equal(g21.properties!.active!.properties!.procurement, undefined)
})

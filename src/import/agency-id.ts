/**
 * The agency id (the folder under content/) of an imported report, when the
 * user gave none: from a map file (agency name or file name → id), or
 * derived from the agency's name by a fixed rule:
 *
 *   汝州市卫生健康委员会 → ruzhou-wsjkw    济宁市兖州区卫生健康局 → yanzhou-wsjkj
 *
 * the innermost place name of the leading chain of places (省/市/区/县/旗/
 * 镇/乡…) in full pinyin without its suffix (kept when the name would be one
 * syllable: 沙县 → shaxian), a hyphen, then the first letter of the pinyin
 * of each character of the rest, with 委员会 shortened to 委.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parse } from '../vendor/yaml.js'
import { AGENCY_ID } from '../source/agency-id.js'

export { AGENCY_ID }

const PLACE = /^(.{1,7}?)(自治区|自治州|自治县|特别行政区|地区|新区|街道|省|市|盟|区|县|旗|镇|乡)/

/** The places at the start of a name (`济宁市`, `兖州区`) and what follows them. */
export function splitPlaces(name: string): { places: { name: string; suffix: string }[]; rest: string } {
  const places: { name: string; suffix: string }[] = []
  let rest = name
  for (;;) {
    // `市场监督管理局` after a place is the body, not another place.
    if (places.length > 0 && /^(?:市场|区域|县域)/.test(rest)) break
    const m = PLACE.exec(rest)
    // A place must leave a body behind.
    if (!m || m[0].length >= rest.length) break
    places.push({ name: m[1]!, suffix: m[2]! })
    rest = rest.slice(m[0].length)
  }
  return { places, rest }
}

/** The id the rule derives from an agency name; `undefined` when the name starts with no place. */
export async function agencyIdFromName(name: string): Promise<string | undefined> {
  const han = name.replace(/[^\u4e00-\u9fff]/g, '')
  if (han.length === 0) return undefined
  // Loaded on demand: its dictionary is only needed here.
  const { pinyin } = await import('pinyin-pro')
  const { places, rest } = splitPlaces(han)
  const place = places.at(-1)
  const full = (text: string) => pinyin(text, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase().replace(/[^a-z0-9]/g, '')
  const initials = (text: string) => pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '')
  // Without a place the initials alone (卫生健康委员会 → wsjkw) would name every such agency alike.
  if (!place) return undefined
  const body = initials(rest.replace(/委员会/g, '委'))
  const head = full(place.name.length === 1 ? place.name + place.suffix : place.name)
  return [head, body].filter(Boolean).join('-') || undefined
}

/** A map file: YAML or JSON, `机关名称或文件名: agency-id`. */
export async function readAgencyMap(path: string): Promise<{ map: Map<string, string> } | { error: string }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    return { error: `无法读取 --map 文件 ${path}（${(error as NodeJS.ErrnoException).code ?? String(error)}）` }
  }
  let data: unknown
  try {
    data = parse(text, { maxAliasCount: 100 })
  } catch (error) {
    return { error: `--map 文件 ${path} 不是有效的 YAML/JSON（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）` }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { error: `--map 文件 ${path} 应为「机关名称: 机关标识」的映射` }
  const map = new Map<string, string>()
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value !== 'string' || !AGENCY_ID.test(value)) return { error: `--map 文件 ${path} 中「${key}」的机关标识「${String(value)}」不可用：只能用小写字母、数字和连字符` }
    map.set(key.trim(), value)
  }
  return { map }
}

/** The id for one imported file: the map by agency name, then by file name, then the rule. */
export async function agencyIdFor(agency: string | undefined, input: string, map: Map<string, string> | undefined): Promise<{ id: string; how: 'map' | 'rule' } | undefined> {
  const byMap = (agency && map?.get(agency)) || map?.get(basename(input)) || map?.get(input)
  if (byMap) return { id: byMap, how: 'map' }
  const derived = agency ? await agencyIdFromName(agency) : undefined
  return derived ? { id: derived, how: 'rule' } : undefined
}

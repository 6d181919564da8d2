/**
 * Full-width punctuation typed with a Chinese input method, where YAML only
 * knows the ASCII one: `[6，1，0，0，0，0，7]` is one text item to YAML (not
 * seven numbers, not a thousands separator), `{issued：0, …}` a key named
 * `issued：0`. Each is one `ascii-punctuation` error on the row; the list
 * length and type errors it causes are not repeated.
 */
import type { VFile } from 'vfile'
import { emit } from '../diagnostics/emit.js'
import { pointer } from '../source/number-literals.js'
import type { YamlPath } from '../source/positions.js'

const FULLWIDTH_SEPARATOR = /[\d０-９~]\s*[，、；]\s*[-\d０-９~]/
const FULLWIDTH_COLON = /：/

/** Half-width form of what was typed: `6，1` → `6, 1`. */
function ascii(text: string): string {
  return text
    .replace(/\s*[，、；]\s*/g, ', ')
    .replace(/\s*：\s*/g, ': ')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
}

/** Emit an error per row with full-width separators; returns the JSON pointers explained. */
export function checkPunctuation(file: VFile, data: unknown, label: (path: YamlPath) => string): string[] {
  const explained: string[] = []
  const locate = file.data.source!.locate
  const walk = (value: unknown, path: YamlPath, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth > 8) return
    if (Array.isArray(value)) {
      const texts = value.filter((v): v is string => typeof v === 'string')
      if (texts.some((t) => FULLWIDTH_SEPARATOR.test(t))) {
        const written = value.map((v) => (typeof v === 'string' ? v : v === null ? '~' : String(v))).join(', ')
        const fixed = `[${ascii(written)}]`
        emit(
          file,
          'ascii-punctuation',
          {
            reason: `${label(path)}：数字之间是全角逗号「，」，YAML 只认半角逗号，这一行被读成了一段文字；应写 ${fixed}（中文输入法下请切换到英文标点）`,
            reasonEn: `${label(path)}: the numbers are separated by full-width commas 「，」, which YAML reads as one text; write ${fixed}`,
          },
          locate.path(path),
          { expected: [fixed] },
        )
        explained.push(pointer(path))
        return
      }
      value.forEach((v, i) => walk(v, [...path, i], depth + 1))
      return
    }
    for (const [key, v] of Object.entries(value)) {
      if (FULLWIDTH_COLON.test(key)) {
        const fixed = ascii(key)
        emit(
          file,
          'ascii-punctuation',
          {
            reason: `\`${key}\` 中是全角冒号「：」，YAML 只认半角冒号加空格；应写 \`${fixed}\`（中文输入法下请切换到英文标点）`,
            reasonEn: `\`${key}\` holds a full-width colon 「：」; YAML needs an ASCII colon and a space: \`${fixed}\``,
          },
          locate.path([...path, key], { key: true }),
          { expected: [fixed] },
        )
        // The map it sits in is explained too: its missing keys follow from this one.
        explained.push(pointer(path))
        continue
      }
      walk(v, [...path, key], depth + 1)
    }
  }
  walk(data, [], 0)
  return explained
}

/**
 * Questions on a terminal for `nianbao new` when there is no earlier report
 * to take the agency details from (node:readline, one line per answer).
 */
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { levels, metaFields } from '../formats/common.js'
import { t } from './strings.js'

export interface Answers {
  agency: string
  level?: string
  region?: string
  year?: number
}

const levelLabels = metaFields.find((f) => f.key === 'level')?.valueLabels ?? {}

/** `county`, `县级` or `县` → `county`; empty → undefined; anything else → null (ask again). */
export function parseLevel(answer: string): string | undefined | null {
  const text = answer.trim()
  if (text === '') return undefined
  if ((levels as readonly string[]).includes(text)) return text
  const found = Object.entries(levelLabels).find(([, label]) => label === text || label.replace(/级$/, '') === text)
  return found ? found[0] : null
}

/**
 * Ask for what is missing: the agency name (required), level and region
 * (optional), and the year when `year` is given as the proposed default.
 */
export async function askDetails(
  input: Readable,
  output: Writable,
  known: { agency?: string; level?: string; region?: string; year?: number },
): Promise<Answers> {
  const rl = createInterface({ input, output })
  // Lines are read through the iterator, which buffers them: answers typed (or piped) ahead of a
  // question are kept, and an input that ends (Ctrl-D) answers every remaining question with nothing.
  const lines = rl[Symbol.asyncIterator]()
  const question = async (text: string) => {
    output.write(text)
    const next = await lines.next()
    return next.done ? '' : String(next.value).trim()
  }
  let ended = false
  rl.on('close', () => {
    ended = true
  })
  try {
    let agency = known.agency ?? ''
    while (!agency && !ended) agency = await question(t('new.askAgency'))
    let level = known.level
    if (level === undefined) {
      const choices = levels.map((l) => `${l}/${levelLabels[l] ?? l}`).join(' ')
      for (;;) {
        const parsed = parseLevel(await question(t('new.askLevel', { choices })))
        if (parsed !== null) {
          level = parsed
          break
        }
        output.write(t('new.askAgain') + '\n')
      }
    }
    const region = known.region ?? ((await question(t('new.askRegion'))) || undefined)
    let year = known.year
    if (year !== undefined) {
      const answer = await question(t('new.askYear', { year: String(year) }))
      if (/^\d{4}$/.test(answer)) year = Number(answer)
    }
    return { agency, ...(level ? { level } : {}), ...(region ? { region } : {}), ...(year !== undefined ? { year } : {}) }
  } finally {
    rl.close()
  }
}

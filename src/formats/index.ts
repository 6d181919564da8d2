import { gb2019 } from './gb2019.js'
import { gb2021 } from './gb2021.js'
import type { FormatDefinition } from './types.js'

/** Every known format, newest first. */
export const formats: readonly FormatDefinition[] = [gb2021, gb2019]

export function getFormat(id: string): FormatDefinition | undefined {
  return formats.find((f) => f.id === id)
}

/**
 * The format meant for a report year: the one whose range contains it;
 * years before the oldest format get the oldest (pre-2019 formats are not modelled).
 */
export function formatForYear(year: number): FormatDefinition {
  const fitting = formats.find((f) => year >= f.years.from && (f.years.to === undefined || year <= f.years.to))
  return fitting ?? (year < formats.at(-1)!.years.from ? formats.at(-1)! : formats[0]!)
}

export type * from './types.js'

import { gb2019 } from './gb2019.js'
import { gb2021 } from './gb2021.js'
import type { FormatDefinition, FormatId } from './types.js'

/** Every known format, newest first. */
export const formats: readonly FormatDefinition[] = [gb2021, gb2019]

export function getFormat(id: string): FormatDefinition | undefined {
  return formats.find((f) => f.id === id)
}

/** The format meant for a report year: the newest whose range contains it. */
export function formatForYear(year: number): FormatDefinition {
  return formats.find((f) => year >= f.years.from && (f.years.to === undefined || year <= f.years.to)) ?? formats[0]!
}

export type * from './types.js'

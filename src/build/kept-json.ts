/**
 * The small JSON files a build keeps beside its outputs (what it wrote last
 * time, by key). One that is missing, unreadable or not a JSON object (hand
 * edited, or from another tool) reads as nothing kept: the outputs it
 * describes are then written again, never trusted and never a failure.
 */
import { readFile } from 'node:fs/promises'

export async function readKeptJson(path: string): Promise<Record<string, unknown> | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The `key` a kept file records, if it is a string. */
export async function readKeptKey(path: string): Promise<string | undefined> {
  const key = (await readKeptJson(path))?.key
  return typeof key === 'string' ? key : undefined
}

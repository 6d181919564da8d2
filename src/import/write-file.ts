/** Whether the imported report's target already exists (it is never replaced without --force). */
import { constants } from 'node:fs'
import { access } from 'node:fs/promises'

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK)
    return true
  } catch {
    return false
  }
}

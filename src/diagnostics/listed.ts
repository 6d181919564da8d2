/**
 * The first few of a list for a message, and a word for the rest: a
 * diagnostic names a handful of places or files, never thousands (a folder
 * of 900 copies would otherwise give each copy a message naming all the others).
 */
export function listed(items: readonly string[], shown: number, more: (total: number) => string, separator: string): string {
  return items.slice(0, shown).join(separator) + (items.length > shown ? more(items.length) : '')
}

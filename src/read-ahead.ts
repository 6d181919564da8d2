/**
 * Loads that wait on the disk, started a few items before their turn and
 * given in order: reading overlaps the work on the item before, and no more
 * than `ahead` loads are waiting at once, however many items there are.
 */

/** `load` of each item in order, each started up to `ahead` items early; a failed load throws in its turn. */
export async function* readAhead<T, R>(items: readonly T[], ahead: number, load: (item: T) => Promise<R>): AsyncGenerator<R> {
  const pending: Promise<R>[] = []
  const start = (i: number) => {
    const loading = load(items[i]!)
    // Awaited in its turn; until then a failure must not be an unhandled rejection.
    loading.catch(() => undefined)
    pending.push(loading)
  }
  for (let i = 0; i < Math.min(ahead, items.length); i++) start(i)
  for (let i = 0; i < items.length; i++) {
    const value = await pending.shift()!
    if (i + ahead < items.length) start(i + ahead)
    yield value
  }
}

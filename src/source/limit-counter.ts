/** A count (or a maximum) measured against a limit: the final value, and where it first went past. */
export class LimitCounter {
  value = 0
  offset: number | undefined
  constructor(private readonly limit: number) {}
  add(n: number, offset: number): void {
    this.value += n
    if (this.offset === undefined && this.value > this.limit) this.offset = offset
  }
  max(n: number, offset: number): void {
    if (n > this.value) this.value = n
    if (this.offset === undefined && n > this.limit) this.offset = offset
  }
}

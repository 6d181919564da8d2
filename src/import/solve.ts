/**
 * A table read as a constraint problem. Each uncertain row (digits run
 * together, a number too many or too few) is a variable whose values are
 * its candidate readings; the format's rules are linear equations over the
 * cells. Variables are taken in order and the partial sums of the equations
 * still open are the state (dynamic programming, so equal states merge);
 * a backward pass then keeps the candidates that lie on some path that
 * satisfies every equation. The work is capped: past the cap the answer is
 * "capped", never a hang.
 */
import type { CellKey, Linear } from './constraints.js'

export type Reading = (number | null)[]

export interface Variable {
  /** The cell of each position of a reading; `undefined` for a position that is no cell. */
  cells: (CellKey | undefined)[]
  candidates: Reading[]
}

export interface Solved {
  /** Per variable, the indices of the candidates some full solution uses (empty: none fits). */
  feasible: number[][]
  /** Whether any assignment satisfies every equation. */
  satisfiable: boolean
  /** The search passed its cap: nothing can be concluded. */
  capped: boolean
}

/** Transitions kept across all layers, at most. */
export const SOLVE_CAP = 200_000
const EPS = 1e-6

interface Open {
  /** Equation index. */
  id: number
  last: number
}

export function solve(variables: Variable[], fixed: ReadonlyMap<CellKey, number | null>, equations: Linear[], cap = SOLVE_CAP): Solved {
  const n = variables.length
  const where = new Map<CellKey, [number, number]>()
  variables.forEach((v, i) => v.cells.forEach((cell, k) => cell !== undefined && where.set(cell, [i, k])))
  // Equations that touch a variable, with their constant part; an equation over a blank or
  // missing cell cannot be checked, and one over fixed cells only is the validator's business.
  const constant: number[] = []
  const touch: { id: number; k: number; coef: number }[][] = variables.map(() => [])
  const opens: Open[] = []
  equations.forEach((eq) => {
    let sum = 0
    let checkable = true
    let first = Infinity
    let last = -1
    const terms: [number, number, number][] = []
    for (const [cell, coef] of eq.terms) {
      const at = where.get(cell)
      if (at) {
        terms.push([at[0], at[1], coef])
        first = Math.min(first, at[0])
        last = Math.max(last, at[0])
        continue
      }
      const value = fixed.get(cell)
      if (value === null || value === undefined) checkable = false
      else sum += coef * value
    }
    if (!checkable || last < 0) return
    const id = constant.length
    constant.push(sum)
    for (const [v, k, coef] of terms) touch[v]!.push({ id, k, coef })
    opens.push({ id, last })
  })
  const lastOf = new Map(opens.map((o) => [o.id, o.last]))

  type State = Map<number, number>
  const key = (s: State) => [...s].sort((a, b) => a[0] - b[0]).map(([id, v]) => `${id}:${Number.isNaN(v) ? 'x' : v.toFixed(6)}`).join(',')
  let layer = new Map<string, State>([['', new Map()]])
  const edges: { from: string; cand: number; to: string }[][] = []
  let work = 0
  for (let i = 0; i < n; i++) {
    const next = new Map<string, State>()
    const out: { from: string; cand: number; to: string }[] = []
    for (const [fromKey, state] of layer) {
      variables[i]!.candidates.forEach((reading, c) => {
        if (++work > cap) return
        const s: State = new Map(state)
        for (const { id, k, coef } of touch[i]!) {
          const value = reading[k]
          const base = s.get(id) ?? constant[id]!
          s.set(id, value === null || value === undefined || Number.isNaN(base) ? NaN : base + coef * value)
        }
        for (const [id, sum] of s) {
          if (lastOf.get(id) !== i) continue
          if (!Number.isNaN(sum) && Math.abs(sum) > EPS) return
          s.delete(id)
        }
        const toKey = key(s)
        if (!next.has(toKey)) next.set(toKey, s)
        out.push({ from: fromKey, cand: c, to: toKey })
      })
    }
    if (work > cap) return { feasible: variables.map(() => []), satisfiable: false, capped: true }
    edges.push(out)
    layer = next
  }
  // Backward: keep what reaches the end.
  let alive = new Set(layer.has('') ? [''] : [])
  const feasible: number[][] = variables.map(() => [])
  for (let i = n - 1; i >= 0; i--) {
    const before = new Set<string>()
    const cands = new Set<number>()
    for (const edge of edges[i]!) {
      if (!alive.has(edge.to)) continue
      before.add(edge.from)
      cands.add(edge.cand)
    }
    feasible[i] = [...cands].sort((a, b) => a - b)
    alive = before
  }
  return { feasible, satisfiable: n === 0 ? true : alive.has(''), capped: false }
}

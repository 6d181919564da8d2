/** Severity of a diagnostic; `error` stops a build, `warning` does not. */
export type Severity = 'error' | 'warning' | 'info'

/** Message language. */
export type Lang = 'zh' | 'en'

/** Stage that produced a diagnostic. */
export type Stage = 'source' | 'schema' | 'rules' | 'template' | 'pdf' | 'bundle' | 'import' | 'editor' | 'cli'

/**
 * One problem found in one file, modelled on vfile messages and
 * serialisable as JSON. Positions are 1-based; the message never contains
 * the position.
 */
export interface Diagnostic {
  file: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
  severity: Severity
  ruleId: string
  source: Stage
  message: string
  expected?: string[]
  actual?: string
  note?: string
  url?: string
  cause?: Diagnostic
}

/** A 1-based point; `offset` is 0-based into the file text. */
export interface Point {
  line: number
  column: number
  offset?: number
}

export interface Place {
  start: Point
  end?: Point
}

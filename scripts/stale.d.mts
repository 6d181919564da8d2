/** Types of stale.mjs (plain JavaScript: it runs before anything is compiled). */
export declare const BUILD_INPUTS: readonly string[]
export declare const STAMP: string
export declare function isStale(root: string): boolean

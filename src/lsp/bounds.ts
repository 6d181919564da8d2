/**
 * Bounds on the work the server does for one document. A report is about
 * 10,000 characters and is checked in about 20 ms; a document a hundred
 * times larger is not analysed, and an analysis that runs past the time
 * limit is stopped (its worker thread is replaced), each with one
 * diagnostic that says why — so a hostile paste cannot stall the editor.
 */
export const MAX_DOCUMENT_CHARS = 1024 * 1024

/** Time for one validation before its worker is stopped. */
export const ANALYSIS_TIME_LIMIT_MS = 10_000

/** Time a hover or completion waits for the worker (busy with a long validation) before answering nothing. */
export const QUERY_TIME_LIMIT_MS = 2_000

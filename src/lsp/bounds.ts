/**
 * Bounds on the work the server does for one document. The two limits that
 * become diagnostics — the document size (`document-size-limit`) and the
 * time of one validation (`analysis-time-limit`) — are defined with every
 * other input limit in src/limits.ts (`editorDocumentChars`,
 * `editorAnalysisMillis`); only the server's internal wait is here.
 */
import { limits } from '../limits.js'

/** Characters of a document the server analyses (a report is about 10,000). */
export const MAX_DOCUMENT_CHARS = limits.editorDocumentChars

/** Time for one validation before its worker is stopped (the default of the `timeLimitMs` setting). */
export const ANALYSIS_TIME_LIMIT_MS = limits.editorAnalysisMillis

/** Time a hover or completion waits for the worker (busy with a long validation) before answering nothing. */
export const QUERY_TIME_LIMIT_MS = 2_000

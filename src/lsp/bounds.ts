/**
 * Bounds on the work the server does for one document. A report is about
 * 10,000 characters; a document a hundred times larger is not analysed
 * (one diagnostic says why), so a huge paste cannot stall the editor.
 */
export const MAX_DOCUMENT_CHARS = 1024 * 1024

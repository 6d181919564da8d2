/**
 * nianbao as a library: load, validate and render government information
 * disclosure annual reports. Re-exports only.
 */
export { formats, getFormat, formatForYear } from './formats/index.js'
export type * from './formats/types.js'
export { generateSchema } from './formats/schema.js'
export { loadReport, loadReportFromText } from './source/report.js'
export type { Report, ReportMeta } from './source/report.js'
export type { Cell, CellOrigin, Stats } from './source/cells.js'
export { validateReport } from './validate/index.js'
export { validatePaths, collectReportFiles } from './pipeline.js'
export { diagnosticsOf } from './diagnostics/emit.js'
export { reportText } from './diagnostics/report-text.js'
export { reportJson } from './diagnostics/report-json.js'
export { catalog } from './diagnostics/catalog.js'
export type { Diagnostic, Severity, Lang } from './diagnostics/types.js'

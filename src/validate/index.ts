/**
 * Validate stage: schema, then the consistency rules. Reports through the
 * file's messages only.
 */
import type { VFile } from 'vfile'
import { checkSchema } from './schema.js'
import { checkCrossYear } from './rules/cross-year.js'
import { checkDataRules } from './rules/data-rules.js'
import { checkFileName, checkFormatYear, checkPublished, checkRegulationLevel } from './rules/meta-rules.js'
import { checkNarrative } from './rules/narrative.js'
import { checkReferences } from './rules/references.js'
import { checkReviewMarks } from './rules/review-marks.js'
import { checkSections } from './rules/section-rules.js'

export interface ValidateOptions {
  /** The same agency's report for the previous year, already loaded. */
  previous?: VFile
}

export function validateReport(file: VFile, options: ValidateOptions = {}): void {
  const report = file.data.report
  if (!report) return
  checkSchema(file)
  checkReviewMarks(file)
  checkFormatYear(file, report)
  checkFileName(file, report)
  checkPublished(file, report)
  checkRegulationLevel(file, report)
  checkDataRules(file, report)
  checkSections(file, report)
  checkReferences(file, report)
  checkNarrative(file, report)
  const previous = options.previous?.data.report
  if (previous && previous.meta.year === report.meta.year - 1) checkCrossYear(file, report, previous)
}

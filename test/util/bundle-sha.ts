/**
 * Child process for the time-zone test: build the bundle of one report with
 * placeholder page and PDF, print its SHA-256.
 */
import { readFileSync } from 'node:fs'
import { createBundle } from '../../src/bundle/zip.js'
import { sha256 } from '../../src/bundle/manifest.js'
import { loadReport } from '../../src/source/report.js'
import { validateReport } from '../../src/validate/index.js'

const path = process.argv[2]!
const file = await loadReport(path)
validateReport(file)
const bundle = createBundle({ file, source: readFileSync(path), html: '<p>placeholder</p>', pdf: new Uint8Array([37, 80, 68, 70]) })!
process.stdout.write(`${sha256(bundle.zip)}\n`)

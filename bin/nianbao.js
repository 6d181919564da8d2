#!/usr/bin/env node
// Before the command line is parsed: a one-report PDF build starts its PDF thread (src/cli/early-pdf.ts).
const { startEarly } = await import('../dist/cli/early-pdf.js')
await startEarly(process.argv.slice(2))
await import('../dist/cli/main.js')

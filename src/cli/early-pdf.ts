/**
 * `nianbao build report.md --to pdf` starts its PDF thread before the
 * command line is parsed (bin/nianbao.js): loading yargs and the commands
 * takes a third of a second that the thread can use to load pdfmake and the
 * fonts. Only a plain reading of the arguments is needed here; when it is
 * unsure it says no, and the build starts the thread itself.
 */
/** Options of `build` that take a value (the next argument unless written `--name=value`). */
const VALUED = new Set(['--to', '--out', '--templates', '--jobs', '--lang', '--rule', '--format'])

/** Whether `argv` (without node and the script) builds named reports into a PDF or a bundle. */
export function isPdfBuild(argv: readonly string[]): boolean {
  if (argv[0] !== 'build') return false
  let paths = 0
  let to: string | undefined
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') return false
    if (!arg.startsWith('-')) {
      paths++
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(0, eq) : arg
    if (!VALUED.has(name)) continue
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
    if (name === '--to' && value !== undefined) to = `${to ?? ''},${value}`
  }
  // A build without paths is the whole tree: its worker pool renders the PDFs.
  return paths > 0 && to !== undefined && to.split(',').some((t) => t.trim() === 'pdf' || t.trim() === 'bundle')
}

/** Start the PDF thread if `argv` is such a build; other commands load nothing of it. */
export async function startEarly(argv: readonly string[]): Promise<void> {
  if (isPdfBuild(argv)) (await import('../build/pdf-thread.js')).startPdfThreadEarly()
}

/**
 * The inputs mutations start from: every report in content/ and under
 * test/fixtures/ (rule fixtures, source and render cases), the seed texts
 * and import fixtures (text, HTML, PDF), a .docx made from a seed text, and
 * bundles built from two of the content reports, and the hostile inputs of
 * the robustness tests (hostileSeeds). Built bundles and the .docx are
 * cached in the run's work folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

export type SeedKind = 'report' | 'text' | 'html' | 'pdf' | 'docx' | 'bundle'

export interface Seed {
  /** Where it came from, relative to the repository. */
  name: string
  kind: SeedKind
  bytes: Uint8Array
}

const root = join(import.meta.dirname, '..')

function files(dir: string, test: (path: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'fuzz' && entry.name !== 'node_modules') files(path, test, out)
    } else if (test(path) && statSync(path).size <= 256 * 1024) out.push(path)
  }
  return out.sort()
}

const kindOf = (path: string): SeedKind | undefined => {
  if (path.endsWith('.md')) return 'report'
  if (path.endsWith('.txt')) return 'text'
  if (/\.html?$/.test(path)) return 'html'
  if (path.endsWith('.pdf')) return 'pdf'
  return undefined
}

/** A .docx of a seed text (paragraphs and one table), made with the `docx` package (a dev dependency). */
async function docxSeed(text: string): Promise<Uint8Array | undefined> {
  try {
    const { Document, Packer, Paragraph, Table, TableCell, TableRow } = await import('docx')
    const lines = text.split('\n').filter((l) => l.trim() !== '')
    const rows = lines.filter((l) => /\d\s+\d/.test(l)).slice(0, 10)
    const table = new Table({
      rows: rows.map((l) => new TableRow({ children: l.trim().split(/\s+/).slice(0, 8).map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
    })
    const doc = new Document({ sections: [{ children: [...lines.map((l) => new Paragraph(l)), ...(rows.length ? [table] : [])] }] })
    return new Uint8Array(await Packer.toBuffer(doc))
  } catch {
    return undefined
  }
}

/** Bundles of two content reports, built once per work folder with the library (as `build --to bundle` does). */
async function bundleSeeds(work: string): Promise<Seed[]> {
  const { writeFileSync } = await import('node:fs')
  const reports = files(join(root, 'content'), (p) => p.endsWith('.md')).slice(0, 2)
  const seeds: Seed[] = []
  for (const path of reports) {
    const cached = join(work, `${relative(root, path).replace(/[/\\]/g, '_')}.zip`)
    if (!existsSync(cached)) {
      const { loadReport } = await import('../src/source/report.js')
      const { validateReport } = await import('../src/validate/index.js')
      const { renderHtml } = await import('../src/render/html.js')
      const { renderPdf } = await import('../src/render/pdf/index.js')
      const { createBundle } = await import('../src/bundle/zip.js')
      const file = await loadReport(path)
      validateReport(file)
      const html = await renderHtml(file)
      const pdf = html && (await renderPdf(html, file))
      const bundle = html && pdf ? createBundle({ file, source: readFileSync(path), html, pdf }) : undefined
      if (!bundle) continue
      writeFileSync(cached, bundle.zip)
    }
    seeds.push({ name: relative(root, path).replace(/\.md$/, '.zip'), kind: 'bundle', bytes: readFileSync(cached) })
  }
  return seeds
}

/** Every seed of the given kinds. */
export async function loadCorpus(work: string, kinds: ReadonlySet<SeedKind>): Promise<Seed[]> {
  const seeds: Seed[] = []
  const add = (path: string) => {
    const kind = kindOf(path)
    if (kind && kinds.has(kind)) seeds.push({ name: relative(root, path), kind, bytes: readFileSync(path) })
  }
  for (const path of files(join(root, 'content'), (p) => p.endsWith('.md'))) add(path)
  for (const path of files(join(root, 'test', 'fixtures'), (p) => kindOf(p) !== undefined)) add(path)
  if (kinds.has('docx')) {
    const { writeFileSync } = await import('node:fs')
    const cached = join(work, 'seed.docx')
    if (!existsSync(cached)) {
      const text = seeds.find((s) => s.kind === 'text') ?? { bytes: readFileSync(files(join(root, 'test', 'fixtures', 'seeds'), () => true)[0]!) }
      const bytes = await docxSeed(new TextDecoder().decode(text.bytes))
      if (bytes) writeFileSync(cached, bytes)
    }
    if (existsSync(cached)) seeds.push({ name: 'seed.docx (made from a seed text)', kind: 'docx', bytes: readFileSync(cached) })
  }
  if (kinds.has('bundle')) seeds.push(...(await bundleSeeds(work)))
  seeds.push(...(await hostileSeeds(kinds)))
  return seeds
}

/**
 * The inputs the robustness issues found, made by the tests' own generators, so that
 * mutations start from them too: reports over every input limit, PDFs whose page
 * tree loops, whose flate stream is broken or whose xref is wrong, a flate bomb, and a
 * .docx whose document.xml inflates to a gigabyte.
 */
async function hostileSeeds(kinds: ReadonlySet<SeedKind>): Promise<Seed[]> {
  const seeds: Seed[] = []
  const encode = (text: string) => new TextEncoder().encode(text)
  if (kinds.has('report')) {
    // Only those over a limit: the costliest files within the limits (atLimitCases) take seconds
    // each by design, and as seeds they would make most cases slow without finding more.
    const { hostileCases } = await import('../test/util/limit-cases.js')
    for (const c of hostileCases) {
      const bytes = encode(c.make())
      // Larger ones are refused by size alone before any parser runs: nothing for a mutation to find.
      if (bytes.length <= 1024 * 1024) seeds.push({ name: `limit case: ${c.name}`, kind: 'report', bytes })
    }
  }
  if (kinds.has('pdf') || kinds.has('docx')) {
    const hostile = await import('../test/util/hostile-inputs.js')
    if (kinds.has('pdf')) {
      seeds.push(
        { name: 'hostile: PDF page tree referring to itself', kind: 'pdf', bytes: hostile.pdfLoopingPageTree() },
        { name: 'hostile: PDF with a broken flate stream', kind: 'pdf', bytes: hostile.pdfBrokenFlate() },
        { name: 'hostile: PDF with a bad xref entry', kind: 'pdf', bytes: hostile.pdfBadXref() },
        { name: 'hostile: PDF flate bomb (1 GB)', kind: 'pdf', bytes: hostile.pdfFlateBomb() },
      )
    }
    if (kinds.has('docx')) seeds.push({ name: 'hostile: .docx whose document.xml inflates to 1 GB', kind: 'docx', bytes: hostile.docxBomb() })
  }
  return seeds
}

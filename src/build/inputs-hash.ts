/**
 * What a report's outputs depend on, as one SHA-256: its source bytes, the
 * previous year's source (cross-year rules feed data.json), the templates
 * (official, agency and --templates), fonts and the config that picks them,
 * the targets, and nianbao itself (version and code). Same key, same outputs.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findConfigFile, isConfigProblem, readPdfConfig } from '../render/pdf/config.js'
import { defaultFontFiles } from '../render/pdf/fonts.js'
import { builtinTemplatesDir } from '../render/templates-dir.js'
import type { SourceReads } from '../source/source-reads.js'
import { version } from '../version.js'

/** Bumped when the key recipe changes, so old caches never match. */
const KEY_VERSION = 2

const hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

async function readOrEmpty(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path)
  } catch {
    return undefined
  }
}

/**
 * Hash of every file under `dir` (names and bytes, or with `identities` names, sizes and
 * modification times), `-` when it does not exist. Files are read in parallel, hashed in order.
 */
async function dirHash(dir: string, filter: (name: string) => boolean = () => true, identities = false): Promise<string> {
  const files: string[] = []
  async function walk(current: string): Promise<void> {
    let entries
    try {
      entries = await readdir(current, { withFileTypes: true })
    } catch {
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile() && filter(entry.name)) files.push(path)
    }
  }
  await walk(dir)
  if (files.length === 0) return '-'
  const parts = await Promise.all(files.map((path) => (identities ? fileIdentity(path) : readFile(path))))
  const hash = createHash('sha256')
  files.forEach((path, i) => hash.update(relative(dir, path)).update('\0').update(parts[i]!).update('\0'))
  return hash.digest('hex')
}

/** A font file's identity without reading 15 MB: size and modification time. */
async function fileIdentity(path: string): Promise<string> {
  try {
    const info = await stat(path)
    return `${path}:${info.size}:${Math.trunc(info.mtimeMs)}`
  } catch {
    return `${path}:missing`
  }
}

export interface KeyOptions {
  targets: readonly string[]
  /** `--templates DIR`. */
  templates?: string
  /** Message language and `--rule` severities: data.json carries the diagnostics. */
  lang?: string
  severities?: Record<string, string>
  /** `--pdf-a`. */
  pdfA?: boolean
}

/** Per-build memo: folders and configs shared by many reports are hashed once. */
export class InputHasher {
  private readonly dirs = new Map<string, Promise<string>>()
  private readonly configs = new Map<string, Promise<string>>()
  private environment: Promise<string> | undefined

  constructor(private readonly options: KeyOptions) {}

  private dir(path: string, filter?: (name: string) => boolean, identities = false): Promise<string> {
    let hash = this.dirs.get(path)
    if (!hash) this.dirs.set(path, (hash = dirHash(path, filter, identities)))
    return hash
  }

  /** nianbao's version and code: what the build cache's other memos (report identities) depend on. */
  async codeHash(): Promise<string> {
    const code = await this.dir(resolve(dirname(fileURLToPath(import.meta.url)), '..'), (n) => /\.(js|ts)$/.test(n), true)
    return hex(JSON.stringify({ key: KEY_VERSION, version, code }))
  }

  /** What every output of this build depends on besides its own report: code, fonts, options, templates. */
  shared(): Promise<string> {
    return this.env()
  }

  /** Everything that is the same for all reports of this build. */
  private env(): Promise<string> {
    this.environment ??= (async () => {
      // nianbao's own code (dist/ or src/), so a rebuilt nianbao rebuilds the outputs even without a
      // version bump. By size and modification time: a build rewrites what it changes, and a no-op
      // `npm start` then stats some 400 files instead of reading them.
      const code = await this.codeHash()
      const fonts = await Promise.all(Object.values(defaultFontFiles).flatMap((f) => [fileIdentity(f.normal), fileIdentity(f.bold)]))
      return hex(
        JSON.stringify({
          code,
          targets: [...this.options.targets].sort(),
          lang: this.options.lang ?? 'zh',
          pdfA: this.options.pdfA === true,
          severities: Object.entries(this.options.severities ?? {}).sort(),
          templates: await this.dir(builtinTemplatesDir),
          override: this.options.templates ? await this.dir(resolve(this.options.templates)) : '-',
          fonts,
        }),
      )
    })()
    return this.environment
  }

  /** The config that applies to a report, with the identity of every font file it names. */
  private config(reportPath: string): Promise<string> {
    const dir = resolve(dirname(reportPath))
    let hash = this.configs.get(dir)
    if (!hash) {
      hash = (async () => {
        const path = await findConfigFile(reportPath)
        if (!path) return '-'
        const bytes = (await readOrEmpty(path)) ?? new Uint8Array()
        const config = await readPdfConfig(path)
        const fonts = isConfigProblem(config)
          ? []
          : await Promise.all(
              Object.values(config.fonts).flatMap((files) =>
                (typeof files === 'string' ? [files] : [files.normal, ...(files.bold ? [files.bold] : [])]).map((f) =>
                  fileIdentity(resolve(dirname(path), f)),
                ),
              ),
            )
        return hex(JSON.stringify({ path, bytes: hex(bytes), fonts }))
      })()
      this.configs.set(dir, hash)
    }
    return hash
  }

  /**
   * The cache key of one report, or `undefined` when its source cannot be read. The sources come
   * from the build's one read of each (source/source-reads.ts).
   */
  async key(reportPath: string, year: number | undefined, sources: SourceReads): Promise<string | undefined> {
    const source = sources.read(reportPath)
    if (!source) return undefined
    const previous = year ? sources.read(join(dirname(reportPath), `${year - 1}.md`)) : undefined
    return hex(
      JSON.stringify({
        env: await this.env(),
        source: source.hash,
        previous: previous?.hash ?? '-',
        agencyTemplates: await this.dir(join(resolve(dirname(reportPath)), 'templates')),
        config: await this.config(reportPath),
      }),
    )
  }
}

/** The report year from a `<year>.md` file name. */
export function yearOfPath(path: string): number | undefined {
  const match = /(\d{4})\.md$/.exec(path)
  return match ? Number(match[1]) : undefined
}

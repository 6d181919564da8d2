/**
 * Fonts for the PDF: Noto Serif SC and Noto Sans SC (OFL, from npm) by
 * default, or an agency's own licensed files named in `nianbao.config.*`.
 *
 * pdfmake is a process-wide singleton; it is loaded here and only here, so
 * the fontkit memo below is in place before pdfkit first requires fontkit.
 * pdfmake's virtual file system is replaced by `fontFiles`, which reads a
 * font file when a document first uses it, once per process (always the
 * same Buffer object, font-bytes.ts), and fontkit parses it once, so a
 * batch of reports pays for font parsing once (library-notes §1.8).
 */
import { createRequire, Module } from 'node:module'
import { dirname, resolve } from 'node:path'
import type { TFontDictionary } from 'pdfmake/interfaces.js'
import { fontMagic, readFontBytes } from './font-bytes.js'
import { installGlyphReading } from './sparse-font.js'

const req = createRequire(import.meta.url)

/** The font roles the layout uses, after GB/T 9704-2012. */
export type FontRole = 'title' | 'heading' | 'subheading' | 'body'

/** A role's files: one path for every weight, or a regular and a bold file. */
export type FontFiles = string | { normal: string; bold?: string }

/** Font settings from `nianbao.config.*` (`pdf.fonts`), paths relative to the config file. */
export type FontConfig = Partial<Record<FontRole, FontFiles>>

/** What pdfmake needs for one render: the family name for each role and the dictionary. */
export interface FontSet {
  families: Record<FontRole, string>
  /** Whether the role's family has a real bold face (a single file does not). */
  hasBold: Record<FontRole, boolean>
  /** Whether the role uses a file from the configuration (else the Noto default). */
  configured: Record<FontRole, boolean>
  dictionary: TFontDictionary
}

/** Statistics of the fontkit memo, for the test that it is hit. */
export const fontkitMemoStats = { hits: 0, misses: 0 }

/** What pdfmake and pdfkit ask of a virtual file system. */
interface VirtualFiles {
  existsSync(name: string): boolean
  readFileSync(name: string, options?: unknown): Buffer | string
  writeFileSync(name: string, content: Buffer | string): void
}

/**
 * The font files by their names in the font dictionary: registered as paths
 * (`loadFile`) and read on first use. pdfmake calls `existsSync` then
 * `readFileSync` only for a font a document sets, so an unused file is
 * never read. Anything else written here (pdfmake's URL resolver, which the
 * access policies keep idle) is kept as given.
 */
const fontFiles = new (class implements VirtualFiles {
  readonly paths = new Map<string, string>()
  readonly written = new Map<string, Buffer>()
  existsSync(name: string): boolean {
    return this.paths.has(name) || this.written.has(name)
  }
  readFileSync(name: string, options?: unknown): Buffer | string {
    const path = this.paths.get(name)
    const bytes = path !== undefined ? readFontBytes(path) : this.written.get(name)
    if (!bytes) throw new Error(`File '${name}' not found in virtual file system`)
    const encoding = typeof options === 'object' && options ? (options as { encoding?: BufferEncoding }).encoding : (options as BufferEncoding | undefined)
    return encoding ? bytes.toString(encoding) : bytes
  }
  writeFileSync(name: string, content: Buffer | string): void {
    this.written.set(name, typeof content === 'string' ? Buffer.from(content) : content)
  }
})()

interface PdfMakeInstance {
  virtualfs: VirtualFiles
  setFonts(fonts: TFontDictionary): void
  setUrlAccessPolicy(cb: (url: string) => boolean): void
  setLocalAccessPolicy(cb: (path: string) => boolean): void
  createPdf(dd: unknown, options?: unknown): { getBuffer(): Promise<Buffer> }
}

let instance: PdfMakeInstance | undefined

interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string): unknown
}

/** The pdfmake singleton, with the fontkit memo and both access policies denying. */
export function pdfmake(): PdfMakeInstance {
  if (instance) return instance
  const pdfkitPath = req.resolve('pdfkit')
  const fontkitPath = req.resolve('fontkit', { paths: [dirname(pdfkitPath)] })
  deferModules({ fontkit: fontkitPath, pdfkit: pdfkitPath })
  const real = req(fontkitPath) as Fontkit
  const memo = new WeakMap<Uint8Array, unknown>()
  const cached = req.cache[fontkitPath]
  // fontkit's CJS exports are non-configurable getters, so the module's
  // exports are swapped instead; pdfkit picks the wrapper up on first require.
  if (cached && !req.cache[pdfkitPath]) {
    cached.exports = {
      ...real,
      create(buffer: Uint8Array, postscriptName?: string) {
        // A font read sparsely (sparse-font.ts) reads each outline when fontkit first needs it.
        if (postscriptName) return withGlyphReading(real.create(buffer, postscriptName))
        let font = memo.get(buffer)
        if (font) fontkitMemoStats.hits++
        else {
          fontkitMemoStats.misses++
          font = withGlyphReading(real.create(buffer))
          memo.set(buffer, font)
        }
        return font
      },
    }
  }
  const loaded = req('pdfmake') as PdfMakeInstance
  // No fetching of URLs and no reading of local paths from a document
  // definition: fonts come only from the virtual file system.
  loaded.setUrlAccessPolicy(() => false)
  loaded.setLocalAccessPolicy(() => false)
  // pdfmake hands its instance's file system to every document (base.js `this.virtualfs`).
  loaded.virtualfs = fontFiles
  instance = loaded
  return loaded
}

function withGlyphReading<T>(font: T): T {
  if (font && typeof font === 'object') installGlyphReading(font)
  return font
}

/**
 * Modules that fontkit and pdfkit load when they load, for what a report
 * never needs: brotli's decompressor for WOFF2 files (it decodes a 120 KB
 * dictionary, some 40 ms), the hashes and AES of encryption (some 30 ms)
 * and the PNG decoder for images. Each is a stand-in that loads the real
 * module on first use. Relative to the package that requires it.
 */
const DEFERRED: readonly (readonly [request: string, requiredBy: 'fontkit' | 'pdfkit'])[] = [
  ['brotli/decompress.js', 'fontkit'],
  ['@noble/hashes/utils', 'pdfkit'],
  ['@noble/hashes/sha2', 'pdfkit'],
  ['@noble/ciphers/aes', 'pdfkit'],
  ['png-js', 'pdfkit'],
]

function deferModules(paths: Record<'fontkit' | 'pdfkit', string>): void {
  for (const [request, requiredBy] of DEFERRED) {
    let path: string
    try {
      path = req.resolve(request, { paths: [dirname(paths[requiredBy])] })
    } catch {
      continue
    }
    if (!req.cache[path]) req.cache[path] = standIn(path)
  }
}

/**
 * A module whose exports load the real module when first called, constructed or read from.
 * `__esModule` is answered without loading: fontkit asks it of brotli when it loads (none of
 * the deferred modules is used as a default export).
 */
function standIn(path: string): Module {
  let real: unknown
  const load = (): object => {
    if (real === undefined) {
      delete req.cache[path]
      real = req(path)
    }
    return real as object
  }
  const module = new Module(path)
  module.filename = path
  module.loaded = true
  module.exports = new Proxy(function deferred() {}, {
    apply: (_target, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
    construct: (_target, args) => Reflect.construct(load() as new (...a: unknown[]) => object, args),
    get: (_target, key) => (key === '__esModule' ? undefined : Reflect.get(load(), key)),
  })
  return module
}

function packageFont(pkg: string, weight: string, file: string): string {
  return resolve(dirname(req.resolve(`${pkg}/package.json`)), weight, file)
}

/** The default files: Noto Serif SC and Noto Sans SC, regular and bold. */
export const defaultFontFiles = {
  serif: {
    normal: packageFont('@expo-google-fonts/noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf'),
    bold: packageFont('@expo-google-fonts/noto-serif-sc', '700Bold', 'NotoSerifSC_700Bold.ttf'),
  },
  sans: {
    normal: packageFont('@expo-google-fonts/noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf'),
    bold: packageFont('@expo-google-fonts/noto-sans-sc', '700Bold', 'NotoSansSC_700Bold.ttf'),
  },
} as const

const loadedFiles = new Map<string, string>()

/** A font file could not be used; `path` is absolute. */
export class FontFileError extends Error {
  constructor(
    readonly role: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(reason)
  }
}

const FONT_MAGIC = new Set(['00010000', '4f54544f', '74727565', '74746366', '774f4646', '774f4632'])

/**
 * Register a font file in the virtual file system once; returns its vfs
 * name. Only its first bytes are read here, to say at once that a file is
 * missing or not a font; the rest when a document uses it.
 */
function loadFile(role: string, path: string): string {
  const known = loadedFiles.get(path)
  if (known) return known
  let magic: Buffer
  try {
    magic = fontMagic(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new FontFileError(role, path, code === 'ENOENT' ? '文件不存在' : `无法读取（${code ?? String(error)}）`)
  }
  if (!FONT_MAGIC.has(magic.toString('hex'))) {
    throw new FontFileError(role, path, '不是 TrueType/OpenType 字体文件')
  }
  const name = `nianbao-font-${loadedFiles.size}`
  fontFiles.paths.set(name, path)
  loadedFiles.set(path, name)
  return name
}

/** Default file per role: title and body in the serif, headings in the sans; no free Kai font on npm, so subheadings use the serif. */
const defaults: Record<FontRole, { normal: string; bold: string }> = {
  title: defaultFontFiles.serif,
  heading: defaultFontFiles.sans,
  subheading: defaultFontFiles.serif,
  body: defaultFontFiles.serif,
}

/**
 * The fonts for one render. `config` paths are resolved against `baseDir`.
 * Throws `FontFileError` for a missing or unreadable file.
 */
export function fontSet(config: FontConfig = {}, baseDir = process.cwd()): FontSet {
  const dictionary: TFontDictionary = {}
  const families = {} as Record<FontRole, string>
  const hasBold = {} as Record<FontRole, boolean>
  const configured = {} as Record<FontRole, boolean>
  for (const role of ['title', 'heading', 'subheading', 'body'] as const) {
    const given = config[role]
    let normal: string
    let bold: string
    let realBold = true
    if (given === undefined) {
      normal = loadFile(role, defaults[role].normal)
      bold = loadFile(role, defaults[role].bold)
    } else {
      const files = typeof given === 'string' ? { normal: given } : given
      normal = loadFile(role, resolve(baseDir, files.normal))
      realBold = files.bold !== undefined
      bold = files.bold !== undefined ? loadFile(role, resolve(baseDir, files.bold)) : normal
    }
    // CJK fonts have no italics; emphasis is mapped to other means.
    dictionary[role] = { normal, bold, italics: normal, bolditalics: bold }
    families[role] = role
    hasBold[role] = realBold
    configured[role] = given !== undefined
  }
  return { families, hasBold, configured, dictionary }
}

/**
 * `nianbao.config.json` (or `.mjs` / `.js`, default export) at the content
 * root: the first one found walking up from the report's folder. The `pdf`
 * key is read here: `pdf.fonts` and `pdf.pdfA` (archival PDF/A-2b):
 *
 * ```json
 * { "pdf": { "pdfA": true,
 *            "fonts": { "body": "fonts/仿宋_GB2312.ttf", "title": "fonts/方正小标宋简体.ttf",
 *                       "heading": "fonts/黑体.ttf", "subheading": "fonts/楷体_GB2312.ttf" } } }
 * ```
 */
import { readFile, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { FontConfig, FontFiles } from './fonts.js'

export const CONFIG_NAMES = ['nianbao.config.json', 'nianbao.config.mjs', 'nianbao.config.js']

export interface PdfConfig {
  /** Absolute path of the config file. */
  path: string
  fonts: FontConfig
  /** `pdf.pdfA`: write archival PDF/A-2b. */
  pdfA?: boolean
}

export interface ConfigProblem {
  path: string
  reason: string
}

const ROLES = ['title', 'heading', 'subheading', 'body'] as const

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  )
}

const found = new Map<string, Promise<string | undefined>>()

/** The config file that applies to a report, if any. */
export function findConfigFile(reportPath: string): Promise<string | undefined> {
  const dir = resolve(dirname(reportPath))
  let result = found.get(dir)
  if (!result) {
    result = (async () => {
      for (const name of CONFIG_NAMES) if (await isFile(join(dir, name))) return join(dir, name)
      const parent = dirname(dir)
      return parent === dir ? undefined : findConfigFile(join(parent, 'x'))
    })()
    found.set(dir, result)
  }
  return result
}

/** Forget where config files were found (a long-running preview sees one appear or go). */
export function clearConfigFileCache(): void {
  found.clear()
}

function fontFiles(value: unknown): FontFiles | undefined {
  if (typeof value === 'string' && value !== '') return value
  if (value && typeof value === 'object') {
    const { normal, bold } = value as Record<string, unknown>
    if (typeof normal === 'string' && normal !== '' && (bold === undefined || typeof bold === 'string'))
      return bold === undefined ? { normal } : { normal, bold }
  }
  return undefined
}

/** Read and check a config file; problems are returned, never thrown. */
export async function readPdfConfig(path: string): Promise<PdfConfig | ConfigProblem> {
  let data: unknown
  try {
    if (path.endsWith('.json')) data = JSON.parse(await readFile(path, 'utf8'))
    else data = ((await import(pathToFileURL(path).href)) as { default?: unknown }).default
  } catch (error) {
    return { path, reason: error instanceof Error ? error.message : String(error) }
  }
  const pdf = (data as { pdf?: unknown } | undefined)?.pdf
  const fontsValue = (pdf as { fonts?: unknown } | undefined)?.fonts
  const pdfA = (pdf as { pdfA?: unknown } | undefined)?.pdfA
  if (pdfA !== undefined && typeof pdfA !== 'boolean') return { path, reason: 'pdf.pdfA 应为 true 或 false' }
  const fonts: FontConfig = {}
  if (fontsValue !== undefined) {
    if (!fontsValue || typeof fontsValue !== 'object') return { path, reason: 'pdf.fonts 应为对象' }
    for (const [key, value] of Object.entries(fontsValue)) {
      if (!(ROLES as readonly string[]).includes(key))
        return { path, reason: `pdf.fonts 中意外的键 ${key}，应为 ${ROLES.join('、')} 之一` }
      const files = fontFiles(value)
      if (!files) return { path, reason: `pdf.fonts.${key} 应为字体文件路径，或 {"normal": 路径, "bold": 路径}` }
      fonts[key as (typeof ROLES)[number]] = files
    }
  }
  return pdfA === undefined ? { path, fonts } : { path, fonts, pdfA }
}

export function isConfigProblem(value: PdfConfig | ConfigProblem): value is ConfigProblem {
  return 'reason' in value
}

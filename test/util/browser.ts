/**
 * A real Chromium for the page tests (Debian's /usr/bin/chromium, which
 * .ci/run installs). CJK glyphs come from the Noto fonts in node_modules
 * via a private fontconfig file, so screenshots are readable without any
 * font being fetched by the page.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'

export const chromiumMissing = existsSync(chromiumPath) ? undefined : `${chromiumPath} is missing (.ci/run installs Debian's chromium)`

const fontDirs = ['noto-serif-sc/400Regular', 'noto-serif-sc/700Bold', 'noto-sans-sc/400Regular', 'noto-sans-sc/700Bold']
  .map((dir) => fileURLToPath(new URL(`../../node_modules/@expo-google-fonts/${dir}/`, import.meta.url)))
  .filter((dir) => existsSync(dir))

async function fontConfig(): Promise<string> {
  const dir = join(tmpdir(), 'nianbao-fontconfig')
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'fonts.conf')
  const system = existsSync('/etc/fonts/fonts.conf') ? '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' : ''
  await writeFile(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${system}\n${fontDirs
      .map((d) => `<dir>${d}</dir>`)
      .join('\n')}\n<cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  )
  return file
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    env: { ...process.env, FONTCONFIG_FILE: await fontConfig() },
  })
}

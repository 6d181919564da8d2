/**
 * XSS payloads and the report they are planted in: every payload goes into
 * the YAML strings (agency, region, index number) and into the Markdown body
 * as a paragraph, list item, quote, table cell, sub-heading and link text.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Element, Root } from 'hast'
import { elements } from './html-grid.js'

const fixtures = join(import.meta.dirname, '..', 'fixtures')

export const payloads: string[] = readFileSync(join(fixtures, 'xss', 'payloads.txt'), 'utf8').split('\n').filter((l) => l !== '')

const base = readFileSync(join(fixtures, 'render', 'computed-and-blank', 'input.md'), 'utf8')

/** A report with `payload` in its YAML strings and all over its body. */
export function reportWith(payload: string, bodyPayloads: string[] = [payload]): string {
  const yaml = JSON.stringify(payload)
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(base)!
  const meta = front!
    .replace(/^agency: .*$/m, `agency: ${JSON.stringify(`示例局${payload}`)}`)
    .replace(/^region: .*$/m, `region: ${yaml}\nindex_no: ${yaml}`)
  const planted = bodyPayloads
    .map((p) => `${p}\n\n- ${p}\n\n> ${p}\n\n| 项目 |\n| --- |\n| ${p} |\n\n### ${p}\n\n[${p}](https://example.org/)\n`)
    .join('\n')
  const text = body!.replace('## 一、总体情况\n', `## 一、总体情况\n\n${planted}\n`)
  return `---\n${meta}\n---\n${planted}\n${text}`
}

const activeTags = new Set([
  'script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'image', 'form', 'input', 'button', 'link', 'base',
  'details', 'noscript', 'textarea', 'select', 'audio', 'video', 'source', 'template', 'applet',
])
const urlProperties = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'data', 'srcDoc', 'poster', 'background']

/** Every way a payload could still be active in a parsed page; `[]` when none survived. */
export function activeContent(tree: Root, css: string): string[] {
  const found: string[] = []
  for (const el of elements(tree, () => true) as Element[]) {
    if (activeTags.has(el.tagName)) found.push(`<${el.tagName}>`)
    if (el.tagName === 'meta' && el.properties.httpEquiv !== undefined) found.push('<meta http-equiv>')
    if (el.tagName === 'style') {
      const text = el.children.map((c) => (c.type === 'text' ? c.value : '')).join('')
      if (text.trim() !== css.trim()) found.push('<style> with content other than the template CSS')
    }
    for (const [name, value] of Object.entries(el.properties)) {
      if (/^on/i.test(name)) found.push(`${el.tagName}[${name}]`)
      if (name === 'style') found.push(`${el.tagName}[style]`)
      if (urlProperties.includes(name)) {
        const url = String(value).replace(/[\u0000-\u0020]/g, '').toLowerCase()
        if (!/^(https?:|mailto:|#)/.test(url)) found.push(`${el.tagName}[${name}=${String(value)}]`)
      }
    }
  }
  const styles = elements(tree, (e) => e.tagName === 'style')
  if (styles.length !== 1) found.push(`${styles.length} <style> elements`)
  return found
}

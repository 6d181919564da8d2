/**
 * Report HTML held somewhere other than the page itself: in a JavaScript
 * or JSON string of a saved page (`"content":"\u003ctable …\"…"`), or in a
 * text file after a preamble of unrelated script. Found here, handed to the
 * HTML reader as plain HTML.
 */

/** String literals of the text long enough to hold a report (double- or single-quoted). */
const LITERAL = /"(?:[^"\\\n]|\\.){200,}"|'(?:[^'\\\n]|\\.){200,}'/g
/** Markup a report's HTML holds, escaped or not. */
const MARKUP = /<(?:table|p|div|tr|td)\b|\\u003c(?:table|p|div|tr|td)\b|\\x3c(?:table|p|div)\b/i

/** Decode one JavaScript string literal (JSON escapes plus `\'`, `\x3c`, `\/`). */
function decodeLiteral(literal: string): string | undefined {
  const body = literal.slice(1, -1)
  const json = body
    .replace(/\\'/g, "'")
    .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')
    .replace(/(^|[^\\])"/g, '$1\\"')
  try {
    return JSON.parse(`"${json}"`) as string
  } catch {
    return undefined
  }
}

/** The longest string literal of `text` that decodes to report HTML (with a table or many paragraphs). */
export function htmlInString(text: string): string | undefined {
  let best: string | undefined
  for (const match of text.matchAll(LITERAL)) {
    if (!MARKUP.test(match[0])) continue
    const html = decodeLiteral(match[0])
    if (html && /<(?:table|p)\b/i.test(html) && html.length > (best?.length ?? 0)) best = html
  }
  return best
}

const HTML_START = /<(?:!doctype\s+html|html|head|body|div|table|p|h[1-6]|article|section)\b/i

/**
 * Text that is HTML after something else (a script preamble): the HTML
 * from its first element on, when there is real markup (a table or
 * several closed paragraphs) after it.
 */
export function htmlAfterPreamble(text: string): string | undefined {
  const start = HTML_START.exec(text)
  if (!start) return undefined
  const html = text.slice(start.index)
  const closed = html.match(/<\/(?:p|div|td|tr|table)>/gi)?.length ?? 0
  return /<table\b/i.test(html) || closed >= 5 ? html : undefined
}

/**
 * A page built from a report with errors (`nianbao build --allow-errors`)
 * is a draft, whatever template made it: a visible 草稿 notice opens the
 * page (and so the PDF made from it, which also gets a 草稿 watermark on
 * every page) and the title says so. The notice is nianbao's own static
 * text, inserted after the template ran, so no override can drop it.
 */

export const DRAFT_CLASS = 'draft-mark'

/** The notice: how many errors, and that the page must not be published. */
export function draftNotice(errors: number): string {
  return `<p class="${DRAFT_CLASS}">草稿：此报告有 ${errors} 个错误，仅供预览，不得发布</p>`
}

/** Mark merged HTML as a draft: the notice first in the report (else the body), 「草稿」 in the title. */
export function markDraft(html: string, errors: number): string {
  const notice = draftNotice(errors)
  let out = html.replace(/<title>([^<]*)<\/title>/i, (_, title: string) => `<title>【草稿】${title}</title>`)
  const article = /<article\b[^>]*>/i.exec(out)
  const body = /<body\b[^>]*>/i.exec(out)
  const anchor = article ?? body
  if (anchor) out = `${out.slice(0, anchor.index + anchor[0].length)}\n${notice}${out.slice(anchor.index + anchor[0].length)}`
  else out = `${notice}\n${out}`
  return out
}

/** Whether merged HTML carries the draft notice. */
export function isDraft(html: string): boolean {
  return html.includes(`<p class="${DRAFT_CLASS}">`)
}

/**
 * The Markdown body of a new report: the six official headings, each with
 * the format's guidance as an HTML comment (never published: the renderer
 * drops raw HTML, and the validator does not count it as text), and last
 * year's section 五 quoted in a comment, to be reviewed rather than copied.
 */
import type { FormatDefinition, SectionDef } from '../formats/types.js'

export interface PreviousSection {
  year: number
  /** The section's Markdown as written last year (comments left out). */
  markdown: string
}

/** Keep a quoted text from closing the comment early (CommonMark ends it at the first `-->`). */
function inComment(text: string): string {
  return text.replace(/--(?=!?>)/g, '- -')
}

function tableNote(format: FormatDefinition, section: SectionDef): string | undefined {
  const table = format.tables.find((t) => t.key === section.table)
  return table ? `${table.name}由文件开头的 ${table.key} 数据生成，不必在此重写；此处可写补充说明，也可以不写。` : undefined
}

function comment(format: FormatDefinition, section: SectionDef, previousFive: PreviousSection | undefined): string {
  const lines = ['<!--']
  if (section.guidance) lines.push(`填写说明（${format.document}「一、报告内容」）：${section.guidance}`)
  if (section.note) lines.push(`模板注：${section.note}`)
  const note = tableNote(format, section)
  if (note) lines.push(note)
  if (section.number === 5 && previousFive) {
    lines.push(
      '',
      `上年（${previousFive.year} 年）报告的第五部分如下，供对照改进措施的落实情况。请写本年度的问题和改进，不要照抄（与上年雷同会被提示 improvements-not-repeated）：`,
      '',
      ...inComment(previousFive.markdown)
        .split('\n')
        .map((l) => (l.trim() === '' ? '>' : `> ${l}`)),
    )
  }
  lines.push('', '本注释不会发布；正文写在注释之外，写完后可删去注释。', '-->')
  return lines.join('\n')
}

export function scaffoldBody(format: FormatDefinition, previousFive?: PreviousSection): string {
  const parts = format.sections.map((section) => `## ${section.numeral}、${section.title}\n\n${comment(format, section, previousFive)}\n`)
  return '\n' + parts.join('\n')
}

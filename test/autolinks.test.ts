/**
 * A bare URL in Chinese text links only the URL, not the sentence after it.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Link, Paragraph } from 'mdast'
import { parseSource } from '../src/source/read.js'
import { VFile } from 'vfile'

function paragraph(markdown: string): Paragraph {
  const source = parseSource(new VFile({ path: 'x.md' }), `---\nagency: x\n---\n\n${markdown}\n`)
  return source!.body.children[0] as Paragraph
}

test('www. and https:// literals stop at full-width punctuation and Chinese text', () => {
  const p = paragraph('可在“中国·兖州”政府门户网站（www.yanzhou.gov.cn）查阅或下载，或访问https://example.gov.cn/a?b=1。谢谢')
  const links = p.children.filter((c): c is Link => c.type === 'link')
  assert.deepEqual(
    links.map((l) => [l.url, (l.children[0] as { value: string }).value]),
    [
      ['http://www.yanzhou.gov.cn', 'www.yanzhou.gov.cn'],
      ['https://example.gov.cn/a?b=1', 'https://example.gov.cn/a?b=1'],
    ],
  )
  const text = p.children.map((c) => (c.type === 'link' ? `[${(c.children[0] as { value: string }).value}]` : (c as { value: string }).value)).join('')
  assert.equal(text, '可在“中国·兖州”政府门户网站（[www.yanzhou.gov.cn]）查阅或下载，或访问[https://example.gov.cn/a?b=1]。谢谢')
})

test('written links [text](url) are left as the author wrote them', () => {
  const p = paragraph('见[兖州政府网](http://www.yanzhou.gov.cn)。')
  const link = p.children.find((c): c is Link => c.type === 'link')!
  assert.equal(link.url, 'http://www.yanzhou.gov.cn')
  assert.equal((link.children[0] as { value: string }).value, '兖州政府网')
})

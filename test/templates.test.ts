/**
 * One official template set serves every format; a per-format layer
 * replaces single files for that format only.
 */
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { renderHtml } from '../src/render/html.js'
import { builtinTemplatesDir } from '../src/render/merge.js'
import { loadReport } from '../src/source/report.js'

const content = join(import.meta.dirname, '..', 'content')

test('a per-format layer replaces a partial for that format only', async () => {
  const root = mkdtempSync(join(tmpdir(), 'nianbao-templates-'))
  cpSync(join(builtinTemplatesDir, 'official'), join(root, 'official'), { recursive: true })
  mkdirSync(join(root, 'gb-2019', 'partials'), { recursive: true })
  writeFileSync(
    join(root, 'gb-2019', 'partials', 'signoff.hbs'),
    '<footer class="signoff"><p class="signoff-agency">{{agency}}（试行格式）</p></footer>\n',
  )
  const g2019 = await renderHtml(await loadReport(join(content, 'jiyuan-wsjkw', '2019.md')), { templatesRoot: root })
  const g2021 = await renderHtml(await loadReport(join(content, 'ruzhou-wsjkw', '2024.md')), { templatesRoot: root })
  assert.match(g2019 ?? '', /卫生健康委员会（试行格式）/)
  assert.doesNotMatch(g2021 ?? '', /试行格式/)
  assert.match(g2021 ?? '', /<p class="signoff-agency">汝州市卫生健康委员会<\/p>/)
})

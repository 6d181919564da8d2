/**
 * Speed-ups for pdfmake 0.3 measuring Chinese text, installed once per
 * process.
 *
 * - pdfmake breaks Chinese text into one inline per character and resolves
 *   some twenty style properties for each through the style stack. Inlines
 *   cut from the same text node carry the same own properties, so the
 *   resolved style of one holds for the next while they match.
 * - pdfkit lays out (shapes) each distinct word once per document, in a
 *   cache on its font object; the layout depends only on the font file and
 *   the text, so the cache is shared by every document using that file.
 * - fontkit's subsetter decodes each glyph outline again for every document.
 *
 * One changes the bytes but not the page: pdfmake draws every inline as
 * its own text object (colour, opacity, font, matrix, glyphs), so a line
 * of Chinese is some thirty of them; neighbouring plain inlines are drawn
 * as one, at the same glyph positions (pages rasterise identically).
 */
import { pdfmakeInternal } from './pdfmake-internals.js'
import { lookUpAll, type Stack } from './speedups-stack.js'

type Item = Record<string, unknown> & { text: string }

/** Han characters (CJK blocks), CJK punctuation and full-width forms: set one em box after another, unshaped. */
const HAN_RANGES = '\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e'

interface StyleStack extends Stack {
  auto(item: unknown, cb: () => void): void
  getProperty(name: string): unknown
}

/** Own properties that differ between the pieces of one text node and carry no style. */
const PER_PIECE = new Set(['text', 'lineEnd', 'noNewLine', 'leadingCut', 'leadingIndent'])

/** The style properties pdfmake's `TextInlines#measure` resolves, with its defaults. */
const RESOLVED: [string, unknown][] = [
  ['font', 'Roboto'],
  ['bold', false],
  ['italics', false],
  ['alignment', 'left'],
  ['fontSize', 12],
  ['fontFeatures', null],
  ['characterSpacing', 0],
  ['color', 'black'],
  ['decoration', null],
  ['decorationColor', null],
  ['decorationStyle', null],
  ['decorationThickness', null],
  ['background', null],
  ['link', null],
  ['linkToPage', null],
  ['linkToDestination', null],
  ['noWrap', null],
  ['opacity', 1],
  ['sup', false],
  ['sub', false],
  ['lineHeight', 1],
  ['preserveLeadingSpaces', false],
  ['preserveTrailingSpaces', false],
]

/**
 * A piece as pdfmake's measure leaves it, made in one object. pdfmake adds some twenty properties
 * to each piece one by one, and the piece's property store grows (and is copied) several times
 * over: a tenth of a PDF's garbage. The caller fills in the width, the height and the cuts.
 */
function measuredPiece(text: string, font: unknown, style: Record<string, unknown>, leadingCut: unknown): Item {
  return {
    text,
    font,
    alignment: style.alignment,
    fontSize: style.fontSize,
    fontFeatures: style.fontFeatures,
    characterSpacing: style.characterSpacing,
    color: style.color,
    decoration: style.decoration,
    decorationColor: style.decorationColor,
    decorationStyle: style.decorationStyle,
    decorationThickness: style.decorationThickness,
    background: style.background,
    link: style.link,
    linkToPage: style.linkToPage,
    linkToDestination: style.linkToDestination,
    noWrap: style.noWrap,
    opacity: style.opacity,
    sup: style.sup,
    sub: style.sub,
    width: 0,
    height: 0,
    leadingCut: leadingCut || 0,
    trailingCut: 0,
  }
}

/** What measure sets on every piece (the rest of a piece's own properties are copied as they are). */
const MEASURED = new Set(Object.keys(measuredPiece('', undefined, {}, 0)))

const LEADING = /^(\s)+/g
const TRAILING = /(\s)+$/g

function isValue(v: unknown): boolean {
  return v !== undefined && v !== null
}

/** The resolved properties, as pdfmake's getStyleProperty does it, with one stack push per item. */
function resolve(item: Item, stack: StyleStack | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const missing: [string, unknown][] = []
  for (const entry of RESOLVED) {
    const own = item[entry[0]]
    if (isValue(own)) out[entry[0]] = own
    else missing.push(entry)
  }
  if (missing.length > 0) {
    if (!stack) for (const [name, fallback] of missing) out[name] = fallback
    else stack.auto(item, () => lookUpAll(stack, missing, out))
  }
  return out
}

function sameSource(item: Item, base: Record<string, unknown>, baseKeys: number): boolean {
  let keys = 0
  for (const key in item) {
    if (PER_PIECE.has(key) || !Object.prototype.hasOwnProperty.call(item, key)) continue
    if (item[key] !== base[key]) return false
    keys++
  }
  return keys === baseKeys
}

let installed = false

/** Install the speed-ups, once per process. */
export function installSpeedups(): void {
  if (installed) return
  installed = true
  const TextInlines = pdfmakeInternal<{ prototype: Record<string, unknown> }>('TextInlines')
  const StyleContextStack = pdfmakeInternal<{ getStyleProperty(item: unknown, stack: unknown, name: string, fallback: unknown): unknown }>('StyleContextStack')
  type Font = { lineHeight(size: number): number }
  type Measurer = {
    pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): Font }
    widthOfText(text: string, item: Item): number
  }

  TextInlines.prototype.measure = function measure(this: Measurer, array: Item[], stack: StyleStack | undefined): Item[] {
    if (array.length) {
      const leadingIndent = StyleContextStack.getStyleProperty(array[0], stack, 'leadingIndent', 0) as number
      if (leadingIndent) {
        array[0]!.leadingCut = -leadingIndent
        array[0]!.leadingIndent = leadingIndent
      }
    }
    let source: Record<string, unknown> | undefined
    let sourceKeys = 0
    let style: Record<string, unknown> = {}
    let font: Font | undefined
    /** The source's own keys that the measured piece does not set itself. */
    let extraKeys: string[] = []
    for (let i = 0; i < array.length; i++) {
      const item = array[i]!
      if (!source || !sameSource(item, source, sourceKeys)) {
        source = {}
        sourceKeys = 0
        extraKeys = []
        for (const key in item) {
          if (PER_PIECE.has(key) || !Object.prototype.hasOwnProperty.call(item, key)) continue
          source[key] = item[key]
          sourceKeys++
          if (!MEASURED.has(key)) extraKeys.push(key)
        }
        style = resolve(item, stack)
        font = this.pdfDocument.provideFont(style.font, style.bold, style.italics)
        const prime = (font as Primable).prime
        if (prime) {
          let text = item.text
          for (let j = i + 1; j < array.length && sameSource(array[j]!, source, sourceKeys); j++) text += array[j]!.text
          prime.call(font, text)
        }
      }
      const measured = measuredPiece(item.text, font, style, item.leadingCut)
      for (const key of extraKeys) measured[key] = item[key]
      if (item.lineEnd !== undefined) measured.lineEnd = item.lineEnd
      if (item.noNewLine !== undefined) measured.noNewLine = item.noNewLine
      if (item.leadingIndent !== undefined) measured.leadingIndent = item.leadingIndent
      if (measured.sup || measured.sub) measured.fontSize = (measured.fontSize as number) * 0.58
      measured.width = this.widthOfText(measured.text, measured)
      measured.height = font!.lineHeight(measured.fontSize as number) * (style.lineHeight as number)
      if (!style.preserveLeadingSpaces) {
        const leadingSpaces = measured.text.match(LEADING)
        if (leadingSpaces) measured.leadingCut = (measured.leadingCut as number) + this.widthOfText(leadingSpaces[0]!, measured)
      }
      if (!style.preserveTrailingSpaces) {
        const trailingSpaces = measured.text.match(TRAILING)
        if (trailingSpaces) measured.trailingCut = this.widthOfText(trailingSpaces[0]!, measured)
      }
      array[i] = measured
    }
    return array
  }

  const Renderer = pdfmakeInternal<{ prototype: Record<string, unknown> }>('Renderer')
  const renderLine = Renderer.prototype.renderLine as (this: unknown, line: { inlines: RenderInline[] }, x: number, y: number) => void
  Renderer.prototype.renderLine = function (this: unknown, line: { inlines: RenderInline[] }, x: number, y: number) {
    if (!drawing.joinInlines) return renderLine.call(this, line, x, y)
    const inlines = line.inlines
    line.inlines = mergeInlines(inlines)
    try {
      renderLine.call(this, line, x, y)
    } finally {
      line.inlines = inlines
    }
  }

  const PDFDocument = pdfmakeInternal<{ prototype: Record<string, unknown> }>('PDFDocument')
  type Embedded = { font: object; layoutCache?: Record<string, unknown>; layoutCached(text: string): unknown; layoutRun(text: string): unknown }
  const provideFont = PDFDocument.prototype.provideFont as (this: unknown, ...args: unknown[]) => Embedded
  const shared = new WeakMap<object, Map<string, unknown>>()
  const sharedWords = new WeakMap<object, Words>()
  let documents = 0
  const patched = new WeakSet<object>()
  PDFDocument.prototype.provideFont = function (this: unknown, ...args: unknown[]) {
    const embedded = provideFont.apply(this, args)
    if (embedded.layoutCache && !patched.has(embedded)) {
      patched.add(embedded)
      let cache = shared.get(embedded.font)
      if (!cache) shared.set(embedded.font, (cache = new Map()))
      const own = embedded.layoutCached
      const common = cache
      let words = sharedWords.get(embedded.font)
      if (!words) sharedWords.set(embedded.font, (words = { kept: new Map(), seen: new Map() }))
      const { kept, seen } = words
      const document = ++documents
      // Short pieces (a character, a short number) are kept for the
      // process: they recur in every report and their count is bounded.
      const single = (embeddedFont: Embedded, text: string): Run => {
        let run = common.get(text) as Run | undefined
        if (run === undefined) common.set(text, (run = embeddedFont.layoutRun(text) as Run))
        return run
      }
      // So are words of mixed text that recur from one document to the
      // next (a numbered table label such as 「1.属于国家秘密」, a year):
      // every report of a batch has the same tables, and fontkit shapes each
      // such word anew in every document (a twentieth of a report's PDF
      // time). A word is kept when a second document meets it: a sentence
      // met once (pdfkit's words run from space to space, so a line of
      // Chinese with a number in it is one word) stays in its document's
      // own cache. Both the kept words and the words seen once are bounded.
      const word = (embeddedFont: Embedded, text: string): unknown => {
        const run = kept.get(text)
        if (run !== undefined) {
          wordLayoutStats.reused++
          return run
        }
        const first = seen.get(text)
        if (first === undefined || first === document || kept.size >= WORDS_KEPT) {
          if (first === undefined) {
            if (seen.size >= WORDS_SEEN) seen.clear()
            seen.set(text, document)
          }
          wordLayoutStats.notKept++
          return own.call(embeddedFont, text)
        }
        seen.delete(text)
        wordLayoutStats.kept++
        const fresh = embeddedFont.layoutRun(text)
        kept.set(text, fresh)
        return fresh
      }
      ;(embedded as Primable).prime = function (this: Embedded, text: string) {
        primeHan(this, text, common)
      }
      embedded.layoutCached = function (this: Embedded, text: string) {
        if (text.length <= SHARED_MAX) return single(this, text)
        if (!HAN_ONLY.test(text)) return text.length <= WORD_LENGTH ? word(this, text) : own.call(this, text)
        // Han characters and CJK punctuation are set one em box after
        // another with no shaping between them, so a run of them is its
        // characters' layouts put together.
        const glyphs: unknown[] = []
        const positions: unknown[] = []
        let advanceWidth = 0
        for (const ch of text) {
          const run = single(this, ch)
          for (const g of run.glyphs) glyphs.push(g)
          for (const p of run.positions) positions.push(p)
          advanceWidth += run.advanceWidth
        }
        return { glyphs, positions, advanceWidth }
      }
      memoGlyphDecoding(embedded.font)
    }
    return embedded
  }
}

/** An embedded font that can lay out a text's new Han characters ahead, all in one call. */
interface Primable {
  prime?(text: string): void
}

interface BatchRun {
  glyphs: { id: number }[]
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[]
}

const HAN_CHAR = new RegExp(`^[${HAN_RANGES}]$`, 'u')

/**
 * Lay out the Han characters of `text` that are not in `common` yet in one fontkit call, and keep
 * each one's layout as if it had been laid out alone. pdfmake measures Chinese one character at
 * a time, so a report's first lines met hundreds of fontkit layouts of one character each (a
 * third of a cold PDF's layout time). A character is kept only when the call set it as the font's
 * own glyph for it at its own advance, unmoved, which is what it gets alone; any other (a
 * substitution, a kerning pair) is left to be laid out alone when it comes.
 */
export function primeHan(embedded: { font: object; layoutRun(text: string): unknown }, text: string, common: Map<string, unknown>): void {
  const fresh: string[] = []
  const seen = new Set<string>()
  for (const ch of text) {
    if (common.has(ch) || seen.has(ch) || !HAN_CHAR.test(ch)) continue
    seen.add(ch)
    fresh.push(ch)
  }
  if (fresh.length < 2) return
  const run = embedded.layoutRun(fresh.join('')) as BatchRun
  if (run.glyphs.length !== fresh.length) return
  const font = embedded.font as { glyphForCodePoint(codePoint: number): { id: number } }
  for (let i = 0; i < fresh.length; i++) {
    const glyph = run.glyphs[i]!
    const position = run.positions[i]!
    if (glyph.id !== font.glyphForCodePoint(fresh[i]!.codePointAt(0)!).id) continue
    if (position.xOffset !== 0 || position.yOffset !== 0 || position.yAdvance !== 0 || position.xAdvance !== position.advanceWidth) continue
    common.set(fresh[i]!, { glyphs: [glyph], positions: [position], advanceWidth: position.xAdvance } satisfies Run)
  }
}

/** Longest text whose layout is kept for the whole process. */
const SHARED_MAX = 3

/** Longest word of mixed text, and how many such words per font, whose layouts are kept for the whole process. */
export const WORD_LENGTH = 32
export const WORDS_KEPT = 2048
/** How many words met by one document only are remembered per font (their text, not their layout). */
export const WORDS_SEEN = 8192

/** A font's words of mixed text: layouts kept for the process, and the document that first met each of the others. */
interface Words {
  kept: Map<string, unknown>
  seen: Map<string, number>
}

/** Counts of the process-wide word layouts, for the tests (not for timing). */
export const wordLayoutStats = { kept: 0, reused: 0, notKept: 0 }

/** Text of Han characters and CJK or full-width punctuation only. */
const HAN_ONLY = new RegExp(`^[${HAN_RANGES}]+$`)

interface Run {
  glyphs: unknown[]
  positions: unknown[]
  advanceWidth: number
}

interface RenderInline {
  text: string
  x: number
  width: number
  font: unknown
  fontSize: number
  color: unknown
  opacity: unknown
  characterSpacing?: number
  justifyShift?: number
  [key: string]: unknown
}

/** Whether lines are drawn with their inlines joined (`mergeInlines`); off only in the tests that compare the two. */
export const drawing = { joinInlines: true }

/** Properties that make an inline draw more than its glyphs; such inlines are drawn on their own. */
const SPECIAL = ['fontFeatures', 'link', 'linkToPage', 'linkToDestination', 'decoration', 'background', 'sup', 'sub', '_pageNodeRef'] as const

function plain(inline: RenderInline): boolean {
  for (const key of SPECIAL) if (inline[key]) return false
  return !inline.characterSpacing
}

/**
 * Join neighbouring inlines of one line that pdfmake would draw one by one
 * (a Chinese line is one inline per character) into one text showing. On a
 * justified line every inline after the first is shifted by the same
 * amount: between single Han characters (and CJK punctuation), each set in
 * its own em box with no shaping between them (`layoutCached`), that shift
 * is exactly a character spacing. Text that fontkit shapes as a whole (a
 * quotation mark beside a character is kerned) is not joined on such a line.
 */
export function mergeInlines(inlines: RenderInline[]): RenderInline[] {
  const out: RenderInline[] = []
  let run: RenderInline | undefined
  let runEnd = 0
  let runHan = true
  /** Whether `run` is this function's copy (joined into), not the line's own inline. */
  let runOwn = false
  for (const inline of inlines) {
    const shift = inline.justifyShift ?? 0
    const han = inline.text.length === 1 && HAN_CHAR.test(inline.text)
    if (
      run &&
      plain(inline) &&
      inline.font === run.font &&
      inline.fontSize === run.fontSize &&
      inline.color === run.color &&
      inline.opacity === run.opacity &&
      (shift === 0 ? !run.characterSpacing : runHan && han && (!run.characterSpacing || shift === run.characterSpacing)) &&
      Math.abs(inline.x - (runEnd + shift)) < 1e-9
    ) {
      if (!runOwn) {
        // Copied on its first join only: most inlines (a table cell's text) are drawn alone, as they are.
        const copy: RenderInline = { ...run }
        delete copy.justifyShift
        out[out.length - 1] = copy
        run = copy
        runOwn = true
      }
      run.text += inline.text
      if (shift !== 0) run.characterSpacing = shift
      run.width = inline.x + inline.width - run.x
      runEnd = inline.x + inline.width
      runHan &&= han
      continue
    }
    if (plain(inline)) {
      run = inline
      runOwn = false
      runEnd = inline.x + inline.width
      runHan = han
      out.push(run)
    } else {
      run = undefined
      out.push(inline)
    }
  }
  return out
}

const decodedGlyphs = new WeakMap<object, unknown>()
const memoizedGlyphClasses = new WeakSet<object>()

/**
 * fontkit's TrueType subsetter decodes every glyph's outline in every
 * document, only to learn whether it is a composite glyph and of what. That
 * answer is kept with the glyph (which lives on the shared font); the
 * outline itself is not, to keep memory flat. Not for variable fonts,
 * whose subsetter needs the outline of the chosen instance.
 */
function memoGlyphDecoding(font: object): void {
  const f = font as { getGlyph?(id: number): object | null; createSubset?(): object }
  const glyph = f.getGlyph?.(0)
  const subset = f.createSubset?.()
  if (!glyph || !subset) return
  const proto = Object.getPrototypeOf(glyph) as { _decode?: (this: object) => unknown; _decodeSimple?: unknown }
  const subsetProto = Object.getPrototypeOf(subset) as { _addGlyph?: (this: unknown, gid: number) => number }
  if (memoizedGlyphClasses.has(proto) || typeof proto._decode !== 'function' || typeof proto._decodeSimple !== 'function') return
  if (typeof subsetProto._addGlyph !== 'function') return
  memoizedGlyphClasses.add(proto)
  const decode = proto._decode
  const addGlyph = subsetProto._addGlyph
  let inSubset = 0
  subsetProto._addGlyph = function (this: unknown, gid: number) {
    inSubset++
    try {
      return addGlyph.call(this, gid)
    } finally {
      inSubset--
    }
  }
  proto._decode = function (this: object & { _font?: { _variationProcessor?: unknown } }) {
    if (inSubset === 0 || this._font?._variationProcessor) return decode.call(this)
    if (decodedGlyphs.has(this)) return decodedGlyphs.get(this)
    const decoded = decode.call(this) as { numberOfContours: number; components?: unknown } | null
    // What _addGlyph reads: the contour count, and the components of a composite glyph.
    const kept = decoded && { numberOfContours: decoded.numberOfContours, components: decoded.components }
    decodedGlyphs.set(this, kept)
    return kept
  }
}

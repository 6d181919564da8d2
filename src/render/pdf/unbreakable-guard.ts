/**
 * pdfmake keeps only the first page of an `unbreakable` block ("no support
 * for multi-page unbreakableBlocks"), and none of one taller than a page: a
 * table part estimated to fit a page (tables.ts) that turns out taller loses
 * rows, silently, and leaves a page holding only its number. This notes such blocks per
 * document, so the renderer can lay the document out again with its tables
 * free to break (`keepWhole: false`) instead of losing rows.
 */
import { pdfmakeInternal } from './pdfmake-internals.js'

/** Tables (their names) whose kept-whole part was cut in the last layout pass of each document, by the document's `footer` function. */
const cut = new WeakMap<object, string[]>()

let pass: { cut: string[]; table: string | undefined } | undefined

let installed = false

function installUnbreakableGuard(): void {
  if (installed) return
  installed = true
  type Context = { pages: unknown[]; y: number; getCurrentPage(): { pageSize: { height: number } }; pageMargins: { top: number; bottom: number } }
  type Writer = { transactionLevel: number; context(): Context; contextStack: Context[]; repeatables: { height: number }[] }
  const PageElementWriter = pdfmakeInternal<{ prototype: { commitUnbreakableBlock(this: Writer, x?: number, y?: number): void } }>('PageElementWriter')
  const commit = PageElementWriter.prototype.commitUnbreakableBlock
  PageElementWriter.prototype.commitUnbreakableBlock = function (this: Writer, x?: number, y?: number) {
    // The outermost block of the flow (headers and footers are placed at a forced position), run
    // past the one page its context has: pdfmake keeps a page of it, or none when it is taller
    // than a page (it moves to a new page where it still does not fit, and leaves that page blank).
    if (pass && this.transactionLevel === 1 && x === undefined && y === undefined && overflows(this)) pass.cut.push(pass.table ?? '')
    commit.call(this, x, y)
  }
  /** The block, in its own context, runs past a page: the page the flow would give it, as pdfmake reckons it. */
  const overflows = (writer: Writer): boolean => {
    const block = writer.context()
    const flow = writer.contextStack[writer.contextStack.length - 1]
    if (block.pages.length > 1) return true
    if (!flow) return false
    let page = flow.getCurrentPage().pageSize.height - flow.pageMargins.top - flow.pageMargins.bottom
    for (const repeated of writer.repeatables) page -= repeated.height
    return block.y > page + 0.01
  }
  type Node = { unbreakable?: boolean; nianbaoTable?: string }
  const Builder = pdfmakeInternal<{ prototype: { processNode(this: unknown, node: Node): unknown } }>('LayoutBuilder')
  const processNode = Builder.prototype.processNode
  Builder.prototype.processNode = function (this: unknown, node: Node) {
    if (!pass || !node?.unbreakable) return processNode.call(this, node)
    const outer = pass.table
    pass.table = node.nianbaoTable
    try {
      return processNode.call(this, node)
    } finally {
      if (pass) pass.table = outer
    }
  }
  const LayoutBuilder = pdfmakeInternal<{ prototype: { tryLayoutDocument(...args: unknown[]): unknown } }>('LayoutBuilder')
  const tryLayout = LayoutBuilder.prototype.tryLayoutDocument
  LayoutBuilder.prototype.tryLayoutDocument = function (...args: unknown[]) {
    // A heading moved to the next page lays the document out again: the last pass is the one drawn.
    const own: { cut: string[]; table: string | undefined } = { cut: [], table: undefined }
    pass = own
    try {
      return tryLayout.apply(this, args)
    } finally {
      pass = undefined
      const footer = args[6]
      if (footer && typeof footer === 'function') cut.set(footer, own.cut)
    }
  }
}

interface PdfMaker {
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> }
}

/**
 * The PDF of the document `build(true)` describes; when a table part kept whole there proved
 * taller than its page, the PDF of `build(false)` (tables free to break across pages) instead,
 * after `onCut` is told which tables, with how many parts each. Each call of `build` must give the
 * document a footer function of its own: the layout is known by it.
 */
export async function createPdfKeepingRows(
  pm: PdfMaker,
  build: (keepWhole: boolean) => { footer: object },
  onCut: (tables: Map<string, number>) => void = () => {},
): Promise<Buffer> {
  installUnbreakableGuard()
  const first = build(true)
  const buffer = await pm.createPdf(first).getBuffer()
  const names = cut.get(first.footer) ?? []
  if (names.length === 0) return buffer
  const tables = new Map<string, number>()
  for (const name of names) tables.set(name, (tables.get(name) ?? 0) + 1)
  onCut(tables)
  return pm.createPdf(build(false)).getBuffer()
}

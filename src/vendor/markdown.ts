/**
 * The Markdown parser every report is read with (unified, remark-parse,
 * remark-gfm, remark-frontmatter), behind one module so that the build can
 * replace its compiled form with one bundled file (scripts/build.mjs, with
 * esbuild): about 150 small ES modules become one, which was the largest
 * part of a one-report `nianbao validate`. Run from the sources (tests), it
 * simply re-exports the packages.
 */
export { unified } from 'unified'
export { default as remarkParse } from 'remark-parse'
export { default as remarkGfm } from 'remark-gfm'
export { default as remarkFrontmatter } from 'remark-frontmatter'
// Already inside the bundle (remark-gfm uses them): one copy for our modules too.
export { SKIP, visit } from 'unist-util-visit'
export { toString } from 'mdast-util-to-string'

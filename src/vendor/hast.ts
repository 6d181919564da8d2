/**
 * HTML in and out (remark-rehype, rehype-sanitize, rehype-stringify,
 * rehype-parse and the hast utilities under them) behind one module, bundled
 * into one file by the build like markdown.ts: some 170 small ES modules
 * that every report's HTML, and every PDF thread, otherwise loads one by one.
 */
export { unified } from 'unified'
export { default as remarkRehype } from 'remark-rehype'
export { default as rehypeSanitize } from 'rehype-sanitize'
export { default as rehypeStringify } from 'rehype-stringify'
export { default as rehypeParse } from 'rehype-parse'
export { toHtml } from 'hast-util-to-html'
export { toText } from 'hast-util-to-text'
export { fromParse5 } from 'hast-util-from-parse5'
export { parse as parseHtml5 } from 'parse5'

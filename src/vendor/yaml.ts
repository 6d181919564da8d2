/**
 * The yaml package (about 70 CommonJS files) behind one module, bundled into
 * one file by the build like markdown.ts. Only the names nianbao uses; its
 * nodes are recognised by `Symbol.for` tags, so code that imports 'yaml'
 * directly still works with them.
 */
export { Composer, CST, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parse, parseDocument, Parser, stringify, YAMLParseError } from 'yaml'
export type { Document, Node, Pair, YAMLError, YAMLWarning } from 'yaml'

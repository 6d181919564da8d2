/**
 * The command-line parser (yargs and its helpers) behind one module, bundled
 * into one file by the build like markdown.ts: yargs comes as some twenty
 * small packages (parser, help layout, string widths, locales) that every
 * command loaded one by one, about 0.1 s before any work began. In the
 * bundle the string-width modules are set up on first use (scripts/build.mjs):
 * only help text measures strings, and setting one up builds a Unicode
 * segmenter, 15 ms of every command otherwise. Run from the sources
 * (tests), it simply re-exports the packages.
 */
export { default } from 'yargs'
export { hideBin } from 'yargs/helpers'

/**
 * string-width (the terminal columns of a text, two for a Han character),
 * bundled by the build so that it is set up on its first call
 * (scripts/build.mjs): setting it up builds a Unicode segmenter, 15 ms that
 * every command paid on start whether it printed a table or not.
 */
export { default } from 'string-width'

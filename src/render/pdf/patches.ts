/**
 * Every patch nianbao applies to pdfmake, pdfkit and fontkit, installed
 * once per process. Reports and comparisons both call this one function, so
 * that neither renderer misses one: a comparison rendered alone (`nianbao
 * compare`) once went without the style-lookup and content-stream speed-ups.
 */
import { installKinsoku } from './kinsoku.js'
import { installStackSpeedups } from './speedups-stack.js'
import { installSpeedups } from './speedups.js'
import { installSvgFonts } from './svg-fonts.js'

export function installPdfPatches(): void {
  installKinsoku()
  installSpeedups()
  installSvgFonts()
  installStackSpeedups()
}

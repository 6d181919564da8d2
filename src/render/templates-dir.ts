import { fileURLToPath } from 'node:url'

/** The official templates shipped with nianbao: `templates/<format>/`. */
export const builtinTemplatesDir = fileURLToPath(new URL('../../templates/', import.meta.url))

/**
 * The outputs `nianbao build --to` knows, apart from the code that writes
 * them, so that the command line can list them without loading a renderer.
 */
export type BuildTarget = 'html' | 'pdf' | 'docx' | 'bundle'

/** Every target `--to` accepts, in build order. */
export const buildTargets: readonly BuildTarget[] = ['html', 'pdf', 'docx', 'bundle']

/** Targets this version can write; add a target here when build-report.ts writes it. */
export const implementedTargets: ReadonlySet<BuildTarget> = new Set<BuildTarget>(['html', 'pdf', 'docx', 'bundle'])

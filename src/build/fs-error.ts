/**
 * File-system failures (a read-only or full disk, no permission, a file
 * where a folder should be) are the environment's, not a bug: a clean
 * message naming the file, never an internal error with a temporary name.
 */
import { relative } from 'node:path'
import type { Lang } from '../diagnostics/types.js'
import { WriteError } from './write-atomic.js'

const reasons: Record<string, [string, string]> = {
  EROFS: ['只读文件系统', 'read-only file system'],
  EACCES: ['没有写入权限', 'permission denied'],
  EPERM: ['没有写入权限', 'operation not permitted'],
  ENOSPC: ['磁盘空间不足', 'no space left on the device'],
  EDQUOT: ['超出磁盘配额', 'disk quota exceeded'],
  ENOTDIR: ['路径中有同名的文件，不是文件夹', 'a file stands where a folder should be'],
  EISDIR: ['同名的文件夹已存在', 'a folder of that name exists'],
  EEXIST: ['同名的文件已存在', 'a file of that name exists'],
  ENAMETOOLONG: ['文件名过长', 'name too long'],
  EMFILE: ['同时打开的文件过多', 'too many open files'],
  EIO: ['读写错误', 'input/output error'],
}

/** Whether `error` is a failure of the file system (it has a system error code). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return error instanceof WriteError || (typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof (error as NodeJS.ErrnoException).syscall === 'string')
}

/** `无法写入 out/index.html：只读文件系统（EROFS）`. */
export function fsErrorText(error: NodeJS.ErrnoException, lang: Lang): string {
  const code = error.code ?? 'EIO'
  const [zh, en] = reasons[code] ?? [code, code]
  const path = error instanceof WriteError ? error.path : (error.path ?? '')
  const shown = path ? relative(process.cwd(), path) || path : ''
  return lang === 'en' ? `cannot write ${shown}: ${en} (${code})` : `无法写入 ${shown}：${zh}（${code}）`
}

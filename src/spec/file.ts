/**
 * Reading a spec file's text, within limits: only a regular file (a FIFO or a link to a
 * device such as /dev/zero would hang or fill memory), and at most `MAX_SPEC_BYTES`.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { errnoCode, fsReason } from '../shared'
import type { DiagnosticCode } from './errors'

/** Real specs are a few kilobytes (the largest of the 138 corpus specs is 6 KB). */
export const MAX_SPEC_BYTES = 1024 * 1024

export type SpecText =
  | { ok: true; text: string }
  | { ok: false; code: DiagnosticCode; reason: string; found: string }

/**
 * The file's text, or why it cannot be a spec. Never throws. Synchronous: a spec is a few
 * kB, and a promise per file through the thread pool costs more than the read.
 */
export function readSpecText(file: string): SpecText {
  let fd: number | undefined
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; a regular file ignores it.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
    const info = fstatSync(fd)
    if (!info.isFile()) {
      const kind = kindOf(info)
      const reason = info.isDirectory() ? 'it is a directory' : `it is ${kind}, not a regular file`
      return { ok: false, code: 'file-unreadable', reason, found: kind }
    }
    if (info.size > MAX_SPEC_BYTES) return tooLarge(info.size)
    // Read at most one byte past the limit: the file may have grown since the stat.
    const buffer = Buffer.alloc(Math.min(info.size, MAX_SPEC_BYTES) + 1)
    let length = 0
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, length)
      if (n === 0) break
      length += n
    }
    if (length > MAX_SPEC_BYTES) return tooLarge(length)
    return { ok: true, text: buffer.toString('utf8', 0, length) }
  } catch (error) {
    const found = errnoCode(error) ?? 'an error'
    return { ok: false, code: 'file-unreadable', reason: fsReason(error), found }
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function tooLarge(size: number): SpecText {
  return {
    ok: false,
    code: 'file-too-large',
    reason: `it has more than ${MAX_SPEC_BYTES} bytes (${size}), more than any spec`,
    found: `${size} bytes`,
  }
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a FIFO'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isSocket()) return 'a socket'
  return 'not a regular file'
}

/** Runs the real `specpact` CLI in a child process from the repository root, as CI would. */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'specpact.js')

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

export function specpact(args: string[], cwd = ROOT): Promise<Run> {
  const { FORCE_COLOR, NO_COLOR, ...env } = process.env
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...env, CI: 'true' }, encoding: 'utf8', timeout: 280_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}

/** A temporary directory, removed when `use` is done. */
export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'specpact-coverage-'))
  try {
    return await use(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

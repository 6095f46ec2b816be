/**
 * Writing pact files whole and atomically: a temp file in the same directory, then a
 * rename. Readers never see half a pact, and a re-run replaces every interaction.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Contract } from '../contract'
import { errnoCode, fsReason, isSystemError, UserError } from '../shared'
import { renderPact } from './render'

export function pactFileName(contract: Pick<Contract, 'consumer' | 'provider'>): string {
  const name = `${contract.consumer}-${contract.provider}.json`
  // The config validates pacticipant names; this guards every other way a name arrives.
  if (basename(name) !== name || name.startsWith('.')) {
    throw new UserError(
      'output-unwritable',
      `"${contract.consumer}" and "${contract.provider}" do not make a safe pact file name (${name})`,
    )
  }
  return name
}

export function serializePact(contract: Contract): string {
  return `${JSON.stringify(renderPact(contract), null, 2)}\n`
}

/** `<file>.<pid>.<8 hex>.tmp`: the temp file of a write in progress, or of one interrupted. */
const TEMP = /^(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/

const unwritable = (path: string, error: unknown) =>
  new UserError('output-unwritable', `cannot write ${path}: ${fsReason(error)}`, {
    path,
    cause: error,
  })

export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, content, 'utf8')
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw isSystemError(error) ? unwritable(file, error) : error
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errnoCode(error) === 'EPERM'
  }
}

/**
 * Removes the temp files that interrupted writes (a killed process, a full disk) left in
 * `dir`. A temp file of a process still running is its write in progress and stays.
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [])
  const removed: string[] = []
  for (const name of names) {
    const match = TEMP.exec(name)
    if (!match?.[1]?.endsWith('.json') || alive(Number(match[2]))) continue
    await rm(join(dir, name), { force: true })
    removed.push(name)
  }
  return removed
}

/** The output directory, created if needed; a file in its place is the user's error. */
export async function prepareOutputDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined)
  if (info && !info.isDirectory()) {
    throw new UserError(
      'output-unwritable',
      `cannot write pacts into ${dir}: it is not a directory`,
      {
        path: dir,
      },
    )
  }
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw unwritable(dir, error)
  })
  await removeStaleTempFiles(dir)
}

/** Writes one pact per contract into `dir`; returns the files written. */
export async function writePacts(dir: string, contracts: readonly Contract[]): Promise<string[]> {
  // Every name is checked before anything is written.
  const files = contracts.map((contract) => join(dir, pactFileName(contract)))
  await prepareOutputDir(dir)
  for (const [i, contract] of contracts.entries()) {
    await writeFileAtomic(files[i] ?? '', serializePact(contract))
  }
  return files
}

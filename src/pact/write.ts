/**
 * Writing pact files whole and atomically: a temp file in the same directory, then a
 * rename. Readers never see half a pact, and a re-run replaces every interaction.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Contract } from '../contract'
import { renderPact } from './render'

export function pactFileName(contract: Pick<Contract, 'consumer' | 'provider'>): string {
  return `${contract.consumer}-${contract.provider}.json`
}

export function serializePact(contract: Contract): string {
  return `${JSON.stringify(renderPact(contract), null, 2)}\n`
}

export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, content, 'utf8')
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** Writes one pact per contract into `dir`; returns the files written. */
export async function writePacts(dir: string, contracts: readonly Contract[]): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const files: string[] = []
  for (const contract of contracts) {
    const file = join(dir, pactFileName(contract))
    await writeFileAtomic(file, serializePact(contract))
    files.push(file)
  }
  return files
}

/**
 * `realBroker()`: a real Pact Broker of its own for one test file, started from the run's
 * migrated database. The first caller of a run migrates it (under a lock directory, so
 * parallel test files wait for it instead of migrating too); a missing install fails every
 * caller with the command that fixes it — broker tests never skip.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import { assertInstalled, migrateTemplate, type RealBroker, startRealBroker } from './server'
import { RUN_DIR_KEY } from './setup'

export type { Credentials, RealBroker } from './server'

const TEMPLATE_WAIT_MS = 300_000

export async function realBroker(): Promise<RealBroker> {
  return startRealBroker({ template: await template() })
}

async function template(): Promise<string> {
  const runDir = inject(RUN_DIR_KEY)
  const database = join(runDir, 'template.sqlite3')
  const failed = join(runDir, 'template.failed')
  try {
    mkdirSync(join(runDir, 'template.lock'))
  } catch {
    return waitFor(database, failed)
  }
  try {
    assertInstalled()
    await migrateTemplate(`${database}.tmp`)
    renameSync(`${database}.tmp`, database)
    return database
  } catch (error) {
    writeFileSync(failed, (error as Error).message)
    throw error
  }
}

async function waitFor(database: string, failed: string): Promise<string> {
  const deadline = Date.now() + TEMPLATE_WAIT_MS
  while (Date.now() < deadline) {
    if (existsSync(database)) return database
    if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'))
    await new Promise((done) => setTimeout(done, 250))
  }
  throw new Error(`no migrated broker database after ${TEMPLATE_WAIT_MS} ms`)
}

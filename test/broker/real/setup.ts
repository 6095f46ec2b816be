/**
 * vitest globalSetup: a directory for this run where the first broker test builds the
 * migrated database that every real broker of the run starts from (test/broker/real/index.ts).
 * Nothing starts here, so runs without broker tests cost nothing and need no Ruby.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

export const RUN_DIR_KEY = 'specpactRealBrokerRunDir'

declare module 'vitest' {
  export interface ProvidedContext {
    specpactRealBrokerRunDir: string
  }
}

export default function setup(project: TestProject) {
  const runDir = mkdtempSync(join(tmpdir(), 'specpact-real-broker-run-'))
  project.provide(RUN_DIR_KEY, runDir)
  return () => rmSync(runDir, { recursive: true, force: true })
}

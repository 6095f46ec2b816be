/**
 * verify --broker — reading the selection, publishing the result — against each fault of the
 * fault proxy in front of a real Pact Broker: see faults.ts.
 */
import { vi } from 'vitest'
import { faultCases } from './faults'

// A hung result publication lasts until the verifier core's deadline (about 40 s here).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 })

faultCases(['verify (selection)', 'verify (results)'])

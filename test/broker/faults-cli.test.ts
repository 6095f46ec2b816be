/**
 * publish, create-environment, can-i-deploy and record-deployment (the `pact broker` CLI)
 * against each fault of the fault proxy in front of a real Pact Broker: see faults.ts.
 */
import { vi } from 'vitest'
import { faultCases } from './faults'

vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 })

faultCases(['publish', 'create-environment', 'can-i-deploy', 'record-deployment'])

/**
 * Coverage and drift, pure computation: what the contracts cover of each provider's
 * OpenAPI, which extracted fields an interaction verifies, where interactions drift from
 * the OpenAPI (PactFlow's comparator) and where specs disagree with each other.
 */
export { type CoverageInput, coverageReport, providerOperations } from './compute'
export { type GateOptions, gateFailures } from './gate'
export {
  basePathOf,
  type DocumentedOperation,
  type OpenApiSource,
  operationsOf,
} from './operations'
export { type Scaffold, type ScaffoldContext, scaffoldSpec, specName } from './scaffold'
export type * from './types'
export { parseVerification, type VerificationResults } from './verification'

/** Pure translation of specs into contracts: no I/O. */

export {
  authorization,
  authorizationFor,
  DEFAULT_AUTH,
  schemeFor,
  tokenTypeOfDummy,
  withRealToken,
} from './auth'
export { hasPath } from './body'
export { type BuildResult, buildContracts } from './build'
export { type Catalog, parseCatalog, type StateDefinition } from './catalog'
export {
  type AnyDiagnostic,
  CONTRACT_DIAGNOSTICS,
  type ContractCode,
  type ContractDiagnostic,
} from './errors'
export { type ExtractIndex, endpointKey, indexExtracts } from './extracts'
export { type Segment, segmentsOf } from './jsonpath'
export {
  type ApiDescription,
  baseOf,
  locateOperation,
  matchPathTemplate,
  type OpenApiDoc,
  type OperationMatch,
  resolve as resolveSchemaRef,
  responseSchema,
  schemaHasPath,
} from './openapi'
export { type CoveredState, matchStates } from './states'
export { providerFor, type SwaggerFile, type TranslateContext, translateSpec } from './translate'
export type * from './types'
export { DOLLAR_BRACE, exampleId, exampleOfTemplate } from './values'
export { EVENT_METADATA_KEY, translateWebhook } from './webhook'
export {
  type Expansion,
  expandWorkflows,
  MAX_WORKFLOW_DEPTH,
  type StepOrigin,
  type WorkflowIndex,
  workflowIndex,
} from './workflows'

/** Pure translation of specs into contracts: no I/O. */

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
  matchPathTemplate,
  type OpenApiDoc,
  resolve as resolveSchemaRef,
  responseSchema,
  schemaHasPath,
} from './openapi'
export {
  authorization,
  providerFor,
  type TranslateContext,
  tokenTypeOfDummy,
  translateSpec,
} from './translate'
export type * from './types'
export { exampleId, exampleOfTemplate } from './values'
export { EVENT_METADATA_KEY, translateWebhook } from './webhook'

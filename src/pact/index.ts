/** Contract IR → Pact V4 files, and the pact-js DSL that primes the mock server. */
export { addInteraction, dslOf, type ReadyInteraction } from './dsl'
export { addMessage, metadataOf, type ReadyMessage } from './message'
export { executeOnMockServer, MOCK_SERVER_SETTLE_MS } from './mock'
export { renderInteraction, renderPact, SPECPACT_VERSION, sortKeys } from './render'
export { pactFileName, serializePact, writeFileAtomic, writePacts } from './write'

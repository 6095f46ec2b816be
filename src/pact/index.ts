/** Contract IR → Pact V4 files. */
export { renderInteraction, renderPact, SPECPACT_VERSION, sortKeys } from './render'
export { pactFileName, serializePact, writeFileAtomic, writePacts } from './write'

/** Reading and validating spec files. */

export { jsonPathProblem } from './checks'
export { pathsAgree } from './checks-front-matter'
export { discoverSpecs, SpecPathError } from './discover'
export { DIAGNOSTICS, type DiagnosticCode } from './errors'
export { MAX_SPEC_BYTES, readSpecText, type SpecText } from './file'
export { JSON_SCHEMA_FILE, renderSpecJsonSchema, specJsonSchema } from './json-schema'
export { MAX_NESTING } from './limits'
export { parseSpec, type ReadOptions, readSpec, unreadableSpec } from './read'
export * from './schema'
export type * from './types'
export {
  applyFilters,
  BUILTIN_VARIABLES,
  type BuiltinScope,
  type BuiltinVariable,
  type Filter,
  findTemplateProblems,
  findVariables,
  isBuiltin,
  type Namespace,
  type ParsedTemplate,
  parseTemplate,
  RUNNER_BUILTINS,
  RUNNER_PARAMS,
  type RunnerBuiltin,
  runnerResolves,
  TEMPLATE,
  type TemplatePiece,
  templatePieces,
  VARIABLE,
  type VariableUse,
} from './variables'

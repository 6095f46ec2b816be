/**
 * The runner: executes spec steps over HTTP — live runs, and consumer tests replaying a
 * spec's own steps against the Pact mock server. Results are data; nothing is printed.
 */
export { BUILTINS, type Builtin, type BuiltinValues, createBuiltinValues } from './builtins'
export { buildURL, encodeForm } from './encode'
export {
  describeProblem,
  describeProblems,
  isSetupProblem,
  type MissingVariable,
  PROBLEMS,
  type ProblemKind,
  type StepProblem,
} from './errors'
export { type Extraction, type ExtractOutcome, extractAll, extractOne } from './extract'
export { redactHeaders, scrubSecrets } from './redact'
export { DEFAULT_TIMEOUT_MS, runSteps } from './run'
export {
  createScope,
  type Lookup,
  type Resolution,
  resolveValue,
  type Scope,
  type ScopeSources,
  type VariableSource,
} from './templates'
export type {
  RecordedBody,
  RecordedRequest,
  RecordedResponse,
  RunOptions,
  RunOutcome,
  RunResult,
  StepKind,
  StepResult,
} from './types'

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
export {
  DEFAULT_WAIT_MS,
  type EventExpectation,
  type EventSource,
  type EventWait,
  matches as eventMatches,
  type ReceivedEvent,
} from './events'
export { type Extraction, type ExtractOutcome, extractAll, extractOne } from './extract'
export { createLimiter } from './limiter'
export { redactHeaders, scrubSecrets } from './redact'
export { NO_RETRIES, type RequestLimiter, type RetryPolicy } from './retry'
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

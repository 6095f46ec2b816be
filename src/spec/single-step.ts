/**
 * A request written as one step instead of a `steps:` list — the ```json block some specs
 * give under `## Test Request` (`{"method": "GET", "path": "…"}`) — read as a list of that
 * one step, with every position still pointing into the block as written.
 */
import type { YamlBlock, YamlCursor } from './yaml'

/** The id a single-step request gets when it names none. */
export const SINGLE_STEP_ID = 'test_request'

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** Whether a block's value is one step rather than a `steps:` mapping. */
export function isSingleStep(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && !Object.hasOwn(value, 'steps') && Object.hasOwn(value, 'method')
}

/** `inner`'s single step as `{steps: [step]}`, with an id when it has none. */
export function asStepList(inner: YamlBlock): YamlBlock {
  const step = inner.value as Record<string, unknown>
  const value = { steps: [Object.hasOwn(step, 'id') ? step : { id: SINGLE_STEP_ID, ...step }] }
  const below = (path: ReadonlyArray<string | number>) =>
    path[0] === 'steps' ? path.slice(path.length > 1 ? 2 : 1) : path
  return {
    value,
    errors: inner.errors,
    offsetOf: (path, at) => inner.offsetOf(below(path), at),
    cursor: (path): YamlCursor => inner.cursor(below(path)),
  }
}

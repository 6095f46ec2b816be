/** Whether an operation's documented success response declares a JSONPath. */
import { responseSchema, schemaHasPath, segmentsOf } from '../contract'
import type { Step } from '../spec'
import type { DocumentedOperation } from './operations'

/**
 * True when the schema of one of the step's expected success statuses (else of the
 * operation's documented 2xx responses) has the path; false when schemas exist and none has it;
 * undefined when no success response has a schema to tell, or the path is not a plain one.
 */
export function documentsPath(
  operation: DocumentedOperation,
  step: Step,
  path: string,
): boolean | undefined {
  const segments = segmentsOf(path)
  if (!segments) return undefined
  const keys = segments.map((s) => (s.kind === 'key' ? s.name : s.index))
  const expected = (Array.isArray(step.expect.status) ? step.expect.status : [step.expect.status])
    .filter((s) => s < 300)
    .map(String)
  const documented = operation.statuses.filter((s) => /^2\d\d$/.test(s))
  // The expected statuses first; when none of them documents a body (the spec expects a
  // status the OpenAPI does not list), the documented success responses.
  let sawSchema = false
  for (const statuses of [expected, documented]) {
    for (const status of statuses) {
      const { doc } = operation.source
      const schema = responseSchema(doc, operation.method, operation.relativePath, Number(status))
      if (!schema) continue
      sawSchema = true
      if (schemaHasPath(doc, schema, keys)) return true
    }
    if (sawSchema) return false
  }
  return undefined
}

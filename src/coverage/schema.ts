/** Whether an operation's documented success response declares a JSONPath. */
import { responseSchema, schemaHasPath, segmentsOf } from '../contract'
import type { Step } from '../spec'
import type { DocumentedOperation } from './operations'

/**
 * True when one of the step's expected success statuses (else the operation's documented
 * 2xx responses) has a schema with the path; false when schemas exist and none has it;
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
  const statuses = expected.length > 0 ? expected : operation.statuses.filter((s) => /^2/.test(s))
  let sawSchema = false
  for (const status of statuses) {
    const code = Number(status)
    if (!Number.isInteger(code)) continue
    const { doc } = operation.source
    const schema = responseSchema(doc, operation.method, operation.relativePath, code)
    if (!schema) continue
    sawSchema = true
    if (schemaHasPath(doc, schema, keys)) return true
  }
  return sawSchema ? false : undefined
}

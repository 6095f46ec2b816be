/** What every answer of the reader must satisfy, whatever the input (for the fuzz tests). */
import { DIAGNOSTICS } from '../errors'
import { parseSpec } from '../read'
import type { ReadResult } from '../types'
import { VARIABLES } from './specs'

/** Checks one input; throws with the reason when the reader misbehaves. */
export function checkInput(text: string): ReadResult {
  const result = parseSpec('fuzz.md', text, { variables: VARIABLES })
  if (typeof result.ok !== 'boolean' || !Array.isArray(result.diagnostics)) {
    throw new Error('not a ReadResult')
  }
  const lines = text.split('\n').length
  let errors = 0
  for (const d of result.diagnostics) {
    const known = DIAGNOSTICS[d.code]
    if (!known) throw new Error(`unknown code ${d.code}`)
    if (d.severity !== known.severity) throw new Error(`${d.code} has severity ${d.severity}`)
    if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines + 1) {
      throw new Error(`${d.code} at line ${d.line} of ${lines}`)
    }
    if (!Number.isInteger(d.column) || d.column < 1)
      throw new Error(`${d.code} at column ${d.column}`)
    if (typeof d.message !== 'string' || d.message === '') throw new Error(`${d.code}: no message`)
    if (d.severity === 'error') errors++
  }
  if (result.ok !== (errors === 0)) throw new Error(`ok is ${result.ok} with ${errors} errors`)
  if (result.ok && result.spec.kind === 'http' && result.spec.requests.length === 0)
    throw new Error('a spec without requests')
  return result
}

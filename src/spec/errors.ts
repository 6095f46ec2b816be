/**
 * Every diagnostic the spec reader can report: a stable code, its severity and a title.
 * Codes are part of specpact's interface (`--format json`, CI filters): never rename one.
 */
import type { Severity } from './types'

export const DIAGNOSTICS = {
  'file-unreadable': { severity: 'error', title: 'The spec file cannot be read' },
  'file-too-large': { severity: 'error', title: 'The spec file is larger than any spec (1 MiB)' },
  'too-deep': {
    severity: 'error',
    title: 'A value nests deeper than the Pact core accepts (128 levels)',
  },
  'front-matter-missing': { severity: 'error', title: 'No YAML front matter' },
  'front-matter-unclosed': { severity: 'error', title: 'Front matter has no closing ---' },
  'front-matter-yaml': { severity: 'error', title: 'Malformed YAML in the front matter' },
  'missing-field': { severity: 'error', title: 'A required front-matter field is missing' },
  'invalid-field': { severity: 'error', title: 'A front-matter field has a wrong type or value' },
  'missing-swagger': { severity: 'warning', title: 'Front matter names no swagger file' },
  'swagger-not-relative': {
    severity: 'warning',
    title: 'The swagger path is absolute, so it only works on one machine',
  },
  /** No longer reported: any domain is accepted. Kept so the code is never reused. */
  'unknown-domain': { severity: 'warning', title: 'Domain is not one of the known domains' },
  'status-mapped': {
    severity: 'warning',
    title: 'An upstream front-matter status, read as the status it means',
  },
  'skip-without-reason': { severity: 'warning', title: 'Skipped without a skipReason' },
  'section-missing': { severity: 'error', title: 'A required section is missing' },
  'steps-missing': { severity: 'error', title: 'A section has no YAML step block' },
  'yaml-malformed': { severity: 'error', title: 'Malformed YAML in a step block' },
  'steps-not-list': { severity: 'error', title: 'The step block has no `steps:` list' },
  'step-not-object': { severity: 'error', title: 'A step is not a mapping' },
  'missing-key': { severity: 'error', title: 'A required step key is missing' },
  'wrong-type': { severity: 'error', title: 'A step value has the wrong type' },
  'invalid-value': { severity: 'error', title: 'A step value is not allowed' },
  'invalid-method': { severity: 'error', title: 'Not an HTTP method' },
  'invalid-status': { severity: 'error', title: 'Not an HTTP status code' },
  'duplicate-step-id': { severity: 'error', title: 'Two steps share an id' },
  'undefined-variable': { severity: 'error', title: 'A {{variable}} is never defined' },
  'template-invalid': {
    severity: 'error',
    title: 'A {{…}} template is not a variable reference specpact can translate',
  },
  'runner-literal-template': {
    severity: 'warning',
    title: "vCita's runner sends this template as literal text",
  },
  'runner-date-scope': {
    severity: 'warning',
    title: "vCita's runner defines date variables only in specs with prerequisites",
  },
  'request-single-step': {
    severity: 'warning',
    title: 'A request written as one step instead of a steps: list',
  },
  'expect-missing': {
    severity: 'warning',
    title: 'A step without expect, read as expecting 200',
  },
  'unused-extract': { severity: 'warning', title: 'An extracted variable is never used' },
  'invalid-jsonpath': { severity: 'error', title: 'An extract path is not valid JSONPath' },
  'unresolved-placeholder': { severity: 'error', title: 'A path keeps a literal {placeholder}' },
  'unknown-key': { severity: 'warning', title: 'An unknown key (ignored)' },
  'endpoint-mismatch': { severity: 'warning', title: 'Front-matter endpoint and request differ' },
  'outcome-mismatch': {
    severity: 'warning',
    title: 'expectedOutcome is not a status the request expects',
  },
  'outcome-undeclared': {
    severity: 'warning',
    title: 'The request expects only failure statuses but expectedOutcome is not set',
  },
  'expected-response-json': { severity: 'error', title: 'Expected Response is not valid JSON' },
  'trigger-invalid': { severity: 'error', title: 'The Trigger block is not a trigger' },
  'payload-json': { severity: 'error', title: 'The webhook Payload is not valid JSON' },
  'matching-invalid': { severity: 'error', title: 'The Matching block is not a set of rules' },
  'matching-path-unknown': {
    severity: 'error',
    title: 'A Matching rule names a JSONPath the payload does not have',
  },
  'matching-example-mismatch': {
    severity: 'error',
    title: "A oneOf rule does not allow the payload's own example",
  },
  'event-mismatch': {
    severity: 'warning',
    title: 'The payload names another event than the front matter',
  },
} as const satisfies Record<string, { severity: Severity; title: string }>

export type DiagnosticCode = keyof typeof DIAGNOSTICS

/** Diagnostics of the translation from specs to contracts: codes as data, never renamed. */
import type { Diagnostic, Severity } from '../spec'

export const CONTRACT_DIAGNOSTICS = {
  'uncovered-prerequisite': {
    severity: 'error',
    title: 'No provider state covers a prerequisite step',
  },
  'no-provider': { severity: 'error', title: 'No configured provider serves the request path' },
  'extract-conflict': {
    severity: 'warning',
    title: 'Specs extract a value from the same endpoint by different paths',
  },
  'extract-outside-entity': {
    severity: 'warning',
    title: 'An extract path does not lie under the state entity',
  },
  'extract-not-in-openapi': {
    severity: 'warning',
    title: "An extract path is not in the provider's OpenAPI response",
  },
  'expected-response-outside-enum': {
    severity: 'warning',
    title: "A value of the expected response is not one the provider's OpenAPI enum allows",
  },
  'duplicate-description': { severity: 'error', title: 'Two interactions share a description' },
  'request-uses-request-extract': {
    severity: 'error',
    title: 'A test request uses a value extracted by another test request',
  },
  'swagger-missing': {
    severity: 'warning',
    title: 'The swagger file a spec names does not exist under the swagger root',
  },
  'openapi-unreadable': { severity: 'warning', title: 'An API description cannot be read' },
  'openapi-ref-unresolved': {
    severity: 'warning',
    title: 'An external $ref of an API description cannot be resolved',
  },
  'runner-workflow-prerequisites': {
    severity: 'warning',
    title:
      "vCita's runner runs a step endpoint's own workflow prerequisites first, and their values replace the spec's",
  },
  'literal-template': {
    severity: 'error',
    title: 'A {{…}} template would reach the pact as literal text',
  },
} as const satisfies Record<string, { severity: Severity; title: string }>

export type ContractCode = keyof typeof CONTRACT_DIAGNOSTICS

export type ContractDiagnostic = Omit<Diagnostic, 'code'> & { code: ContractCode }

/** Any diagnostic specpact reports: from reading or from translating a spec. */
export type AnyDiagnostic = Diagnostic | ContractDiagnostic

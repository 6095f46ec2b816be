/**
 * The part of @pactflow/openapi-pact-comparator specpact uses. Its bundled declarations
 * sit where `moduleResolution: node10` does not look (`dist/src/index.d.ts`, reached only
 * through `exports`), so they are restated here from that file (version 1.7.0).
 */
declare module '@pactflow/openapi-pact-comparator' {
  export interface ComparatorResult {
    code: string
    message: string
    mockDetails?: {
      interactionDescription?: string | null
      interactionState?: string | null
      location: string
      value: unknown
    }
    specDetails?: {
      location: string
      pathMethod?: string | null
      pathName?: string | null
      value: unknown
    }
    type: 'error' | 'warning'
  }
  export class Comparator {
    constructor(oas: object)
    compare(pact: object): AsyncGenerator<ComparatorResult>
  }
}

import type { DiagnosticCode } from './errors'
import type { FrontMatter, JsonValue, Matching, Step, Trigger, WebhookFrontMatter } from './schema'

export type {
  FrontMatter,
  HttpMethod,
  JsonValue,
  Matching,
  OnFail,
  Step,
  Trigger,
  WebhookFrontMatter,
} from './schema'

/** A 1-based position in a spec file (not within a YAML block). */
export interface SourcePos {
  line: number
  column: number
}

export type Severity = 'error' | 'warning'

/** One problem found in a spec file. */
export interface Diagnostic {
  code: DiagnosticCode
  severity: Severity
  file: string
  line: number
  column: number
  /** Dot path of the offending value, e.g. `prerequisites[1].expect.status`. */
  path: string
  message: string
  expected?: string
  found?: string
}

/** A markdown section (`## Heading`) with its raw text. */
export interface Section {
  heading: string
  level: number
  /** Line of the heading. */
  line: number
  text: string
}

export interface ResponseCode {
  status: number
  meaning: string
}

/** Where the steps of a spec come from. */
export type StepGroup = 'prerequisites' | 'request'

/** A spec file read and validated. */
export interface HttpSpec {
  kind: 'http'
  file: string
  /** File name without `.md`: the spec's identity in pacts and reports. */
  name: string
  frontMatter: FrontMatter
  title: string | undefined
  sections: Section[]
  prerequisites: Step[]
  /** The `## Test Request` steps; each becomes one interaction. Never empty. */
  requests: Step[]
  /** The first expected response: the body of `## Expected Response`, if any. */
  expectedResponse: JsonValue | undefined
  /**
   * Every expected response, with the statuses its heading names
   * (`## Expected Response (200/201)`; none when the heading names none).
   */
  expectedResponses: Array<{ statuses: number[]; value: JsonValue }>
  responseCodes: ResponseCode[]
  /** Where each value the reader saw was written, by dot path. */
  locations: SpecLocations
}

/**
 * A webhook spec read and validated: an event the provider sends (a Pact message), the
 * prerequisites that become its provider states, what triggers it and its payload.
 */
export interface WebhookSpec {
  kind: 'webhook'
  file: string
  /** File name without `.md`: the message's description in pacts and reports. */
  name: string
  frontMatter: WebhookFrontMatter
  title: string | undefined
  sections: Section[]
  prerequisites: Step[]
  trigger: Trigger
  /** The example payload of `## Payload`. */
  payload: JsonValue
  /** How the payload is matched (`## Matching`); empty when the section is absent. */
  matching: Matching
  /** Where each value the reader saw was written, by dot path. */
  locations: SpecLocations
}

/** Dot path (`request[0].body.contact_uid`) → position in the spec file. */
export interface SpecLocations {
  at(path: string): SourcePos | undefined
}

export type Spec = HttpSpec | WebhookSpec

export type ReadResult =
  | { ok: true; spec: Spec; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }

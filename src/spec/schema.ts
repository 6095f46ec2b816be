/**
 * The spec format, as one zod schema: the single source of truth. TypeScript types are
 * inferred from it (`types.ts`) and `specs/schema/spec.schema.json` is generated from it
 * (`npm run schema`, pinned by `json-schema.test.ts`).
 */
import { z } from 'zod'
import type { JsonValue } from '../shared'

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const
export const SPEC_STATUSES = ['verified', 'pending', 'failed', 'skip', 'skipped'] as const

/** Whether `value` is one of `list`: `includes` with the list's own type, no cast. */
export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  list.some((item) => item === value)
export const ON_FAIL = ['abort', 'skip', 'continue', 'warn'] as const
/** Domains of the vCita corpus, as examples: any domain name is accepted. */
export const DOMAINS = [
  'sales',
  'clients',
  'scheduling',
  'communication',
  'platform_administration',
  'apps',
  'reviews',
] as const

const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()])

export type { JsonValue }
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([JsonScalar, z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
)

export const HttpStatusSchema = z
  .number()
  .int()
  .min(100)
  .max(599)
  .describe('An HTTP status code, 100 to 599')

export const ExpectSchema = z
  .object({
    status: z
      .union([HttpStatusSchema, z.array(HttpStatusSchema).min(1)])
      .describe('Expected status: one code, or a list of acceptable codes'),
  })
  .describe('What the step expects of the response')

/** An event name: dot-separated lower-case words, e.g. `channel.activated`. */
export const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/

/**
 * A webhook a live run waits for after a step passed (`specpact run` with a listener).
 * Contracts ignore it: the provider's webhook is a message interaction of its own.
 */
export const WaitForSchema = z
  .object({
    event: z.string().regex(EVENT_NAME).describe('The event to wait for, e.g. "channel.activated"'),
    match: z
      .record(z.string().startsWith('$'), JsonScalar)
      .optional()
      .describe(
        'JSONPath in the webhook body → the value it must hold; values may use {{variables}}',
      ),
    timeout: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Milliseconds to wait before the step fails; default 30000'),
  })
  .describe('A webhook to wait for after the step, when run live')

/** A step of `## Prerequisites` or `## Test Request`. */
export const StepSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]*$/)
      .describe('Unique identifier within the spec, snake_case'),
    description: z.string().optional().describe('What the step does, in plain words'),
    method: z.enum(HTTP_METHODS).describe('HTTP method'),
    path: z.string().startsWith('/').describe('Request path; may contain {{variables}}'),
    params: z
      .record(z.string(), JsonScalar)
      .optional()
      .describe('Query parameters; values may contain {{variables}}'),
    body: JsonValueSchema.optional().describe('JSON request body'),
    headers: z.record(z.string(), z.string()).optional().describe('Extra request headers'),
    form_data: z
      .record(z.string(), JsonValueSchema)
      .optional()
      .describe('Form fields, sent as application/x-www-form-urlencoded'),
    content_type: z
      .string()
      .optional()
      .describe('"multipart" sends form_fields and file_fields as multipart/form-data'),
    form_fields: z
      .record(z.string(), JsonScalar)
      .optional()
      .describe('Text fields of a multipart request; values may contain {{variables}}'),
    file_fields: z
      .array(
        z.object({
          field_name: z.string().min(1).describe('The multipart field the file goes in'),
          file_path: z.string().min(1).describe("The file, relative to the runner's test-files"),
          filename: z.string().optional().describe('The file name sent; default: of file_path'),
        }),
      )
      .optional()
      .describe('Files of a multipart request'),
    x_on_behalf_of: z
      .boolean()
      .optional()
      .describe(
        'Send X-On-Behalf-Of: the business uid with a directory token (default: when the swagger asks for it)',
      ),
    token: z
      .string()
      .optional()
      .describe('Token type for this step (staff, client, directory, admin, …); default staff'),
    extract: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string())
      .optional()
      .describe('Variables to extract from the response: name → JSONPath'),
    expect: ExpectSchema,
    onFail: z.enum(ON_FAIL).optional().describe('What to do when the step fails'),
    skipReason: z.string().optional().describe('Why the step may be skipped'),
    sleep: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('Milliseconds to wait after the step'),
    useFallback: z.boolean().optional().describe('Send this step to the fallback API URL'),
    useFallbackApi: z.boolean().optional().describe('Alias of useFallback'),
    waitFor: WaitForSchema.optional(),
  })
  .describe('One HTTP step')

export const StepBlockSchema = z
  .object({ steps: z.array(z.unknown()).describe('The steps, in order') })
  .describe('A YAML step block')

/** The YAML front matter of an HTTP spec. */
export const FrontMatterSchema = z
  .object({
    endpoint: z
      .string()
      .regex(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/)
      .describe('"METHOD /path", with {param} placeholders'),
    domain: z
      .string()
      .min(1)
      .describe(`The API domain, e.g. ${DOMAINS.join(', ')}`),
    tags: z.array(z.string()).describe('Searchable tags ([] if none)'),
    swagger: z.string().optional().describe('Path of the swagger file, relative to its root'),
    status: z.enum(SPEC_STATUSES).describe('Workflow status; skip and skipped expect a skipReason'),
    skipReason: z
      .string()
      .optional()
      .describe('Why the spec is skipped; expected when status is skip or skipped'),
    savedAt: z.string().optional().describe('ISO 8601 timestamp'),
    verifiedAt: z.string().optional().describe('ISO 8601 timestamp'),
    timesReused: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('How often this spec helped heal other tests'),
    tokens: z.array(z.string()).optional().describe('Supported token types'),
    useFallbackApi: z.boolean().optional().describe('Send every step to the fallback API URL'),
    expectedOutcome: z
      .union([HttpStatusSchema, z.array(HttpStatusSchema).min(1)])
      .optional()
      .describe('The status (or statuses) the test request expects when it is not a 2xx success'),
    expectedOutcomeReason: z
      .string()
      .optional()
      .describe('Why expectedOutcome, not a 2xx status, is the expected result'),
    requiresTestData: z.boolean().optional().describe('Whether specific test data must exist'),
    testDataDescription: z.string().optional().describe('What test data must exist'),
  })
  .describe('Front matter of an HTTP spec')

export type FrontMatter = z.infer<typeof FrontMatterSchema>
export type Step = z.infer<typeof StepSchema>
export type WaitFor = z.infer<typeof WaitForSchema>
export type HttpMethod = (typeof HTTP_METHODS)[number]
export type OnFail = (typeof ON_FAIL)[number]

/**
 * The YAML front matter of a webhook spec: it names the event a provider sends instead of
 * an endpoint it serves. The fields that only make sense for a request (endpoint, tokens,
 * expectedOutcome, …) are not part of it.
 */
export const WebhookFrontMatterSchema = z
  .object({
    event: z
      .string()
      .regex(EVENT_NAME)
      .describe('The event the webhook announces, e.g. "channel.activated"'),
    provider: z
      .string()
      .min(1)
      .describe('The configured provider that sends the webhook, e.g. "communication-gw"'),
    ...FrontMatterSchema.pick({
      domain: true,
      tags: true,
      swagger: true,
      status: true,
      skipReason: true,
      savedAt: true,
      verifiedAt: true,
      timesReused: true,
      requiresTestData: true,
      testDataDescription: true,
    }).shape,
  })
  .describe('Front matter of a webhook spec')

/** The `## Trigger` block of a webhook spec: what makes the provider send the webhook. */
export const TriggerSchema = z
  .object({
    description: z.string().min(1).describe('What happens at the provider, in plain words'),
    params: z
      .record(z.string(), JsonValueSchema)
      .optional()
      .describe(
        'Inputs of the change that sends the webhook; values may use {{variables}} the prerequisites extract',
      ),
  })
  .describe('What makes the provider send the webhook')

/**
 * The `## Matching` block of a webhook spec. Payload values are matched by type unless a
 * JSONPath here says otherwise: `exact` values must be equal to the example, `oneOf` values
 * one of a list (the example among them).
 */
export const MatchingSchema = z
  .object({
    exact: z
      .array(z.string())
      .optional()
      .describe('JSONPaths of payload values that must equal the example, e.g. $.event'),
    oneOf: z
      .record(z.string(), z.array(z.string()).min(1))
      .optional()
      .describe('JSONPath → the values allowed there, e.g. the enum of a status'),
  })
  .describe('How the payload is matched: by type, except where this block says otherwise')

export type WebhookFrontMatter = z.infer<typeof WebhookFrontMatterSchema>
export type Trigger = z.infer<typeof TriggerSchema>
export type Matching = z.infer<typeof MatchingSchema>

/**
 * specpact's configuration (`specpact.config.yaml`): who the consumer is, which provider
 * owns which path prefix, the configured variables specs may use, and where things live.
 */
import { z } from 'zod'

/** How a token is sent: a template with `{token}`, e.g. `Bearer {token}`. */
const SchemeSchema = z
  .string()
  .includes('{token}')
  .describe('Authorization header template, e.g. "Bearer {token}" or \'Token token="{token}"\'')

export const AuthConfigSchema = z.strictObject({
  defaultToken: z
    .string()
    .min(1)
    .default('staff')
    .describe("Token type of a step that names none (vCita's runner: staff)"),
  schemes: z
    .record(z.string(), SchemeSchema)
    .default({})
    .describe(
      'Token type (or "*" for any) → Authorization template; built in: admin and internal → "Admin {token}", others "Bearer {token}"',
    ),
})

/**
 * A consumer or provider name: it becomes part of a pact's file name, so it must be a safe
 * one (`consumer: "../../x"` would write outside the pacts directory).
 */
export const PacticipantNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@ -]*$/, {
    message:
      'must be a name usable in a file name: letters, digits, ".", "_", "@", " " and "-", starting with a letter or digit',
  })
  .max(200)

// Strict objects: an unknown key is a typo to report (with "did you mean"), not to drop.
export const ProviderConfigSchema = z.strictObject({
  name: PacticipantNameSchema.describe('Provider name as it appears in pacts and the broker'),
  pathPrefix: z.string().startsWith('/').describe('Requests under this path go to this provider'),
  openapi: z
    .union([z.string(), z.array(z.string()).min(1)])
    .optional()
    .describe('OpenAPI/swagger descriptions (one or several), relative to the config'),
  auth: z
    .strictObject({ schemes: z.record(z.string(), SchemeSchema).default({}) })
    .optional()
    .describe('Authorization templates of this provider, by token type (or "*")'),
  fallbackProvider: z
    .string()
    .optional()
    .describe('Provider whose pact gets the specs that say useFallbackApi (the fallback API)'),
})

export const ConfigSchema = z.strictObject({
  consumer: PacticipantNameSchema.describe('Consumer name written into every pact'),
  specs: z.array(z.string()).min(1).describe('Spec files or directories'),
  pacts: z.string().describe('Directory pact files are written to'),
  states: z.string().optional().describe('Provider-state catalog (states.yaml)'),
  swaggerRoot: z
    .string()
    .optional()
    .describe("Root that a spec's `swagger:` path is resolved against"),
  remoteRefs: z
    .record(z.string().url(), z.string())
    .default({})
    .describe(
      'URL prefix of external $refs → local folder, e.g. https://vcita.github.io/developers-hub/ → hub',
    ),
  auth: AuthConfigSchema.default({ defaultToken: 'staff', schemes: {} }).describe(
    'Default token type and Authorization schemes',
  ),
  variables: z
    .record(z.string(), z.string())
    .describe('Configured template variables (business_id, …) and their example values'),
  providers: z.array(ProviderConfigSchema).min(1),
  allowUntestedInteractions: z
    .boolean()
    .optional()
    .describe(
      'Consumer test runs: write the pacts that are complete and pass even when interactions of others have no passing consumer test',
    ),
  tokens: z
    .record(z.string(), z.string())
    .describe('Token type → environment variable holding a real token for verification'),
})

export type ProviderConfig = z.infer<typeof ProviderConfigSchema>
export type AuthConfig = z.infer<typeof AuthConfigSchema>
export type Config = z.infer<typeof ConfigSchema> & {
  /** Directory the config was loaded from; relative paths resolve against it. */
  root: string
  /** The file it was read from, or undefined for the embedded defaults. */
  file: string | undefined
}

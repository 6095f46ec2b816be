/** Request bodies the fake accepts, validated (a real broker answers 400 to malformed ones). */
import { z } from 'zod'
import type { Json } from './store'

export const PublishBodySchema = z.object({
  pacticipantName: z.string().min(1),
  pacticipantVersionNumber: z.string().min(1),
  branch: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)).optional(),
  buildUrl: z.string().min(1).optional(),
  contracts: z
    .array(
      z.object({
        consumerName: z.string().min(1),
        providerName: z.string().min(1),
        specification: z.literal('pact'),
        contentType: z.string().min(1),
        content: z.string().min(1),
        onConflict: z.enum(['overwrite', 'merge']).optional(),
      }),
    )
    .min(1),
})

export const VerificationBodySchema = z.object({
  success: z.boolean(),
  providerApplicationVersion: z.string().min(1),
  buildUrl: z.string().optional(),
  testResults: z.json().optional(),
})

export const EnvironmentBodySchema = z.object({
  name: z.string().regex(/^\S+$/, 'must not contain spaces'),
  displayName: z.string().min(1).optional(),
  production: z.boolean().optional(),
})

export const DeploymentBodySchema = z.object({
  applicationInstance: z.string().min(1).optional(),
  /** The legacy name of applicationInstance; the Rust CLI still sends it. */
  target: z.string().min(1).optional(),
})

/** zod issues in the broker's `{ errors: { field: [messages] } }` shape. */
export function validationErrors(error: z.ZodError): { errors: { [field: string]: string[] } } {
  const errors: { [field: string]: string[] } = {}
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'body'
    if (!errors[field]) errors[field] = []
    errors[field].push(issue.message)
  }
  return { errors }
}

const PactShapeSchema = z.record(z.string(), z.json()).and(
  z
    .object({
      consumer: z.object({ name: z.string() }),
      provider: z.object({ name: z.string() }),
    })
    .loose(),
)

/** Decodes a published contract: base64 → JSON object with consumer and provider names. */
export function decodePact(
  content: string,
): { ok: true; pact: { [key: string]: Json } } | { ok: false; error: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(content, 'base64').toString('utf8'))
  } catch {
    return { ok: false, error: 'content is not base64-encoded JSON' }
  }
  const shape = PactShapeSchema.safeParse(parsed)
  if (!shape.success)
    return { ok: false, error: 'content is not a pact (consumer.name, provider.name)' }
  return { ok: true, pact: shape.data }
}

/** What a measuring child reports, validated when the orchestrator reads it. */
import { z } from 'zod'

const Memory = {
  /** Resident memory of the process before the command's modules load (node, ts-node). */
  baseRssMb: z.number(),
  /** The child's peak resident memory (warm-up and every repetition included). */
  peakRssMb: z.number(),
}

export const GenerateSampleSchema = z.object({
  readMs: z.number(),
  translateMs: z.number(),
  writeMs: z.number(),
  totalMs: z.number(),
  interactions: z.number(),
})
export type GenerateSample = z.infer<typeof GenerateSampleSchema>

export const LintSampleSchema = z.object({
  totalMs: z.number(),
  specs: z.number(),
  errors: z.number(),
})
export type LintSample = z.infer<typeof LintSampleSchema>

const Arm = z.enum(['specpact', 'bare'])

export const VerifyRunSchema = z.object({
  arm: Arm,
  totalMs: z.number(),
  perInteractionMs: z.number(),
  failed: z.number(),
})
export type VerifyRun = z.infer<typeof VerifyRunSchema>

export const ArmRunSchema = z.object({
  /** Each test's time, in run order. */
  testMs: z.array(z.number()),
  failed: z.number(),
  firstFailure: z.string().optional(),
})
export type ArmRun = z.infer<typeof ArmRunSchema>

export const ConsumerSampleSchema = z.object({
  arm: Arm,
  /** Mean ms per test over the suite (estimated from windows when sampled). */
  perInteractionMs: z.number(),
  /** One run per window, in order. */
  windows: z.array(ArmRunSchema),
})
export type ConsumerSample = z.infer<typeof ConsumerSampleSchema>

/** One `specpact` command run once as a user runs it (see command.ts). */
export const CommandRunSchema = z.object({ wallMs: z.number(), peakRssMb: z.number() })
export type CommandRun = z.infer<typeof CommandRunSchema>

export const ResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate'), samples: z.array(GenerateSampleSchema), ...Memory }),
  z.object({ kind: z.literal('lint'), samples: z.array(LintSampleSchema), ...Memory }),
  z.object({ kind: z.literal('verify'), samples: z.array(VerifyRunSchema), ...Memory }),
  z.object({
    kind: z.literal('consumer'),
    interactions: z.number(),
    windows: z.array(z.object({ start: z.number(), end: z.number() })),
    /** Loading and translating the project, once per test process. */
    loadMs: z.number(),
    samples: z.array(ConsumerSampleSchema),
    ...Memory,
  }),
])
export type Result = z.infer<typeof ResultSchema>

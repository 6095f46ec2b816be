/** What the orchestrator asks a measuring child process to do, validated on arrival. */
import { z } from 'zod'

export const TaskSchema = z.object({
  kind: z.enum(['generate', 'lint', 'verify', 'consumer']),
  /** The synthetic project (holds specpact.config.yaml). */
  cwd: z.string(),
  /** Measured repetitions; the warm-up comes on top. */
  reps: z.number().int().min(1),
  /** Interactions in the warm-up run (consumer tests and verification). */
  warmup: z.number().int().min(0),
  /** Where the child writes its JSON result. */
  out: z.string(),
  /**
   * Consumer tests only: run every test (0) or, per arm and repetition, three windows of this
   * many tests at the start, middle and end of the suite.
   */
  window: z.number().int().min(0).default(0),
  /** Consumer tests and verification: specpact, bare pact-js, or both in one process. */
  arms: z
    .array(z.enum(['specpact', 'bare']))
    .min(1)
    .default(['specpact', 'bare']),
  /** Verification only: the pact to verify. */
  pact: z.string().optional(),
})
export type Task = z.infer<typeof TaskSchema>

export function readTask(text: string | undefined): Task {
  if (!text) throw new Error('BENCH_TASK is not set: run the benchmark with `npm run bench`')
  return TaskSchema.parse(JSON.parse(text))
}

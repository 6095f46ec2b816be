/**
 * Live runs (`specpact run`): specs executed against an environment through the runner,
 * with a webhook listener for the steps and states that wait for one. Results are data;
 * `report/live.ts` renders them.
 */
export { type ListenOptions, parseListen, startListener, type WebhookListener } from './listener'
export { type LivePlan, type PlannedWait, type PlanOptions, planSpec } from './plan'
export { runSuite, type SuiteOptions } from './suite'
export type { LiveReport, SpecOutcome, SpecRun } from './types'

/**
 * Every spec's own test request, executed by the step runner against the Pact mock server
 * primed with the interaction derived from it: the spec and its contract agree, with the
 * runner's template resolution (built-ins such as `{{now_timestamp}}` freshly generated),
 * tokens and expected-status checks. A prerequisite's own interaction is replayed the same way,
 * with the prerequisite step of the first spec relying on it, as translation saw it: with the
 * workflow prerequisites vCita's runner adds (and the values they rename).
 */
import { describe, expect, it } from 'vitest'
import { consumerProject, specInteraction } from '../../src/consumer'
import { expandWorkflows, type HttpInteraction, workflowIndex } from '../../src/contract'
import { runSteps } from '../../src/runner'
import { CONSUMER_TOKEN } from './support'

describe("each spec's test request replayed by the runner", () => {
  it('passes against the mock server for every HTTP spec of the project', async () => {
    const { project, contracts } = await consumerProject()
    const interactions = contracts
      .flatMap((c) => c.interactions)
      .filter((i): i is HttpInteraction => i.kind === 'http')
    const specs = project.specs.filter((s) => s.kind === 'http').map((s) => s.name)
    const own = interactions.filter((i) => !i.prerequisite)
    expect(own.map((i) => i.description).sort()).toEqual([...specs].sort())
    expect(interactions.length).toBeGreaterThan(own.length)

    const workflows = workflowIndex(project.specs)
    for (const interaction of interactions) {
      const name = interaction.description
      const origin = interaction.prerequisite?.reliedOnBy[0] ?? interaction.origin
      const spec = project.specs.find((s) => s.name === origin.specName)
      if (spec?.kind !== 'http') throw new Error(`no HTTP spec named ${origin.specName}`)
      const steps = interaction.prerequisite
        ? expandWorkflows(spec, workflows).spec.prerequisites
        : spec.requests
      const step = steps.find((s) => s.id === origin.stepId)
      if (!step) throw new Error(`${name} has no step ${origin.stepId}`)
      const token = interaction.tokenType
      const result = await specInteraction(name).run((url, values) =>
        runSteps([step], {
          baseURL: url,
          variables: project.config.variables,
          values,
          tokens: token ? { [token]: CONSUMER_TOKEN } : {},
          defaultToken: token,
        }),
      )
      // Every spec is checked and named, even after an earlier one failed.
      expect
        .soft(
          result.steps.map((s) => [s.stepId, s.kind]),
          name,
        )
        .toEqual([[step.id, 'passed']])
    }
  })
})

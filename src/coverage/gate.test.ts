import { describe, expect, it } from 'vitest'
import { gateFailures } from './gate'
import { CREATE, report, spec, specInteractionsOnly } from './test-support/world'

const getThing = spec({
  name: 'get_thing',
  endpoint: 'GET /things-api/things/{uid}',
  prerequisites: CREATE(),
  request: `  - id: main
    method: GET
    path: "/things-api/things/{{thing_uid}}"
    expect:
      status: 200`,
})

describe('the CI gate', () => {
  it.each([
    { name: 'no threshold', options: {}, failures: [] },
    { name: 'coverage above the minimum', options: { minCoverage: 10 }, failures: [] },
    {
      name: 'coverage below the minimum',
      options: { minCoverage: 50 },
      failures: ['things: coverage 14.3% (1 of 7) is below --min-coverage 50%'],
    },
    {
      name: 'an extract no interaction verifies',
      options: { failOnUnverifiedExtract: true },
      failures: [
        'specs/get_thing.md:21: thing_uid = $.data.thing.uid from POST /things-api/things: no interaction verifies it',
      ],
    },
  ])('$name', async ({ options, failures }) => {
    const r = await report([getThing], {
      drift: false,
      contracts: specInteractionsOnly([getThing]),
    })
    expect(gateFailures(r, options)).toEqual(failures)
  })
})

import { describe, expect, it } from 'vitest'
import { CREATE, contractsOf, report, spec, specInteractionsOnly } from './test-support/world'
import { parseVerification } from './verification'

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

const createThing = spec({
  name: 'post_thing',
  endpoint: 'POST /things-api/things',
  request: `  - id: main
    method: POST
    path: "/things-api/things"
    body:
      name: "x"
    expect:
      status: 201`,
  response: { data: { thing: { uid: 'abc', name: 'x' } } },
})

/** Reads the uid at `$.data.uid`, where the OpenAPI and the other spec say `$.data.thing.uid`. */
const updateThing = spec({
  name: 'put_thing',
  endpoint: 'PUT /things-api/things/{uid}',
  prerequisites: CREATE('$.data.uid', '200'),
  request: `  - id: main
    method: PUT
    path: "/things-api/things/{{thing_uid}}"
    body:
      name: "y"
    expect:
      status: [200, 204]`,
})

const cells = (r: Awaited<ReturnType<typeof report>>) =>
  r.providers.flatMap((p) => [
    ...p.operations.flatMap((o) =>
      o.statuses.map(
        (s) =>
          `${o.method} ${o.path} ${s.status}: ${s.interactions.map((i) => `${i.consumer}/${i.description}/${i.verification}`).join(', ') || '-'}`,
      ),
    ),
    ...p.events.map(
      (e) => `event ${e.event}${e.documented ? '' : ' (undocumented)'}: ${e.interactions.length}`,
    ),
  ])

describe('coverage', () => {
  it('counts every documented response and event, and what covers it', async () => {
    const r = await report([getThing, createThing], { drift: false })
    expect(cells(r)).toEqual([
      'POST /things-api/things 201: ui/post_thing/not-run',
      'POST /things-api/things 422: -',
      'GET /things-api/things/{uid} 200: ui/get_thing/not-run',
      'GET /things-api/things/{uid} 4XX: -',
      'PUT /things-api/things/{uid} 200: -',
      'event thing.created: 0',
      'event thing.deleted: 0',
    ])
    expect(r.providers[0]?.figures).toEqual({
      total: 7,
      covered: 2,
      percent: 28.6,
      operations: 3,
      operationsCovered: 2,
    })
    expect(r.summary).toMatchObject({ total: 7, covered: 2, percent: 28.6, conflicts: 0 })
  })

  it('lists by consumer: contracts of two consumers of one provider', async () => {
    const contracts = [...contractsOf([getThing], 'ui'), ...contractsOf([getThing], 'mobile')]
    const r = await report([getThing], { contracts, drift: false })
    expect(cells(r)[2]).toBe(
      'GET /things-api/things/{uid} 200: ui/get_thing/not-run, mobile/get_thing/not-run',
    )
    expect(r.providers[0]?.consumers).toEqual(['mobile', 'ui'])
  })

  it('reports statuses the operation does not document, and puts ranges under 4XX', async () => {
    const r = await report([updateThing], { drift: false })
    // The prerequisite's own interaction expects 200 from the create, which documents 201.
    expect(r.providers[0]?.undocumented).toMatchObject([
      { method: 'POST', path: '/things-api/things', reason: 'status', status: 200 },
      { method: 'PUT', path: '/things-api/things/{uid}', reason: 'status', status: 204 },
    ])
    expect(cells(r)[4]).toBe('PUT /things-api/things/{uid} 200: ui/put_thing/not-run')
  })

  it('takes the last verification result of each interaction', async () => {
    const parsed = parseVerification(
      {
        results: [
          { description: 'get_thing', kind: 'failed' },
          { description: 'post_thing', kind: 'passed' },
        ],
      },
      'verify.json',
    )
    if (!parsed.ok) throw new Error(parsed.message)
    const r = await report([getThing, createThing], { verification: parsed.results, drift: false })
    expect(cells(r).slice(0, 3)).toEqual([
      'POST /things-api/things 201: ui/post_thing/passed',
      'POST /things-api/things 422: -',
      'GET /things-api/things/{uid} 200: ui/get_thing/failed',
    ])
    expect(r.summary.verification).toBe(true)
  })
})

describe('extracted fields', () => {
  it.each([
    {
      name: 'no interaction of the endpoint: unverified',
      specs: [getThing],
      contracts: specInteractionsOnly([getThing]),
      verification: undefined,
      state: 'unverified',
    },
    {
      name: "the prerequisite's own interaction carries the path: contracted",
      specs: [getThing],
      verification: undefined,
      state: 'contracted',
    },
    {
      name: 'the create interaction carries the path: contracted',
      specs: [getThing, createThing],
      verification: undefined,
      state: 'contracted',
    },
    {
      name: 'and it passed verification: verified',
      specs: [getThing, createThing],
      verification: [{ description: 'post_thing', kind: 'passed' }],
      state: 'verified',
    },
    {
      name: 'and it failed verification: failed',
      specs: [getThing, createThing],
      verification: [{ description: 'post_thing', kind: 'failed' }],
      state: 'failed',
    },
  ])('$name', async ({ specs, contracts, verification, state }) => {
    const parsed = verification ? parseVerification(verification, 'v.json') : undefined
    if (parsed && !parsed.ok) throw new Error(parsed.message)
    const r = await report(specs, { verification: parsed?.results, drift: false, contracts })
    const extract = r.extracts.find((e) => e.spec.file === 'specs/get_thing.md')
    expect(extract).toMatchObject({
      variable: 'thing_uid',
      path: '$.data.thing.uid',
      endpoint: 'POST /things-api/things',
      documented: true,
      state,
    })
  })

  it('says when the OpenAPI does not declare an extracted path', async () => {
    const r = await report([updateThing], { drift: false })
    expect(r.extracts).toMatchObject([
      { path: '$.data.uid', documented: false, state: 'contracted' },
    ])
  })
})

describe('conflicts between specs', () => {
  it('finds one variable read from two paths, and success statuses that cannot both hold', async () => {
    const r = await report([getThing, updateThing], { drift: false })
    expect(r.conflicts).toEqual([
      {
        kind: 'extract',
        endpoint: 'POST /things-api/things',
        variable: 'thing_uid',
        variants: [
          {
            path: '$.data.thing.uid',
            documented: true,
            uses: [{ file: 'specs/get_thing.md', line: 21 }],
          },
          {
            path: '$.data.uid',
            documented: false,
            uses: [{ file: 'specs/put_thing.md', line: 21 }],
          },
        ],
      },
      {
        kind: 'status',
        endpoint: 'POST /things-api/things',
        variants: [
          { statuses: [200], documented: false, uses: [{ file: 'specs/put_thing.md', line: 15 }] },
          { statuses: [201], documented: true, uses: [{ file: 'specs/get_thing.md', line: 15 }] },
        ],
      },
    ])
  })

  it('does not call overlapping expectations a conflict', async () => {
    const r = await report([getThing, createThing], { drift: false })
    expect(r.conflicts).toEqual([])
  })
})

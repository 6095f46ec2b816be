import { describe, expect, it } from 'vitest'
import { CREATE, report, spec } from './test-support/world'

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

const line = (d: {
  spec: { file: string; line: number } | undefined
  severity: string
  code: string
  message: string
  extractedBy: { file: string; line: number }[]
}) =>
  `${d.spec?.file}:${d.spec?.line} ${d.severity} ${d.code}: ${d.message}${d.extractedBy.map((e) => ` [extracted at ${e.file}:${e.line}]`).join('')}`

describe('drift against the OpenAPI (PactFlow openapi-pact-comparator)', () => {
  it('finds nothing when the interactions agree with the OpenAPI', async () => {
    const r = await report([createThing])
    expect(r.drift).toEqual([])
    expect(r.summary.drift).toEqual({ errors: 0, warnings: 0 })
  })

  it('names the request, the response and the extract that put a field in the pact', async () => {
    const wrongBody = spec({
      name: 'post_thing_wrong',
      endpoint: 'POST /things-api/things',
      request: `  - id: main
    method: POST
    path: "/things-api/things"
    body:
      name: 42
      colour: "red"
    expect:
      status: 200`,
    })
    const readsDataUid = spec({
      name: 'get_thing',
      endpoint: 'GET /things-api/things/{uid}',
      prerequisites: CREATE('$.data.uid'),
      request: `  - id: main
    method: GET
    path: "/things-api/things/{{thing_uid}}"
    expect:
      status: 200`,
    })
    const undocumentedPath = spec({
      name: 'delete_thing',
      endpoint: 'DELETE /things-api/things/{uid}',
      request: `  - id: main
    method: DELETE
    path: "/things-api/things/abc"
    expect:
      status: 200`,
    })
    const r = await report([createThing, wrongBody, readsDataUid, undocumentedPath])
    expect(r.drift.map(line)).toMatchInlineSnapshot(`
      [
        "specs/delete_thing.md:15 error request.path-or-method.unknown: Path or method not defined in spec file: DELETE /things-api/things/abc",
        "specs/post_thing.md:15 error response.body.incompatible: Response body is incompatible with the response body schema in the spec file: must NOT have additional properties - uid [extracted at specs/get_thing.md:21]",
        "specs/post_thing_wrong.md:15 error request.body.incompatible: Request body is incompatible with the request body schema in the spec file: must NOT have additional properties - colour",
        "specs/post_thing_wrong.md:15 error request.body.incompatible: Request body is incompatible with the request body schema in the spec file: must be string",
        "specs/post_thing_wrong.md:15 error response.status.unknown: Response status code not defined in spec file: 200",
      ]
    `)
    expect(r.summary.drift).toEqual({ errors: 5, warnings: 0 })
  })
})

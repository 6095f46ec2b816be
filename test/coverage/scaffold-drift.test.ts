/** `specpact scaffold` writes specs that lint clean and translate; `lint --drift` reports drift. */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CREATE } from '../../src/coverage/test-support/world'
import { compile, loadProject } from '../../src/project'
import { writeThingsProject } from './project'
import { specpact, withTempDir } from './run'

const GET_THING = {
  name: 'get_things_uid',
  endpoint: 'GET /things-api/things/{uid}',
  prerequisites: CREATE(),
  request: `  - id: main_request
    description: "Read a thing"
    method: GET
    path: "/things-api/things/{{thing_uid}}"
    expect:
      status: 200`,
}

describe('specpact scaffold', { timeout: 300_000 }, () => {
  it('writes a skeleton per uncovered operation that lints clean and translates, and never overwrites', () =>
    withTempDir(async (dir) => {
      await writeThingsProject(dir, [GET_THING])
      const run = await specpact(['scaffold'], dir)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toBe(
        [
          // POST /things is covered by the interaction of get_things_uid's prerequisite.
          'wrote specs/put_things_api_things_uid.md (PUT /things-api/things/{uid})',
          '1 spec skeleton written',
          '',
        ].join('\n'),
      )
      const put = await readFile(join(dir, 'specs', 'put_things_api_things_uid.md'), 'utf8')
      // The path parameter is proposed as a prerequisite: the collection's POST, its uid extracted.
      expect(put).toContain(
        [
          '  - id: create_thing',
          '    description: POST /things-api/things',
          '    method: POST',
          '    path: /things-api/things',
          '    body:',
          '      name: Test name {{now_timestamp}}',
          '    extract:',
          '      thing_uid: $.data.thing.uid',
          '    expect:',
          '      status: 201',
          '    onFail: abort',
        ].join('\n'),
      )
      expect(put).toContain('    path: /things-api/things/{{thing_uid}}')
      expect(put.startsWith("---\nendpoint: 'PUT /things-api/things/{uid}'\n")).toBe(true)

      // What it wrote lints clean and translates: read and compiled as lint and generate do.
      const project = await loadProject({ cwd: dir })
      expect(project.files.map((f) => [f.file, f.diagnostics])).toEqual([
        ['specs/get_things_uid.md', []],
        ['specs/put_things_api_things_uid.md', []],
      ])
      const build = compile(project)
      expect(build.failed).toEqual([])
      expect(build.diagnostics).toEqual([])
      const descriptions = build.contracts[0]?.interactions.map((i) => i.description)
      expect(descriptions).toContain('get_things_uid')
      expect(descriptions).toContain('put_things_api_things_uid')

      const again = await specpact(
        ['scaffold', 'PUT /things-api/things/{uid}', 'PATCH /nothing'],
        dir,
      )
      expect(again.stdout).toBe(
        'kept specs/put_things_api_things_uid.md (exists; not overwritten)\n',
      )
      expect(again.code).toBe(2)
      expect(again.stderr).toContain('no documented operation "PATCH /nothing"')
      expect((await readdir(join(dir, 'specs'))).sort()).toEqual([
        'get_things_uid.md',
        'put_things_api_things_uid.md',
      ])
    }))
})

describe('specpact lint --drift', { timeout: 300_000 }, () => {
  it('reports drift at the request step and at the extract behind it, only when asked', () =>
    withTempDir(async (dir) => {
      const readsDataUid = { ...GET_THING, prerequisites: CREATE('$.data.uid') }
      const create = {
        name: 'post_thing',
        endpoint: 'POST /things-api/things',
        request: `  - id: main_request
    description: "Create a thing"
    method: POST
    path: "/things-api/things"
    body:
      name: "x"
    expect:
      status: 201`,
      }
      await writeThingsProject(dir, [readsDataUid, create])
      const plain = await specpact(['lint'], dir)
      expect(plain.code).toBe(0)
      const run = await specpact(['lint', '--drift'], dir)
      expect(run.code).toBe(1)
      const lines = run.stdout.split('\n').filter((l) => /^\S|drift\//.test(l))
      expect(lines).toEqual([
        'specs/get_things_uid.md',
        expect.stringMatching(
          /^ {2}21:1 {2}error {4}this extract puts a field in "post_thing" that the OpenAPI of things does not allow: Response body is incompatible with the response body schema in the spec file: must NOT have additional properties - uid {2}drift\/response\.body\.incompatible$/,
        ),
        'specs/post_thing.md',
        expect.stringMatching(
          /^ {2}15:1 {2}error {4}interaction "post_thing" disagrees with the OpenAPI of things: Response body .* - uid {2}drift\/response\.body\.incompatible$/,
        ),
        // lint reports translation warnings too (the extract the OpenAPI does not declare).
        expect.stringMatching(/^2 files, 2 errors, \d+ warnings?$/),
      ])
    }))
})

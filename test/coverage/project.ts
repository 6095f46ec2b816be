/** The coverage tests' provider of things as a project on disk: config, catalog, OpenAPI, specs. */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { stringify } from 'yaml'
import {
  CATALOG_DATA,
  PROVIDERS,
  type SpecParts,
  specText,
  THINGS,
} from '../../src/coverage/test-support/world'

export async function writeThingsProject(dir: string, specs: readonly SpecParts[]): Promise<void> {
  await mkdir(join(dir, 'specs'), { recursive: true })
  await writeFile(
    join(dir, 'specpact.config.yaml'),
    stringify({
      consumer: 'ui',
      specs: ['specs'],
      pacts: 'pacts',
      states: 'states.yaml',
      variables: {},
      providers: PROVIDERS.map((p) => ({ ...p, openapi: 'things.json' })),
      tokens: { staff: 'SPECPACT_TOKEN_STAFF' },
    }),
  )
  await writeFile(join(dir, 'states.yaml'), stringify(CATALOG_DATA))
  await writeFile(join(dir, 'things.json'), JSON.stringify(THINGS, null, 2))
  for (const s of specs) await writeFile(join(dir, 'specs', `${s.name}.md`), specText(s))
}

/**
 * `generate` as the CLI runs it, timed stage by stage: read (config, catalog, OpenAPI,
 * specs), translate, write.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writePacts } from '../../src/pact'
import { compile, loadProject } from '../../src/project'
import type { GenerateSample } from './results'

/** One `specpact generate` of the project in `cwd`, into a fresh directory. */
export async function generateOnce(cwd: string): Promise<GenerateSample> {
  const out = await mkdtemp(join(tmpdir(), 'specpact-bench-pacts-'))
  try {
    const t0 = performance.now()
    const project = await loadProject({ cwd })
    const t1 = performance.now()
    const build = compile(project)
    const t2 = performance.now()
    if (build.failed.length > 0 || project.specs.length !== project.files.length)
      throw new Error(
        `${build.failed.length + project.files.length - project.specs.length} specs did not translate`,
      )
    await writePacts(out, build.contracts)
    const t3 = performance.now()
    return {
      readMs: t1 - t0,
      translateMs: t2 - t1,
      writeMs: t3 - t2,
      totalMs: t3 - t0,
      interactions: build.contracts.reduce((n, c) => n + c.interactions.length, 0),
    }
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}

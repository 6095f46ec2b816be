/**
 * Translation figures of the vCita corpus, per domain, with a providers-only configuration:
 *   npm run corpus:figures [-- --config test/fixtures/vcita-corpus/specpact.config.yaml]
 * A spec translates, fails only on prerequisites no provider state covers yet, or fails on
 * a defect of its own (listed with its error codes). The last columns count the specs whose
 * prerequisites pull in another workflow's (as vCita's runner runs them), the workflow steps
 * they add, and the specs where those replace values a later step uses.
 */
import { basename, dirname, join, resolve } from 'node:path'
import { expandWorkflows, workflowIndex } from '../src/contract'
import { compile, loadProject } from '../src/project'

const ROOT = resolve(__dirname, '..')
const CORPUS = resolve(ROOT, '../shared/corpus/vcita/workflows')
const DOMAINS = ['communication', 'clients', 'scheduling', 'apps']

async function main() {
  const flag = process.argv.indexOf('--config')
  const config =
    flag > 0
      ? resolve(process.argv[flag + 1] as string)
      : join(ROOT, 'test/fixtures/vcita-corpus/specpact.config.yaml')
  const project = await loadProject({
    config,
    cwd: ROOT,
    paths: DOMAINS.map((d) => join(CORPUS, d)),
  })
  const build = compile(project)
  const errors = new Map<string, Set<string>>()
  for (const { file, diagnostics } of project.files) {
    for (const d of diagnostics)
      if (d.severity === 'error') errors.set(file, (errors.get(file) ?? new Set()).add(d.code))
  }
  for (const d of build.diagnostics) {
    if (d.severity === 'error') errors.set(d.file, (errors.get(d.file) ?? new Set()).add(d.code))
  }
  const workflows = workflowIndex(project.specs)
  const rows: string[] = []
  const defects: string[] = []
  let total = {
    specs: 0,
    translated: 0,
    prerequisites: 0,
    defects: 0,
    pulling: 0,
    added: 0,
    replacing: 0,
  }
  for (const domain of DOMAINS) {
    const files = project.files.filter((f) => basename(dirname(f.file)) === domain)
    let translated = 0
    let prerequisites = 0
    let own = 0
    let pulling = 0
    let added = 0
    let replacing = 0
    for (const spec of project.specs.filter((s) => basename(dirname(s.file)) === domain)) {
      if (spec.kind !== 'http') continue
      const expansion = expandWorkflows(spec, workflows)
      if (expansion.pulls.size === 0) continue
      pulling++
      added += expansion.spec.prerequisites.length - spec.prerequisites.length
      if (expansion.replaced.size > 0) replacing++
    }
    for (const { file } of files) {
      const codes = errors.get(file)
      if (!codes) translated++
      else if ([...codes].every((c) => c === 'uncovered-prerequisite')) prerequisites++
      else {
        own++
        defects.push(`${domain}/${basename(file)}: ${[...codes].sort().join(', ')}`)
      }
    }
    rows.push(
      `| ${domain} | ${files.length} | ${translated} | ${prerequisites} | ${own} | ${pulling} | ${added} | ${replacing} |`,
    )
    total = {
      specs: total.specs + files.length,
      translated: total.translated + translated,
      prerequisites: total.prerequisites + prerequisites,
      defects: total.defects + own,
      pulling: total.pulling + pulling,
      added: total.added + added,
      replacing: total.replacing + replacing,
    }
  }
  const interactions = build.contracts.reduce((n, c) => n + c.interactions.length, 0)
  process.stdout.write(
    [
      '| domain | specs | translated | only uncovered prerequisites | own defect | pull workflow prerequisites | workflow steps added | values replaced |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      `| all | ${total.specs} | ${total.translated} | ${total.prerequisites} | ${total.defects} | ${total.pulling} | ${total.added} | ${total.replacing} |`,
      '',
      `${interactions} interactions in ${build.contracts.length} pacts`,
      '',
      'Specs with a defect of their own (error codes):',
      ...defects.map((d) => `- ${d}`),
      '',
    ].join('\n'),
  )
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})

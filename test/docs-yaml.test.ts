/**
 * The CI examples under docs/ci/ are copied by users: they must stay valid YAML with the jobs,
 * steps, commands and services the docs promise.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { z } from 'zod'

const DOCS = join(__dirname, '..', 'docs', 'ci')

const StepSchema = z
  .object({
    name: z.string().optional(),
    uses: z.string().optional(),
    run: z.string().optional(),
    if: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
    with: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), 'a step has uses or run')

const WorkflowSchema = z.object({
  name: z.string(),
  on: z.record(z.string(), z.unknown()),
  env: z.record(z.string(), z.string()),
  jobs: z.record(
    z.string(),
    z.object({
      'runs-on': z.string(),
      needs: z.string().optional(),
      if: z.string().optional(),
      steps: z.array(StepSchema).min(1),
    }),
  ),
})
type Workflow = z.infer<typeof WorkflowSchema>

const ComposeSchema = z.object({
  services: z.record(
    z.string(),
    z.object({
      image: z.string(),
      environment: z.record(z.string(), z.string()),
      depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
      ports: z.array(z.string()).optional(),
      healthcheck: z.object({ test: z.array(z.string()) }).optional(),
    }),
  ),
  volumes: z.record(z.string(), z.unknown()).optional(),
})

function load<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(parse(readFileSync(join(DOCS, file), 'utf8')))
}

function runs(workflow: Workflow, job: string): string[] {
  return (workflow.jobs[job]?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []))
}

describe.each([['github-actions-consumer.yml'], ['github-actions-provider.yml']])(
  '%s (common to both workflows)',
  (file) => {
    const workflow = load(file, WorkflowSchema)

    it('takes broker credentials from repository settings, never literals', () => {
      expect(workflow.env.PACT_BROKER_BASE_URL).toBe('${{ vars.PACT_BROKER_BASE_URL }}')
      expect(workflow.env.PACT_BROKER_TOKEN).toBe('${{ secrets.PACT_BROKER_TOKEN }}')
    })

    it('installs with optional dependencies (the pact binaries) in every job', () => {
      for (const job of Object.keys(workflow.jobs)) {
        expect(runs(workflow, job)).toContain('npm ci')
      }
      const all = Object.keys(workflow.jobs).flatMap((job) => runs(workflow, job))
      expect(all.filter((r) => r.includes('--omit'))).toEqual([])
    })

    it('gates deployment on can-i-deploy and records it afterwards', () => {
      expect(workflow.jobs.deploy?.needs).toBe('can-i-deploy')
      expect(runs(workflow, 'can-i-deploy')).toContainEqual(
        expect.stringMatching(
          /^npx specpact can-i-deploy --pacticipant "\$PACTICIPANT" --version "\$\w+" --to-environment production\b/,
        ),
      )
      const deploy = runs(workflow, 'deploy')
      const recordAt = deploy.findIndex((r) => r.startsWith('npx specpact record-deployment'))
      expect(recordAt).toBeGreaterThan(deploy.findIndex((r) => r.includes('deploy.sh')))
      expect(deploy[recordAt]).toMatch(/--environment production$/)
    })
  },
)

describe('consumer workflow', () => {
  const workflow = load('github-actions-consumer.yml', WorkflowSchema)

  it('runs on pushes to main and on pull requests', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
  })

  it('tests, then publishes the pacts the tests wrote', () => {
    const test = runs(workflow, 'test')
    expect(test.indexOf('npm test')).toBeGreaterThanOrEqual(0)
    expect(test.indexOf('npx specpact publish')).toBeGreaterThan(test.indexOf('npm test'))
    expect(workflow.jobs['can-i-deploy']?.needs).toBe('test')
  })

  it('checks out the PR head commit, the version it publishes', () => {
    expect(workflow.env.GIT_SHA).toBe('${{ github.event.pull_request.head.sha || github.sha }}')
    expect(workflow.jobs.test?.steps[0]).toMatchObject({
      uses: 'actions/checkout@v4',
      with: { ref: '${{ env.GIT_SHA }}' },
    })
  })
})

describe('provider workflow', () => {
  const workflow = load('github-actions-provider.yml', WorkflowSchema)
  const verifySteps = workflow.jobs.verify?.steps ?? []

  it('is triggered by the broker webhook for changed pacts', () => {
    expect(workflow.on.repository_dispatch).toEqual({
      types: ['contract_requiring_verification_published'],
    })
  })

  it('verifies from the broker on changes, and just the changed pact on a webhook', () => {
    const regular = verifySteps.find((s) => s.if === "github.event_name != 'repository_dispatch'")
    const webhook = verifySteps.find((s) => s.if === "github.event_name == 'repository_dispatch'")
    expect(regular?.run).toMatch(/^npx specpact verify --broker\b/)
    expect(regular?.run).not.toContain('--pact-url')
    expect(webhook?.run).toMatch(/^npx specpact verify --broker --pact-url "\$PACT_URL"/)
    expect(webhook?.env?.PACT_URL).toBe('${{ github.event.client_payload.pact_url }}')
  })

  it('never interpolates webhook payload into a script', () => {
    for (const step of verifySteps) expect(step.run ?? '').not.toContain('${{')
  })

  it('records results for the provider version the broker asked about', () => {
    expect(workflow.env.PROVIDER_VERSION).toContain('github.event.client_payload.sha')
    expect(workflow.env.PROVIDER_BRANCH).toContain('github.event.client_payload.branch')
    expect(workflow.jobs.verify?.steps[0]?.with?.ref).toBe('${{ env.PROVIDER_VERSION }}')
  })
})

describe('docker-compose.pact-broker.yml', () => {
  const compose = load('docker-compose.pact-broker.yml', ComposeSchema)
  const broker = compose.services['pact-broker']
  const postgres = compose.services.postgres

  it('has the broker and PostgreSQL services', () => {
    expect(broker?.image).toMatch(/^pactfoundation\/pact-broker:/)
    expect(postgres?.image).toMatch(/^postgres:/)
    expect(broker?.ports).toEqual(['${PACT_BROKER_PORT:-9292}:9292'])
  })

  it("points the broker's database settings at the postgres service", () => {
    const env = broker?.environment ?? {}
    const db = postgres?.environment ?? {}
    expect(env).toMatchObject({
      PACT_BROKER_DATABASE_ADAPTER: 'postgres',
      PACT_BROKER_DATABASE_HOST: 'postgres',
      PACT_BROKER_DATABASE_NAME: db.POSTGRES_DB,
      PACT_BROKER_DATABASE_USERNAME: db.POSTGRES_USER,
      PACT_BROKER_DATABASE_PASSWORD: db.POSTGRES_PASSWORD,
    })
    expect(broker?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } })
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready')
  })

  it('takes every password from the environment and requires it', () => {
    const env = { ...broker?.environment, ...postgres?.environment }
    const secrets = Object.entries(env).filter(([key]) => /PASSWORD/.test(key))
    expect(secrets.length).toBeGreaterThanOrEqual(3)
    for (const [, value] of secrets) expect(value).toMatch(/^\$\{\w+:\?[^}]+\}$/)
    expect(broker?.environment.PACT_BROKER_ALLOW_PUBLIC_READ).toBe('false')
  })
})

import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
// ajv comes with fastify (the reference provider's server): the validator editors' YAML
// support is built on, so it shows the schema works where it is meant to be used.
import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { JSON_SCHEMA_FILE, renderSpecJsonSchema, specJsonSchema } from './json-schema'
import { edit, VALID } from './test-support/specs'
import { editWebhook, VALID_WEBHOOK } from './test-support/webhook-specs'

const ROOT = resolve(__dirname, '../..')
const CORPUS = resolve(ROOT, '../shared/corpus/vcita/workflows/communication')

describe('the checked-in JSON Schema', () => {
  it('is what the zod schemas generate', () => {
    const checkedIn = readFileSync(join(ROOT, JSON_SCHEMA_FILE), 'utf8')
    expect(
      checkedIn === renderSpecJsonSchema(),
      `${JSON_SCHEMA_FILE} is out of date with src/spec/schema.ts: run npm run schema`,
    ).toBe(true)
  })

  it('resolves every $ref to one of its definitions', () => {
    const schema = specJsonSchema()
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? []
    const targets = [...new Set(refs.map((r) => r.slice(8, -1)))].sort()
    expect(targets).toEqual([
      '#/definitions/FrontMatter',
      '#/definitions/JsonValue',
      '#/definitions/Step',
      '#/definitions/Trigger',
      '#/definitions/WaitFor',
      '#/definitions/WebhookFrontMatter',
    ])
    const definitions = schema.definitions as Record<string, unknown>
    expect(Object.keys(definitions).sort()).toEqual([
      'FrontMatter',
      'JsonValue',
      'Matching',
      'Step',
      'StepBlock',
      'Trigger',
      'TriggerBlock',
      'WaitFor',
      'WebhookFrontMatter',
    ])
  })
})

/** The front matter and the step blocks of a spec, as YAML values. */
function yamlParts(text: string) {
  const frontMatter = parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '')
  const blocks = [
    ...text.matchAll(/## (?:Prerequisites|Test Request)\s*\n+```ya?ml\n([\s\S]*?)```/g),
  ]
  return { frontMatter, blocks: blocks.map((m) => parseYaml(m[1] ?? '')) }
}

describe('a validator using the JSON Schema', () => {
  const ajv = new Ajv({ strict: false, allErrors: true })
  ajv.addSchema(specJsonSchema(), 'spec.schema.json')
  const frontMatter = ajv.compile({ $ref: 'spec.schema.json' })
  const stepBlock = ajv.compile({ $ref: 'spec.schema.json#/definitions/StepBlock' })

  it('accepts every corpus spec and the valid spec', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.md'))
    const texts = [...files.map((f) => readFileSync(join(CORPUS, f), 'utf8')), VALID]
    const rejected = texts.flatMap((text, i) => {
      const parts = yamlParts(text)
      const ok = frontMatter(parts.frontMatter) && parts.blocks.every((b) => stepBlock(b))
      return ok ? [] : [files[i] ?? 'VALID']
    })
    expect(texts).toHaveLength(43)
    expect(rejected).toEqual([])
  })

  it.each([
    {
      name: 'a status that is not allowed',
      text: edit(['status: verified', 'status: done']),
      error: '/status must be equal to one of the allowed values',
    },
    {
      name: 'an endpoint without method',
      text: edit(['endpoint: "POST /business', 'endpoint: "/business']),
      error: '/endpoint must match pattern "^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \\/\\S*$"',
    },
  ])('rejects front matter with $name', ({ text, error }) => {
    expect(frontMatter(yamlParts(text).frontMatter)).toBe(false)
    expect(frontMatter.errors?.map((e) => `${e.instancePath} ${e.message}`)).toContain(error)
  })

  it.each([
    {
      name: 'a step without method',
      text: edit(['    method: GET\n', '']),
      error: "/steps/1 must have required property 'method'",
    },
    {
      name: 'a status out of range',
      text: edit(['      status: 200\n', '      status: 2000\n']),
      error: '/steps/1/expect/status must be <= 599',
    },
    {
      name: 'an extract name that is not a variable name',
      text: edit(['      contact_uid: "$', '      contact-uid: "$']),
      error: '/steps/1/extract must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"',
    },
  ])('rejects a step block with $name', ({ text, error }) => {
    const [prerequisites] = yamlParts(text).blocks
    expect(stepBlock(prerequisites)).toBe(false)
    expect(stepBlock.errors?.map((e) => `${e.instancePath} ${e.message}`)).toContain(error)
  })
})

/** The front matter and the Trigger and Matching blocks of a webhook spec, as YAML values. */
function webhookParts(text: string) {
  const block = (heading: string) => {
    const match = new RegExp(`## ${heading}\\s*\\n+\`\`\`ya?ml\\n([\\s\\S]*?)\`\`\``).exec(text)
    return match ? parseYaml(match[1] ?? '') : undefined
  }
  return {
    frontMatter: parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? ''),
    trigger: block('Trigger'),
    matching: block('Matching'),
  }
}

describe('a validator using the JSON Schema on webhook specs', () => {
  const ajv = new Ajv({ strict: false, allErrors: true })
  ajv.addSchema(specJsonSchema(), 'spec.schema.json')
  const frontMatter = ajv.compile({ $ref: 'spec.schema.json' })
  const trigger = ajv.compile({ $ref: 'spec.schema.json#/definitions/TriggerBlock' })
  const matching = ajv.compile({ $ref: 'spec.schema.json#/definitions/Matching' })
  const WEBHOOKS = join(ROOT, 'specs', 'communication-gw', 'webhooks')

  it("accepts the project's webhook specs and the valid webhook spec", () => {
    const files = readdirSync(WEBHOOKS).filter((f) => f.endsWith('.md'))
    const texts = [...files.map((f) => readFileSync(join(WEBHOOKS, f), 'utf8')), VALID_WEBHOOK]
    const rejected = texts.flatMap((text, i) => {
      const parts = webhookParts(text)
      const ok =
        frontMatter(parts.frontMatter) && trigger(parts.trigger) && matching(parts.matching)
      return ok ? [] : [files[i] ?? 'VALID_WEBHOOK']
    })
    expect(texts.length).toBeGreaterThanOrEqual(5)
    expect(rejected).toEqual([])
  })

  it.each([
    {
      name: 'front matter with an event that is not dot-separated words',
      check: () =>
        frontMatter(
          webhookParts(editWebhook(['event: channel.activated', 'event: Activated'])).frontMatter,
        ),
      errors: () => frontMatter.errors,
      error: '/event must match pattern "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$"',
    },
    {
      name: 'front matter naming an event but no provider',
      check: () =>
        frontMatter(webhookParts(editWebhook(['provider: communication-gw\n', ''])).frontMatter),
      errors: () => frontMatter.errors,
      error: " must have required property 'provider'",
    },
    {
      name: 'a trigger without a description',
      check: () => trigger({ trigger: { params: {} } }),
      errors: () => trigger.errors,
      error: "/trigger must have required property 'description'",
    },
    {
      name: 'an empty oneOf list',
      check: () => matching({ oneOf: { '$.status': [] } }),
      errors: () => matching.errors,
      error: '/oneOf/$.status must NOT have fewer than 1 items',
    },
  ])('rejects $name', ({ check, errors, error }) => {
    expect(check()).toBe(false)
    expect(errors()?.map((e) => `${e.instancePath} ${e.message}`)).toContain(error)
  })
})

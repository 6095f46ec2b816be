/**
 * The JSON Schema of the spec format, generated from the zod schemas of `schema.ts` so that
 * editors can check specs as they are written. `npm run schema` writes it to
 * `specs/schema/spec.schema.json`; `json-schema.test.ts` fails when that file is stale.
 *
 * One document, draft-07 (the draft editors' YAML and JSON support handles best):
 * - the root validates a spec's front matter: `definitions/WebhookFrontMatter` when it names
 *   an `event`, else `definitions/FrontMatter`;
 * - `#/definitions/StepBlock` validates a ```yaml block of `## Prerequisites` or
 *   `## Test Request`, and `#/definitions/Step` a single step;
 * - `#/definitions/WaitFor` validates a step's `waitFor` (a webhook a live run waits for);
 * - `#/definitions/TriggerBlock` and `#/definitions/Matching` validate the ```yaml blocks of a
 *   webhook spec's `## Trigger` and `## Matching`.
 * Unknown keys are allowed, as the reader only warns about them.
 */
import { z } from 'zod'
import {
  FrontMatterSchema,
  JsonValueSchema,
  MatchingSchema,
  StepSchema,
  TriggerSchema,
  WaitForSchema,
  WebhookFrontMatterSchema,
} from './schema'

/** Where the generated schema is checked in, relative to the repository root. */
export const JSON_SCHEMA_FILE = 'specs/schema/spec.schema.json'

const StepBlockSchema = z
  .object({ steps: z.array(StepSchema).describe('The steps, in order; [] for none') })
  .describe('A ```yaml block of ## Prerequisites or ## Test Request')

const TriggerBlockSchema = z
  .object({ trigger: TriggerSchema })
  .describe("The ```yaml block of a webhook spec's ## Trigger")

type JsonSchema = Record<string, unknown>

/** zod's own string formats (`starts_with`, …) mean nothing to editors: the pattern says it. */
const STANDARD_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'regex'])

/** The spec format as a JSON Schema object. */
export function specJsonSchema(): JsonSchema {
  const registry = z.registry<{ id: string; description?: string }>()
  registry.add(FrontMatterSchema, { id: 'FrontMatter', description: FrontMatterSchema.description })
  registry.add(StepBlockSchema, { id: 'StepBlock', description: StepBlockSchema.description })
  registry.add(StepSchema, { id: 'Step', description: StepSchema.description })
  registry.add(WaitForSchema, { id: 'WaitFor', description: WaitForSchema.description })
  registry.add(JsonValueSchema, { id: 'JsonValue', description: 'Any JSON value' })
  registry.add(WebhookFrontMatterSchema, {
    id: 'WebhookFrontMatter',
    description: WebhookFrontMatterSchema.description,
  })
  registry.add(TriggerBlockSchema, {
    id: 'TriggerBlock',
    description: TriggerBlockSchema.description,
  })
  registry.add(TriggerSchema, { id: 'Trigger', description: TriggerSchema.description })
  registry.add(MatchingSchema, { id: 'Matching', description: MatchingSchema.description })
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-7',
    io: 'input',
    uri: (id) => `#/definitions/${id}`,
    override: ({ jsonSchema }) => {
      const format = jsonSchema.format
      if (typeof format === 'string' && !STANDARD_FORMATS.has(format)) delete jsonSchema.format
    },
  })
  const definitions: Record<string, JsonSchema> = {}
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema
    definitions[id] = rest
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'specpact spec',
    description:
      "The YAML of a specpact spec. The root checks the front matter (a webhook spec's when it names an event); #/definitions/StepBlock checks a ```yaml block of ## Prerequisites or ## Test Request, #/definitions/Step one step; #/definitions/TriggerBlock and #/definitions/Matching the ## Trigger and ## Matching blocks of a webhook spec. Generated from src/spec/schema.ts by npm run schema: do not edit.",
    if: { type: 'object', required: ['event'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, not a thenable
    then: { $ref: '#/definitions/WebhookFrontMatter' },
    else: { $ref: '#/definitions/FrontMatter' },
    definitions,
  }
}

/** The checked-in text of the schema: stable key order, two-space indent, final newline. */
export function renderSpecJsonSchema(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`
}

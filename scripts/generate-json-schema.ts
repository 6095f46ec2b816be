/**
 * Writes specs/schema/spec.schema.json from the zod schemas of src/spec/schema.ts.
 * Run it after changing the spec format: `npm run schema`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { JSON_SCHEMA_FILE, renderSpecJsonSchema } from '../src/spec/json-schema'

const file = join(__dirname, '..', JSON_SCHEMA_FILE)
mkdirSync(dirname(file), { recursive: true })
writeFileSync(file, renderSpecJsonSchema())
process.stdout.write(`wrote ${JSON_SCHEMA_FILE}\n`)

/**
 * A response body from a spec's `## Expected Response` is an example: type matchers say only
 * "a string here". Where the provider's OpenAPI description constrains a value to an enum,
 * the contract should say so too, or a provider answering `"PENDING"` (or `success: false`)
 * where the consumer branches on `"pending"` (or `success: true`) would pass verification.
 * The example stays the spec's own.
 */
import type { JsonValue } from '../spec'
import { isObject, type OpenApiDoc, resolve, type Schema } from './openapi'
import type { Template } from './types'
import { escapeRegex } from './values'

/** A value of the example the OpenAPI enum at the same place does not allow. */
export interface EnumDisagreement {
  /** JSONPath of the value, e.g. `$.data.channel.status`. */
  path: string
  example: JsonValue
  allowed: JsonValue[]
}

/** The schemas `schema` is made of: itself, or its `allOf` parts. */
function partsOf(doc: OpenApiDoc, schema: Schema): Schema[] {
  const all = schema.allOf
  if (!Array.isArray(all)) return [schema]
  return all.flatMap((part) => {
    const s = resolve(doc, part)
    return s ? partsOf(doc, s) : []
  })
}

function propertyOf(doc: OpenApiDoc, schema: Schema, name: string): Schema | undefined {
  for (const part of partsOf(doc, schema)) {
    const properties = part.properties
    if (isObject(properties) && name in properties) return resolve(doc, properties[name])
  }
  return undefined
}

function itemsOf(doc: OpenApiDoc, schema: Schema): Schema | undefined {
  for (const part of partsOf(doc, schema)) if (part.items) return resolve(doc, part.items)
  return undefined
}

function enumOf(doc: OpenApiDoc, schema: Schema): JsonValue[] | undefined {
  for (const part of partsOf(doc, schema)) if (Array.isArray(part.enum)) return part.enum
  return undefined
}

const same = (a: JsonValue, b: JsonValue) => JSON.stringify(a) === JSON.stringify(b)

/**
 * `template` with every type-matched leaf that the schema restricts to an enum replaced: a
 * one-value enum by that literal, a string enum by a full-match regex of its values.
 * Example values outside the enum are left as they are and reported.
 */
export function refineWithSchema(
  doc: OpenApiDoc,
  schema: Schema | undefined,
  template: Template,
  disagreements: EnumDisagreement[] = [],
  path = '$',
): Template {
  if (!schema) return template
  switch (template.kind) {
    case 'object':
      return {
        kind: 'object',
        fields: template.fields.map(([name, value]) => [
          name,
          refineWithSchema(
            doc,
            propertyOf(doc, schema, name),
            value,
            disagreements,
            `${path}.${name}`,
          ),
        ]),
      }
    case 'eachLike':
      return {
        ...template,
        item: refineWithSchema(
          doc,
          itemsOf(doc, schema),
          template.item,
          disagreements,
          `${path}[*]`,
        ),
      }
    case 'array':
      return {
        kind: 'array',
        items: template.items.map((item, i) =>
          refineWithSchema(doc, itemsOf(doc, schema), item, disagreements, `${path}[${i}]`),
        ),
      }
    case 'type': {
      const allowed = enumOf(doc, schema)
      if (!allowed || allowed.length === 0) return template
      if (!allowed.some((v) => same(v, template.example))) {
        disagreements.push({ path, example: template.example, allowed })
        return template
      }
      if (allowed.length === 1) return { kind: 'literal', value: template.example }
      if (typeof template.example === 'string' && allowed.every((v) => typeof v === 'string')) {
        const alternatives = (allowed as string[]).map(escapeRegex).join('|')
        return { kind: 'regex', pattern: `^(${alternatives})$`, example: template.example }
      }
      return template
    }
    default:
      return template
  }
}

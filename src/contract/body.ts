/** Response-body templates: from an example document, and with required JSONPaths added. */
import type { JsonValue } from '../spec'
import type { Segment } from './jsonpath'
import type { Template } from './types'

/** Type matchers all the way down: the consumer relies on shape, not on values. */
export function typeTemplate(value: JsonValue): Template {
  if (Array.isArray(value)) {
    const [first] = value
    return first === undefined
      ? { kind: 'type', example: [] }
      : { kind: 'eachLike', item: typeTemplate(first), min: 1 }
  }
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', fields: Object.entries(value).map(([k, v]) => [k, typeTemplate(v)]) }
  }
  return { kind: 'type', example: value }
}

/** Example of a value found at the end of an extract path: ids are strings. */
export type LeafExample = (segments: readonly Segment[]) => JsonValue

/**
 * `template` with `segments` present, adding objects, arrays and a type-matched leaf where
 * missing. Existing parts are kept; a leaf that would need to become a container is kept too.
 */
export function withPath(
  template: Template | undefined,
  segments: readonly Segment[],
  leaf: LeafExample,
  depth = 0,
): Template {
  const segment = segments[depth]
  if (segment === undefined) return template ?? { kind: 'type', example: leaf(segments) }
  if (segment.kind === 'key') {
    const base =
      template?.kind === 'object'
        ? template
        : template === undefined
          ? { kind: 'object' as const, fields: [] }
          : undefined
    if (!base) return template as Template
    const fields = [...base.fields]
    const i = fields.findIndex(([k]) => k === segment.name)
    const next = withPath(i >= 0 ? fields[i]?.[1] : undefined, segments, leaf, depth + 1)
    if (i >= 0) fields[i] = [segment.name, next]
    else fields.push([segment.name, next])
    return { kind: 'object', fields }
  }
  if (template === undefined) {
    return {
      kind: 'eachLike',
      item: withPath(undefined, segments, leaf, depth + 1),
      min: segment.index + 1,
    }
  }
  if (template.kind === 'eachLike') {
    return {
      ...template,
      item: withPath(template.item, segments, leaf, depth + 1),
      min: Math.max(template.min, segment.index + 1),
    }
  }
  if (template.kind === 'array') {
    const items = [...template.items]
    items[segment.index] = withPath(items[segment.index], segments, leaf, depth + 1)
    return { kind: 'array', items: items.map((t) => t ?? { kind: 'type', example: null }) }
  }
  return template
}

/** Whether `template` contains the path (used to prove every extract is covered). */
export function hasPath(template: Template | undefined, segments: readonly Segment[]): boolean {
  let node = template
  for (const segment of segments) {
    if (!node) return false
    if (segment.kind === 'key') {
      node = node.kind === 'object' ? node.fields.find(([k]) => k === segment.name)?.[1] : undefined
    } else if (node.kind === 'eachLike') {
      node = segment.index < Math.max(node.min, 1) ? node.item : undefined
    } else if (node.kind === 'array') node = node.items[segment.index]
    else return false
  }
  return node !== undefined
}

/** Reading the webhook form of a spec: an event, prerequisites, trigger, payload, matching. */
import { checkSteps } from './checks'
import type { Collector } from './collector'
import type { FrontMatterPart } from './frontmatter'
import { locate, locationsOf } from './locations'
import type { RawSection } from './markdown'
import {
  documentOf,
  findSection,
  firstContent,
  inOrder,
  type ReadOptions,
  readSteps,
} from './read-parts'
import { dotPath, type LineIndex } from './source'
import type { ReadResult, SourcePos, Spec } from './types'
import { readMatching, readPayload, readTrigger, type TriggerPart } from './webhook'
import { checkWebhook } from './webhook-checks'

/** A section the webhook form requires, or a diagnostic where it should have been. */
function required(
  sections: RawSection[],
  heading: string,
  what: string,
  text: string,
  bodyOffset: number,
  out: Collector,
) {
  const section = findSection(sections, heading.toLowerCase())
  if (!section) {
    out.add(
      'section-missing',
      Math.max(bodyOffset, firstContent(text, bodyOffset)),
      heading.toLowerCase(),
      `the webhook spec has no "## ${heading}" section`,
      { expected: `a "## ${heading}" heading with ${what}`, found: 'no such heading' },
    )
  }
  return section
}

function triggerLocations(trigger: TriggerPart, lines: LineIndex) {
  return (locations: Record<string, SourcePos>) => {
    const block = trigger.block
    if (block && trigger.value)
      locate(trigger.value, 'trigger', block.cursor(['trigger']), lines, locations)
  }
}

/** The webhook form: front matter naming an event, prerequisites, trigger, payload, matching. */
export function parseWebhook(
  file: string,
  text: string,
  fm: FrontMatterPart,
  sections: RawSection[],
  options: ReadOptions,
  out: Collector,
  lines: LineIndex,
): ReadResult {
  const triggerSection = required(
    sections,
    'Trigger',
    'a ```yaml trigger: block',
    text,
    fm.bodyOffset,
    out,
  )
  const payloadSection = required(
    sections,
    'Payload',
    'a ```json example payload',
    text,
    fm.bodyOffset,
    out,
  )
  const prereq = readSteps(findSection(sections, 'prerequisites'), 'prerequisites', out, false)
  const configured = new Set(options.variables ?? [])
  checkSteps(prereq.raw, configured, out, { prerequisites: prereq.readable, request: false })
  const trigger = triggerSection
    ? readTrigger(triggerSection, out)
    : { value: undefined, block: undefined }
  const payload = payloadSection
    ? readPayload(payloadSection, out)
    : { value: undefined, offset: 0, text: '' }
  const matching = readMatching(findSection(sections, 'matching'), out)
  const extracted = new Map<string, { offset: number; where: string; label: string }>()
  for (const step of prereq.raw) {
    const extract = step.value.extract
    if (extract === null || typeof extract !== 'object' || Array.isArray(extract)) continue
    const id = step.value.id
    for (const name of Object.keys(extract)) {
      extracted.set(name, {
        offset: step.block.offsetOf(['steps', step.index, 'extract', name], 'key'),
        where: dotPath(['prerequisites', step.index, 'extract', name]),
        label: typeof id === 'string' ? `step "${id}"` : `prerequisites step ${step.index + 1}`,
      })
    }
  }
  if (prereq.readable) {
    checkWebhook(
      { event: fm.webhook?.event, payload, trigger, matching, extracted, configured },
      out,
    )
  }
  const diagnostics = inOrder(out)
  if (
    out.hasErrors ||
    !fm.webhook ||
    !prereq.valid ||
    !trigger.value ||
    payload.value === undefined ||
    !matching.value
  ) {
    return { ok: false, diagnostics }
  }
  const spec: Spec = {
    kind: 'webhook',
    ...documentOf(file, sections, lines),
    frontMatter: fm.webhook,
    prerequisites: prereq.steps,
    trigger: trigger.value,
    payload: payload.value,
    matching: matching.value,
    locations: locationsOf(prereq.raw, fm.block, lines, triggerLocations(trigger, lines)),
  }
  return { ok: true, spec, diagnostics }
}

import { describe, expect, it } from 'vitest'
import { createBuiltinValues } from './builtins'
import { describeProblem } from './errors'
import { createScope, resolveValue } from './templates'

const builtins = createBuiltinValues(new Date('2026-01-01T09:00:00.000Z'))
const scope = createScope({
  extracted: { channel_uid: 'ch_1', contact_uid: 7, flags: { a: 1 }, nothing: null, shadowed: 'x' },
  variables: { business_id: 'bz1', shadowed: 'from-config', now_timestamp: 'configured-now' },
  builtin: (name) => builtins.get(name),
})

describe('resolveValue', () => {
  it.each([
    { name: 'a configured variable', input: '{{business_id}}', expected: 'bz1' },
    { name: 'an extracted value', input: '/channels/{{channel_uid}}', expected: '/channels/ch_1' },
    {
      name: 'a built-in',
      input: 'Test Channel {{tomorrow_date}}',
      expected: 'Test Channel 2026-01-02',
    },
    { name: 'whitespace inside braces', input: '{{ business_id }}', expected: 'bz1' },
    {
      name: 'several in one string',
      input: '{{business_id}}-{{channel_uid}}',
      expected: 'bz1-ch_1',
    },
    { name: 'a whole-string number keeps its type', input: '{{contact_uid}}', expected: 7 },
    { name: 'a whole-string object keeps its type', input: '{{flags}}', expected: { a: 1 } },
    { name: 'a whole-string null keeps its type', input: '{{nothing}}', expected: null },
    {
      name: 'a number inside a string is written as text',
      input: 'c-{{contact_uid}}',
      expected: 'c-7',
    },
    { name: 'an object inside a string is JSON', input: 'f={{flags}}', expected: 'f={"a":1}' },
    { name: 'extracted values win over configured ones', input: '{{shadowed}}', expected: 'x' },
    {
      name: 'configured values win over built-ins',
      input: '{{now_timestamp}}',
      expected: 'configured-now',
    },
    {
      name: 'text without templates is untouched',
      input: 'plain {text}',
      expected: 'plain {text}',
    },
    { name: 'numbers are untouched', input: 42, expected: 42 },
    { name: 'booleans and null are untouched', input: [true, null], expected: [true, null] },
    {
      name: 'values deep in objects and arrays, never keys',
      input: { '{{business_id}}': [{ id: '{{channel_uid}}' }, '{{contact_uid}}'] },
      expected: { '{{business_id}}': [{ id: 'ch_1' }, 7] },
    },
  ])('$name', ({ input, expected }) => {
    expect(resolveValue(input, scope, 'body')).toEqual({ ok: true, value: expected })
  })

  it('collects every unknown variable with where it is used', () => {
    const result = resolveValue(
      { a: '{{missing}}', b: ['x {{other}} and {{missing}}'], c: '{{business_id}}' },
      scope,
      'body',
    )
    expect(result).toEqual({
      ok: false,
      missing: [
        { name: 'missing', where: 'body.a' },
        { name: 'other', where: 'body.b[0]' },
        { name: 'missing', where: 'body.b[0]' },
      ],
    })
  })

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'does not find %s on the prototype',
    (name) => {
      expect(resolveValue(`{{${name}}}`, scope, 'path')).toEqual({
        ok: false,
        missing: [{ name, where: 'path' }],
      })
    },
  )

  it('names the variable and the step in the message', () => {
    expect(
      describeProblem({
        kind: 'unknown-variable',
        stepId: 'main_request',
        variables: [
          { name: 'session_uid', where: 'body.session_uid', expectedFrom: 'create_session' },
          { name: 'typo', where: 'path' },
        ],
      }),
    ).toMatchInlineSnapshot(
      `"step "main_request": unknown variable {{session_uid}} at body.session_uid (step "create_session" should have extracted it but did not pass); unknown variable {{typo}} at path (not extracted by an earlier step, not a configured variable, not a built-in)"`,
    )
  })
})

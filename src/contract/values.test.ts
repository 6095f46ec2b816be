import { describe, expect, it } from 'vitest'
import type { Matcher } from './types'
import {
  escapeExpression,
  paramValue,
  pathMatcher,
  stringMatcher,
  type ValueContext,
} from './values'

const ctx: ValueContext = {
  configured: { business_id: 'bz3p8ja7a1b2c3d4' },
  injected: new Map([
    ['coupon_uid', 'cp1'],
    ['channel_uid', 'ch1'],
  ]),
}

describe('pathMatcher', () => {
  it.each<{ name: string; path: string; matcher: Matcher }>([
    {
      name: 'a literal path stays literal',
      path: '/v2/coupons',
      matcher: { kind: 'literal', value: '/v2/coupons' },
    },
    {
      name: 'an injected segment is one segment of the template',
      path: '/v2/coupons/{{coupon_uid}}/expire',
      matcher: {
        kind: 'injected',
        expression: '/v2/coupons/${coupon_uid}/expire',
        example: '/v2/coupons/cp1/expire',
        pattern: '^/v2/coupons/[^/]+/expire$',
      },
    },
    {
      name: 'text beside an injected value in a segment is escaped',
      path: '/a.b/{{channel_uid}}.json',
      matcher: {
        kind: 'injected',
        expression: '/a.b/${channel_uid}.json',
        example: '/a.b/ch1.json',
        pattern: '^/a\\.b/[^/]+\\.json$',
      },
    },
    {
      name: 'a configured value is injected too',
      path: '/businesses/{{business_id}}',
      matcher: {
        kind: 'injected',
        expression: '/businesses/${business_id}',
        example: '/businesses/bz3p8ja7a1b2c3d4',
        pattern: '^/businesses/[^/]+$',
      },
    },
  ])('$name', ({ path, matcher }) => {
    expect(pathMatcher(path, ctx)).toEqual(matcher)
  })

  it.each([
    ['/v2/coupons/cp1/expire', true],
    ['/v2/coupons/other-uid/expire', true],
    ['/anything/else', false],
    ['/v2/coupons/a/b/expire', false],
    ['/v2/coupons//expire', false],
  ])('the pattern of /v2/coupons/{{coupon_uid}}/expire against %s: %s', (actual, matches) => {
    const matcher = pathMatcher('/v2/coupons/{{coupon_uid}}/expire', ctx)
    if (matcher.kind !== 'injected' || !matcher.pattern) throw new Error('no pattern')
    expect(new RegExp(matcher.pattern).test(actual)).toBe(matches)
  })
})

describe('a literal ${ in a spec value', () => {
  it.each([
    {
      name: 'beside an injected value, it is looked up, not opened',
      value: 'price ${5} for {{coupon_uid}}',
      matcher: {
        kind: 'injected',
        expression: 'price ${specpact_dollar_brace}5} for ${coupon_uid}',
        example: 'price ${5} for cp1',
      },
    },
    {
      name: 'alone, it is a literal (no expression is evaluated)',
      value: 'price ${5}',
      matcher: { kind: 'literal', value: 'price ${5}' },
    },
  ])('$name', ({ value, matcher }) => {
    expect(stringMatcher(value, ctx)).toEqual(matcher)
  })

  it.each([
    ['a${b}', 'a${specpact_dollar_brace}b}'],
    ['${${', '${specpact_dollar_brace}${specpact_dollar_brace}'],
    ['no dollar', 'no dollar'],
    ['$ alone {', '$ alone {'],
  ])('escapeExpression(%j) = %j', (text, escaped) => {
    expect(escapeExpression(text)).toBe(escaped)
  })

  it('a state param keeps earlier states’ values as references and escapes the rest', () => {
    expect(paramValue('${x} {{channel_uid}} {{business_id}}', ctx)).toBe(
      '${specpact_dollar_brace}x} ${channel_uid} bz3p8ja7a1b2c3d4',
    )
  })
})

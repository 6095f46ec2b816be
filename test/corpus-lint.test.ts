/**
 * The 42 real specs of the vcita corpus, with the real world's inconsistencies: every
 * diagnostic the reader gives them is pinned, so a change in what lint reports on real
 * specs is a reviewed change.
 */
import { readdir } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config'
import { readSpec } from '../src/spec'

const ROOT = resolve(__dirname, '..')
const CORPUS = resolve(ROOT, '../shared/corpus/vcita/workflows/communication')

async function readCorpus() {
  const files = (await readdir(CORPUS)).filter((f) => f.endsWith('.md')).sort()
  const variables = Object.keys(loadConfig({ cwd: ROOT }).variables)
  return Promise.all(
    files.map(async (file) => ({
      file,
      result: await readSpec(join(CORPUS, file), { variables }),
    })),
  )
}

describe('lint on the corpus', () => {
  it('reads all 42 specs, and reads as specs all but those with errors', async () => {
    const results = await readCorpus()
    expect(results).toHaveLength(42)
    const failed = results.filter(({ result }) => !result.ok).map(({ file }) => file)
    expect(failed).toEqual([
      'get_v3_communication_business_phone_numbers_uid.md',
      'put_business_communication_messages_messageuid.md',
      'put_v3_communication_business_phone_numbers_uid.md',
    ])
  })

  it('takes the json block under "## Response" as the expected response', async () => {
    const results = await readCorpus()
    const spec = results.find(({ file }) => file === 'post_platform_v1_messages.md')?.result
    expect(spec?.ok && spec.spec.kind === 'http' && spec.spec.expectedResponse).toEqual({
      status: 'OK',
      data: { id: 142134328, uid: 'arozsmml2kx1xr8o', conversation_uid: 'z95xejkfzji3yxxn' },
    })
  })

  it('gives exactly these diagnostics', async () => {
    const lines = (await readCorpus()).flatMap(({ file, result }) =>
      result.diagnostics.map((d) => `${basename(file)}:${d.line} ${d.severity} ${d.code}`),
    )
    expect(lines).toMatchInlineSnapshot(`
      [
        "get_platform_v1_messages.md:6 warning skip-without-reason",
        "get_v3_communication_available_phone_numbers.md:2 warning missing-swagger",
        "get_v3_communication_business_phone_numbers_uid.md:2 warning missing-swagger",
        "get_v3_communication_business_phone_numbers_uid.md:36 error unresolved-placeholder",
        "get_v3_communication_voice_calls_reports_voice_call_stats.md:24 warning endpoint-mismatch",
        "post_business_communication_channels.md:39 warning runner-date-scope",
        "post_business_communication_sessions.md:67 warning outcome-undeclared",
        "post_business_messaging_v1_channels.md:2 warning missing-swagger",
        "post_business_messaging_v1_channels_typing.md:5 warning swagger-not-relative",
        "post_platform_v1_numbers_dedicated_numbers_assign.md:6 warning skip-without-reason",
        "post_platform_v1_numbers_twilio.md:2 warning missing-swagger",
        "post_v3_communication_business_phone_numbers.md:2 warning missing-swagger",
        "post_v3_communication_notification_templates.md:29 warning runner-date-scope",
        "put_business_communication_messages_messageuid.md:2 warning missing-swagger",
        "put_business_communication_messages_messageuid.md:36 error unresolved-placeholder",
        "put_platform_v1_numbers_dedicated_numbers_set_two_way_texting_status.md:2 warning missing-swagger",
        "put_v3_communication_business_phone_numbers_uid.md:2 warning missing-swagger",
        "put_v3_communication_business_phone_numbers_uid.md:36 error unresolved-placeholder",
      ]
    `)
  })
})

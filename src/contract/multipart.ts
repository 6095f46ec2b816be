/**
 * Multipart steps (`content_type: multipart`, `form_fields`, `file_fields`), as vCita's
 * runner sends them: each form field a text part, each file a file part. The runner reads
 * the files from its own `test-files` folder, which specs do not carry: the contract holds
 * a placeholder content for each (with the part's media type from the file name), and the
 * file part is matched by type only. Checked against the Pact stub server: a request with
 * other generated values matches, one whose text part breaks its regex does not.
 */
import type { Step } from '../spec'
import type { HttpRequest, Matcher } from './types'
import { stringMatcher, type ValueContext } from './values'

/** The boundary of every multipart body specpact writes, so pacts stay deterministic. */
export const BOUNDARY = 'specpact-multipart-boundary'

const MEDIA: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

const mediaOf = (filename: string) =>
  MEDIA[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream'

export const isMultipart = (step: Step) => step.content_type === 'multipart'

/** The body, Content-Type header and part matchers of a multipart step. */
export function multipartOf(
  step: Step,
  ctx: ValueContext,
): { body: string; contentType: Matcher; parts: NonNullable<HttpRequest['multipart']> } {
  const fields = Object.entries(step.form_fields ?? {}).map(([name, value]): [string, Matcher] => [
    name,
    stringMatcher(String(value ?? ''), ctx),
  ])
  const files = (step.file_fields ?? []).map((f) => {
    const filename = f.filename ?? f.file_path.split('/').pop() ?? f.file_path
    return { field: f.field_name, filename, contentType: mediaOf(filename), path: f.file_path }
  })
  const example = (m: Matcher) =>
    m.kind === 'literal' ? String(m.value) : m.kind === 'type' ? String(m.example) : m.example
  const lines: string[] = []
  for (const [name, m] of fields) {
    lines.push(`--${BOUNDARY}`, `Content-Disposition: form-data; name="${name}"`, '', example(m))
  }
  for (const f of files) {
    lines.push(
      `--${BOUNDARY}`,
      `Content-Disposition: form-data; name="${f.field}"; filename="${f.filename}"`,
      `Content-Type: ${f.contentType}`,
      '',
      `placeholder for ${f.path}`,
    )
  }
  lines.push(`--${BOUNDARY}--`, '')
  return {
    body: lines.join('\r\n'),
    contentType: {
      kind: 'regex',
      pattern: '^multipart/form-data;\\s*boundary=.+$',
      example: `multipart/form-data; boundary=${BOUNDARY}`,
    },
    parts: {
      fields,
      files: files.map(({ field, contentType }) => ({ field, contentType })),
    },
  }
}

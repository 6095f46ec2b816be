/**
 * The markdown structure of a spec body: headings, their sections and fenced code blocks.
 * Offsets are absolute in the spec file.
 */

export interface Fence {
  lang: string
  /** Offset of the first character of the fenced content. */
  offset: number
  content: string
  /** Offset of the opening fence line. */
  fenceOffset: number
}

export interface RawSection {
  heading: string
  level: number
  offset: number
  /** Text after the heading line, up to the next heading of the same or higher level. */
  text: string
  fences: Fence[]
}

const HEADING = /^(#{1,6})[ \t]+(.*)$/
const FENCE_OPEN = /^[ ]{0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)/

interface Line {
  text: string
  offset: number
}

function splitLines(text: string, baseOffset: number): Line[] {
  const lines: Line[] = []
  let offset = 0
  for (const raw of text.split('\n')) {
    lines.push({ text: raw.replace(/\r$/, ''), offset: baseOffset + offset })
    offset += raw.length + 1
  }
  return lines
}

/** Headings outside code fences, with the fences found under each. */
export function scanMarkdown(body: string, baseOffset: number): RawSection[] {
  const lines = splitLines(body, baseOffset)
  const sections: RawSection[] = []
  let current: RawSection | undefined
  let bodyStart = 0
  const close = (endLine: number) => {
    if (!current) return
    const from = lines[bodyStart]?.offset ?? baseOffset + body.length
    const to = lines[endLine]?.offset ?? baseOffset + body.length
    current.text = body.slice(from - baseOffset, to - baseOffset).trim()
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line) continue
    const open = FENCE_OPEN.exec(line.text)
    const marker = open?.[1]
    if (marker !== undefined) {
      const contentStart = lines[i + 1]?.offset ?? baseOffset + body.length
      let j = i + 1
      while (j < lines.length && !isFenceClose(lines[j]?.text ?? '', marker)) j++
      const contentEnd = lines[j]?.offset ?? baseOffset + body.length
      current?.fences.push({
        lang: (open?.[2] ?? '').toLowerCase(),
        offset: contentStart,
        content: body.slice(contentStart - baseOffset, contentEnd - baseOffset),
        fenceOffset: line.offset,
      })
      i = j
      continue
    }
    const heading = HEADING.exec(line.text)
    if (heading && headingText(heading[2] ?? '') !== '') {
      close(i)
      current = {
        heading: headingText(heading[2] ?? ''),
        level: (heading[1] ?? '#').length,
        offset: line.offset,
        text: '',
        fences: [],
      }
      sections.push(current)
      bodyStart = i + 1
    }
  }
  close(lines.length)
  return sections
}

/**
 * The text of a heading without an optional closing run of `#`. Done by hand: a regex such
 * as `(.+?)[ \t#]*$` takes quadratic time on a long line of "# # # …".
 */
function headingText(raw: string): string {
  const text = raw.trim()
  let end = text.length
  while (end > 0 && text[end - 1] === '#') end--
  if (end === 0) return ''
  return end < text.length && /[ \t]/.test(text[end - 1] ?? '') ? text.slice(0, end).trim() : text
}

function isFenceClose(text: string, marker: string): boolean {
  const trimmed = text.trim()
  return trimmed.startsWith(marker) && /^(`+|~+)$/.test(trimmed)
}

/** Rows of a markdown table whose first cell is an HTTP status code. */
export function parseStatusTable(text: string): Array<{ status: number; meaning: string }> {
  const rows: Array<{ status: number; meaning: string }> = []
  for (const line of text.split('\n')) {
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim())
    const status = Number(cells[0])
    if (cells.length >= 2 && /^\d{3}$/.test(cells[0] ?? '') && status >= 100 && status <= 599) {
      rows.push({ status, meaning: cells[1] ?? '' })
    }
  }
  return rows
}

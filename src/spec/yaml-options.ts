/**
 * The options spec YAML is parsed with by `yaml`. logLevel 'error': the parser would print
 * its warnings to stderr; the spec reader reports.
 */
export const PARSE_OPTIONS = {
  uniqueKeys: true,
  prettyErrors: false,
  keepSourceTokens: false,
  logLevel: 'error',
} as const

/** The CLI uses the one error model of specpact (src/shared/errors.ts). */
export { EXIT, UsageError, UserError } from '../shared'

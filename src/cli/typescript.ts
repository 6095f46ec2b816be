/**
 * Loading a provider's TypeScript module (`--state-handlers handlers.ts`) from the compiled
 * CLI: ts-node, found from the provider's project or beside specpact (an optional peer
 * dependency), is registered for it the first time one is needed. Without ts-node, a Node
 * that strips types itself (22.18+, 23.6+) loads it; any other Node is told what to install.
 */
import { isRecord, UsageError } from '../shared'

const TYPESCRIPT = /\.[cm]?tsx?$/
let registered = false

/** ts-node's `register`, when the module found is ts-node at all. */
function registerOf(loaded: unknown): ((options: object) => unknown) | undefined {
  if (!isRecord(loaded)) return undefined
  const { register } = loaded
  return typeof register === 'function' ? (options) => register(options) : undefined
}

/** Makes `module` loadable by `require` when it is TypeScript. */
export function prepareTypeScript(module: string): void {
  if (registered || !TYPESCRIPT.test(module)) return
  // Already there: `npm run` with `-r ts-node/register`, or the development entry.
  if (Symbol.for('ts-node.register.instance') in process) {
    registered = true
    return
  }
  let tsNode: string | undefined
  try {
    tsNode = require.resolve('ts-node', { paths: [process.cwd(), __dirname] })
  } catch {
    tsNode = undefined
  }
  const register = tsNode ? registerOf(require(tsNode)) : undefined
  if (register) {
    register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } })
    registered = true
    return
  }
  // `process.features.typescript` ('strip' or 'transform'): newer than @types/node 20.
  const features: object = process.features
  if ('typescript' in features && features.typescript) return
  throw new UsageError(
    'module-invalid',
    `${module} is TypeScript, and loading it needs ts-node (npm install --save-dev ts-node typescript) or Node 22.18 or later`,
    { path: module },
  )
}

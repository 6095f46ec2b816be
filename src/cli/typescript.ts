/**
 * Loading a provider's TypeScript module (`--state-handlers handlers.ts`) from the compiled
 * CLI: ts-node, found from the provider's project or beside specpact (an optional peer
 * dependency), is registered for it the first time one is needed. Without ts-node, a Node
 * that strips types itself (22.18+, 23.6+) loads it; any other Node is told what to install.
 */
import { UsageError } from '../shared'

const TYPESCRIPT = /\.[cm]?tsx?$/
let registered = false

interface TsNode {
  register(options: object): unknown
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
  if (tsNode) {
    ;(require(tsNode) as TsNode).register({
      transpileOnly: true,
      compilerOptions: { module: 'commonjs' },
    })
    registered = true
    return
  }
  // `process.features.typescript` ('strip' or 'transform'): newer than @types/node 20.
  if ((process.features as { typescript?: string | false }).typescript) return
  throw new UsageError(
    'module-invalid',
    `${module} is TypeScript, and loading it needs ts-node (npm install --save-dev ts-node typescript) or Node 22.18 or later`,
    { path: module },
  )
}

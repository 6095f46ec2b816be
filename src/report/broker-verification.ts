/**
 * `specpact verify --broker` results: each pact the broker selected with why, a table of its
 * interactions, readable failures, and what happened to the results. A pending pact's failures
 * are shown as pending: reported, published, not failing the build.
 */
import pc from 'picocolors'
import type { RemotePactResult, RemoteVerifyResult } from '../provider/remote'

export interface PublishingNote {
  publish: boolean
  providerVersion: string | undefined
  providerBranch: string | undefined
  /** Pacts whose result the broker does not hold when it was read back after publishing. */
  missing: number
}

export function formatBrokerVerification(
  result: RemoteVerifyResult,
  publishing: PublishingNote,
  color = pc.isColorSupported,
): string {
  const c = pc.createColors(color)
  const lines: string[] = []
  for (const pact of result.pacts) {
    const flags = [pact.pending ? 'pending' : undefined, pact.wip ? 'work in progress' : undefined]
      .filter(Boolean)
      .join(', ')
    lines.push(c.bold(`${pact.consumer}: ${pact.url}`) + (flags ? c.yellow(` [${flags}]`) : ''))
    if (pact.reason) lines.push(c.dim(`  selected as ${pact.reason}`))
    lines.push(...table(pact, c).map((l) => `  ${l}`), '')
  }
  for (const pact of result.pacts) {
    for (const r of pact.results) {
      if (r.kind !== 'failed') continue
      const mark = pact.pending
        ? c.yellow(`! pending: ${r.description}`)
        : c.red(`✗ ${r.description}`)
      lines.push(
        mark + (r.spec ? c.dim(` (${r.spec})`) : '') + c.dim(` — pact of ${pact.consumer}`),
      )
      if (r.states.length > 0) lines.push(`  given ${r.states.join(' and ')}`)
      for (const reason of r.reasons) lines.push(`  - ${reason}`)
      lines.push('')
    }
  }
  const all = result.pacts.flatMap((p) => p.results.map((r) => ({ r, pending: p.pending })))
  const failed = all.filter(({ r, pending }) => r.kind === 'failed' && !pending).length
  const pendingFailed = all.filter(({ r, pending }) => r.kind === 'failed' && pending).length
  lines.push(
    `${result.pacts.length} ${result.pacts.length === 1 ? 'pact' : 'pacts'}, ${all.length} interactions: ${all.length - failed - pendingFailed} verified, ${failed} failed, ${pendingFailed} failed in pending pacts (not failing the build)`,
  )
  lines.push(publishingLine(publishing, result.pacts.length))
  return lines.join('\n')
}

function table(pact: RemotePactResult, c: ReturnType<typeof pc.createColors>): string[] {
  const rows = pact.results.map((r) => ({
    spec: r.description,
    states: r.states.length > 0 ? r.states.join(', ') : '—',
    result:
      r.kind === 'passed'
        ? c.green('verified')
        : pact.pending
          ? c.yellow('failed (pending)')
          : c.red('FAILED'),
  }))
  const width = (key: 'spec' | 'states') => Math.max(key.length, ...rows.map((r) => r[key].length))
  const ws = width('spec')
  const wst = Math.min(width('states'), 60)
  return [
    `${'spec'.padEnd(ws)}  ${'states'.padEnd(wst)}  result`,
    `${'-'.repeat(ws)}  ${'-'.repeat(wst)}  ------`,
    ...rows.map((row) => `${row.spec.padEnd(ws)}  ${row.states.padEnd(wst)}  ${row.result}`),
  ]
}

function publishingLine(p: PublishingNote, pacts: number): string {
  if (!p.publish) {
    return 'Verification results were not published (they are published in CI, where CI is set, or with --publish).'
  }
  const branch = p.providerBranch ? ` on branch ${p.providerBranch}` : ''
  if (p.missing > 0) {
    return `Verification results were not all published: the broker holds no result for provider version ${p.providerVersion}${branch} for ${p.missing} of ${pacts} pact(s) (named below).`
  }
  // Read back from the broker: each pact's latest result is this provider version's.
  return `Verification results sent to the broker for provider version ${p.providerVersion}${branch}.`
}

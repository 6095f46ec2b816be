/** Contract interactions as coverage sees them: who relies on which operation and status. */
import type { Contract, HttpInteraction, Interaction, MessageInteraction } from '../contract'
import { type OperationIndex, pathOfMatcher } from './match'
import type { DocumentedOperation } from './operations'
import type { CoveringInteraction, VerificationState } from './types'

export interface PlacedHttp {
  kind: 'http'
  provider: string
  consumer: string
  interaction: HttpInteraction
  covering: CoveringInteraction
  /** The spec-style path: `/business/communication/channels/{{channel_uid}}`. */
  path: string
  operation: DocumentedOperation | undefined
  /** Every status the interaction accepts. */
  statuses: number[]
}

export interface PlacedMessage {
  kind: 'message'
  provider: string
  consumer: string
  interaction: MessageInteraction
  covering: CoveringInteraction
}

export type Placed = PlacedHttp | PlacedMessage

export function coveringOf(
  consumer: string,
  interaction: Interaction,
  verification: VerificationState,
): CoveringInteraction {
  return {
    consumer,
    description: interaction.description,
    kind: interaction.kind,
    spec: interaction.origin.specFile
      ? { file: interaction.origin.specFile, line: interaction.origin.line }
      : undefined,
    verification,
  }
}

export function placeInteractions(
  contracts: readonly Contract[],
  operationsOf: (provider: string) => OperationIndex | undefined,
  verificationOf: (provider: string, description: string) => VerificationState,
): Placed[] {
  const placed: Placed[] = []
  for (const contract of contracts) {
    const operations = operationsOf(contract.provider)
    for (const interaction of contract.interactions) {
      const covering = coveringOf(
        contract.consumer,
        interaction,
        verificationOf(contract.provider, interaction.description),
      )
      const base = { provider: contract.provider, consumer: contract.consumer, covering }
      if (interaction.kind === 'message') {
        placed.push({ ...base, kind: 'message', interaction })
        continue
      }
      const path = pathOfMatcher(interaction.request.path)
      const status = interaction.response.status
      placed.push({
        ...base,
        kind: 'http',
        interaction,
        path,
        operation: operations?.find(interaction.request.method, path),
        statuses: status.kind === 'exact' ? [status.status] : [...status.statuses],
      })
    }
  }
  return placed
}

import type { AddressInfo, Server } from 'node:net'

/**
 * The address a listening TCP server is bound to. `server.address()` is also a string for a
 * pipe or null before listening; neither is what a caller that listened on a port can use.
 */
export function tcpAddress(server: Pick<Server, 'address'>): AddressInfo {
  const address = server.address()
  if (address === null || typeof address === 'string')
    throw new Error(`the server listens on ${address}, not a TCP port`)
  return address
}

import type { Socket } from 'socket.io';
import { clientAddress, type ProxyTrust } from '../http/client-address';

/**
 * The address a socket connected from, the one place realtime code reads it: behind a trusted
 * reverse proxy (SWITCHBOARD_TRUST_PROXY) the client it names in X-Forwarded-For, as for request.ip.
 */
export function socketAddress(socket: Pick<Socket, 'handshake'>, trust: ProxyTrust | undefined): string {
  return clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], trust);
}

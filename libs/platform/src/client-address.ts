import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * The client's address of a request: the TCP peer, or — when the peer is one of the trusted
 * proxies (TRUST_PROXY) — the address they forwarded in X-Forwarded-For. Fastify derives
 * `request.ip` with the same rule; this serves the graphql-ws upgrade requests, which Fastify never
 * sees.
 */
export function clientAddressOf(trustProxy: readonly string[]): (request: IncomingMessage) => string {
  if (trustProxy.length === 0) return (request) => request.socket.remoteAddress ?? 'unknown';
  const trusted = proxyAddr.compile([...trustProxy]);
  return (request) => proxyAddr(request, trusted);
}

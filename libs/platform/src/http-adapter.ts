import { FastifyAdapter } from '@nestjs/platform-fastify';
import { REQUEST_ID_HEADER, requestIdOf } from '@guildhall/config';

/**
 * The HTTP server of the API and the worker: Fastify, which serves a GraphQL request for about
 * half the CPU Express took here (docs/operations.md has the figures). Each request gets its id —
 * the caller's X-Request-Id when sane, else a fresh uuid — which every log line of the request
 * carries and the response echoes. `request.ip` is the client's address: X-Forwarded-For's only
 * when the peer is one of `trustProxy` (TRUST_PROXY).
 */
export function createHttpAdapter(trustProxy: readonly string[]): FastifyAdapter {
  const adapter = new FastifyAdapter({
    genReqId: requestIdOf,
    ...(trustProxy.length > 0 ? { trustProxy: [...trustProxy] } : {}),
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  return adapter;
}

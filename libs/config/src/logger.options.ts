import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from './app-config.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const QUIET_PATHS = new Set(['/health', '/metrics']);
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of an HTTP request: the caller's own when it is sane, so logs join up across services,
 * else a fresh uuid. The HTTP server assigns it (and echoes it in X-Request-Id); pino-http logs it.
 */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

const requestPath = (req: IncomingMessage & { originalUrl?: string }): string =>
  (req.originalUrl ?? req.url ?? '').split('?')[0];

/**
 * Pino for every process: JSON in production, pretty in development; each HTTP request (and every
 * line logged while serving it, through nestjs-pino's async context) carries its request id as
 * `requestId`.
 */
export function loggerParams(config: Pick<AppConfig, 'log'>): Params {
  return {
    // Every route, as the Fastify adapter matches paths (nestjs-pino's default, '{/*splat}', matches
    // no request there).
    forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.log.level,
      // Each line logged while serving a request carries only its id, bound once per request; the
      // request's own line also has the request and the response.
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId' },
      // Probes are not logged. The path is read from `originalUrl`: the HTTP adapter may have
      // rewritten `url` for the middleware by then.
      autoLogging: { ignore: (req) => QUIET_PATHS.has(requestPath(req)) },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: {
        res: (res: { statusCode: unknown }) => ({ statusCode: res.statusCode }),
        req: (req: { id: unknown; method: unknown; url: unknown }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
      transport:
        config.log.format === 'pretty'
          ? {
              target: 'pino-pretty',
              options: {
                singleLine: true,
                translateTime: 'SYS:HH:MM:ss.l',
                ignore: 'pid,hostname,req,res,responseTime',
              },
            }
          : undefined,
    },
  };
}

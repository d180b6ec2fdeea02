import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from './app-config.js';

const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's own request id is kept when it is sane, so logs join up across services. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * Pino for every process: JSON in production, pretty in development; each HTTP request (and every
 * line logged while serving it, through nestjs-pino's async context) carries its request id.
 */
export function loggerParams(config: Pick<AppConfig, 'log'>): Params {
  return {
    pinoHttp: {
      level: config.log.level,
      genReqId: requestIdFor,
      customProps: (req) => ({ requestId: req.id }),
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
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

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pinoHttp as createPinoHttp, type Options } from 'pino-http';
import { loggerParams, requestIdOf } from './logger.options.js';

const idOf = (header?: string) =>
  requestIdOf({
    headers: header === undefined ? {} : { 'x-request-id': header },
  } as unknown as IncomingMessage);

describe('requestIdOf', () => {
  it("keeps a caller's sane request id", () => {
    expect(idOf('abc-123')).toBe('abc-123');
  });

  it('replaces a missing or unsafe id with a fresh uuid', () => {
    for (const header of [undefined, 'x'.repeat(200), 'bad id\nwith newline']) {
      expect(idOf(header)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(idOf()).not.toBe(idOf());
  });
});

describe('loggerParams', () => {
  it('logs every request but the probes, whatever path the HTTP adapter left in `url`', () => {
    const { pinoHttp } = loggerParams({ log: { level: 'info', format: 'json' } });
    const { ignore } = (pinoHttp as { autoLogging: { ignore: (req: unknown) => boolean } }).autoLogging;
    expect(ignore({ url: '/', originalUrl: '/health' })).toBe(true);
    expect(ignore({ url: '/metrics?x=1' })).toBe(true);
    expect(ignore({ url: '/', originalUrl: '/graphql' })).toBe(false);
  });
});

describe('request logging', () => {
  it("binds the request id to the request's lines; its own line also has the request and response", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const { pinoHttp } = loggerParams({ log: { level: 'info', format: 'json' } });
    const middleware = createPinoHttp(
      { ...(pinoHttp as Options), genReqId: requestIdOf },
      { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const server = createServer((req, res) => {
      middleware(req, res);
      req.log.warn('while serving');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { 'x-request-id': 'trace-42' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    expect(lines).toEqual([
      expect.objectContaining({ requestId: 'trace-42', msg: 'while serving' }),
      expect.objectContaining({
        requestId: 'trace-42',
        req: { id: 'trace-42', method: 'GET', url: '/graphql' },
        res: { statusCode: 200 },
        msg: 'request completed',
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('req');
  });
});

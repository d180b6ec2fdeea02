import type { IncomingMessage } from 'node:http';
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

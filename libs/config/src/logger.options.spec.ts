import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFor } from './logger.options.js';

const exchange = (header?: string) => {
  const headers: Record<string, string> = {};
  const req = {
    headers: header === undefined ? {} : { 'x-request-id': header },
  } as unknown as IncomingMessage;
  const res = {
    setHeader: (name: string, value: string) => (headers[name] = value),
  } as unknown as ServerResponse;
  return { id: requestIdFor(req, res), echoed: headers['x-request-id'] };
};

describe('requestIdFor', () => {
  it("keeps a caller's sane request id and echoes it back", () => {
    expect(exchange('abc-123')).toEqual({ id: 'abc-123', echoed: 'abc-123' });
  });

  it('replaces a missing or unsafe id with a fresh uuid', () => {
    for (const header of [undefined, 'x'.repeat(200), 'bad id\nwith newline']) {
      const { id, echoed } = exchange(header);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(echoed).toBe(id);
    }
  });
});

import { CommonError } from '../errors/common.error.js';
import { encodeCursor, pageRequest, toPage } from './page.js';

describe('pagination', () => {
  it('defaults to 20 items and refuses pages above the cap with a typed error', () => {
    expect(pageRequest({}, 100).first).toBe(20);
    expect(pageRequest({}, 5).first).toBe(5);
    const attempt = () => pageRequest({ first: 101 }, 100);
    expect(attempt).toThrow(CommonError);
    expect(attempt).toThrow('first: at most 100 items per page (asked for 101)');
    try {
      attempt();
    } catch (error) {
      expect((error as CommonError).code).toBe('PAGE_SIZE_EXCEEDED');
    }
    expect(() => pageRequest({ first: 0 }, 100)).toThrow('first: must be a positive integer');
  });

  it('round-trips cursors and rejects forged ones', () => {
    const after = encodeCursor({ key: '2026-11-24T00:00:00.000Z', id: 'abc' });
    expect(pageRequest({ after }, 100).after).toEqual({ key: '2026-11-24T00:00:00.000Z', id: 'abc' });
    expect(() => pageRequest({ after: 'not-a-cursor' }, 100)).toThrow(
      'after: not a cursor returned by this API',
    );
  });

  it('reports a next page only when an extra row came back', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const request = pageRequest({ first: 2 }, 100);
    const page = toPage(rows, request, (row) => ({ key: row.id, id: row.id }));
    expect(page.nodes).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(page.hasNextPage).toBe(true);
    expect(page.endCursor).toBe(encodeCursor({ key: 'b', id: 'b' }));
    expect(toPage(rows.slice(0, 2), request, (row) => ({ key: row.id, id: row.id })).hasNextPage).toBe(false);
  });
});

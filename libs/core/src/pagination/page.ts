import { CommonError, CommonErrorCode } from '../errors/common.error.js';

export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  readonly first: number;
  /** Decoded keyset cursor: the sort key and id of the last row of the previous page. */
  readonly after: Cursor | undefined;
}

export interface Cursor {
  readonly key: string;
  readonly id: string;
}

export interface Page<T> {
  readonly nodes: readonly T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a row id (a uuid): anything else finds nothing, without asking the database. */
export const isUuid = (id: string): boolean => UUID.test(id);

/** The typed error for an `after` this API did not hand out. */
export const invalidCursor = (): CommonError =>
  new CommonError(CommonErrorCode.BAD_INPUT, 'after: not a cursor returned by this API', { field: 'after' });

/** A cursor of a (created_at, uuid) keyset, as the lists newest first use; throws invalidCursor otherwise. */
export function timeCursor(cursor: Cursor): Cursor {
  if (!isUuid(cursor.id) || Number.isNaN(Date.parse(cursor.key))) throw invalidCursor();
  return cursor;
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');

export function decodeCursor(raw: string): Cursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
      return { key: decoded[0], id: decoded[1] };
    }
  } catch {
    // fall through to the typed error
  }
  throw invalidCursor();
}

/** Validates page arguments against the configured cap; an oversized page is a clear error, not a silent clamp. */
export function pageRequest(
  args: { first?: number | null; after?: string | null },
  maxPageSize: number,
): PageRequest {
  const first = args.first ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  if (!Number.isInteger(first) || first < 1) {
    throw new CommonError(CommonErrorCode.BAD_INPUT, 'first: must be a positive integer', { field: 'first' });
  }
  if (first > maxPageSize) {
    throw new CommonError(
      CommonErrorCode.PAGE_SIZE_EXCEEDED,
      `first: at most ${maxPageSize} items per page (asked for ${first})`,
      {
        field: 'first',
        max: maxPageSize,
      },
    );
  }
  return { first, after: args.after ? decodeCursor(args.after) : undefined };
}

/** Builds a page from `first + 1` rows fetched in keyset order. */
export function toPage<T>(rows: readonly T[], request: PageRequest, cursorOf: (row: T) => Cursor): Page<T> {
  const nodes = rows.slice(0, request.first);
  const last = nodes.at(-1);
  return {
    nodes,
    endCursor: last === undefined ? null : encodeCursor(cursorOf(last)),
    hasNextPage: rows.length > request.first,
  };
}

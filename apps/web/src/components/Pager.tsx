import { useState } from 'react';

export interface CursorPages {
  /** The cursor of the page shown: undefined on the first page. */
  readonly after: string | undefined;
  readonly isFirst: boolean;
  readonly back: () => void;
  readonly next: (cursor: string) => void;
  /** Back to the first page (when a filter changes). */
  readonly reset: () => void;
}

/** The cursors of the pages visited, to go back: the first page has none. */
export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<ReadonlyArray<string | undefined>>([undefined]);
  return {
    after: cursors[cursors.length - 1],
    isFirst: cursors.length === 1,
    back: () => setCursors((visited) => visited.slice(0, -1)),
    next: (cursor) => setCursors((visited) => [...visited, cursor]),
    reset: () => setCursors([undefined]),
  };
}

/** Previous / Next over a connection's pages. */
export function Pager({
  pages,
  pageInfo,
  label = 'Pages',
}: {
  pages: CursorPages;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  label?: string;
}) {
  const endCursor = pageInfo?.endCursor;
  return (
    <nav aria-label={label} className="pager">
      <button type="button" disabled={pages.isFirst} onClick={pages.back}>
        Previous
      </button>
      <button
        type="button"
        disabled={pageInfo?.hasNextPage !== true}
        onClick={() => endCursor && pages.next(endCursor)}
      >
        Next
      </button>
    </nav>
  );
}

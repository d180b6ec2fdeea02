import {
  isTransfer,
  type CallsObligation,
  type Obligation,
  type PayableOrigin,
  type PayableSource,
  type PayablesTx,
  type TransferObligation,
} from './payable-source.js';

/** An obligation as planned: with the source that owes it. */
export interface Due<O extends Obligation = Obligation> {
  readonly source: PayableSource;
  readonly obligation: O;
}

/** One Safe transaction to propose: a source's calls, or a batch of transfers of one token. */
export type PlannedTx =
  | { readonly kind: 'CALLS'; readonly origin: PayableOrigin; readonly item: Due<CallsObligation> }
  | {
      readonly kind: 'TRANSFERS';
      readonly origin: PayableOrigin;
      readonly subject: string | null;
      readonly items: Array<Due<TransferObligation>>;
    };

/**
 * The obligations already carried by a Safe transaction, of `ids` of the source `kind`: those that
 * may still execute (`live`), or every one ever carried when `everCarried`.
 */
export type CarriedLookup = (
  kind: string,
  ids: readonly string[],
  everCarried: boolean,
) => Promise<Set<string>>;

/** Which obligations to plan: one subject's (`null`: those of no subject), asked for or on a pass. */
export interface DueFilter {
  readonly subject: string | null;
  /** Asked for now (a request to pay the subject), rather than found by a pass. */
  readonly requested: boolean;
}

/**
 * What the sources owe a DAO and no Safe transaction carries yet, in the order of the sources, then
 * each source's own; `filter` narrows it to one subject. On a pass, a source whose released
 * obligations are planned again only on request leaves out every obligation it ever had carried.
 */
export async function collectDue(
  sources: readonly PayableSource[],
  daoId: string,
  tx: PayablesTx,
  carried: CarriedLookup,
  filter?: DueFilter,
): Promise<Due[]> {
  const due: Due[] = [];
  for (const source of sources) {
    const owed = (await source.due(daoId, tx, filter?.subject ?? undefined)).filter(
      (obligation) => filter === undefined || obligation.subject === filter.subject,
    );
    if (owed.length === 0) continue;
    const taken = await carried(
      source.kind,
      owed.map((obligation) => obligation.id),
      filter?.requested !== true && source.replan === 'ON_REQUEST',
    );
    for (const obligation of owed) if (!taken.has(obligation.id)) due.push({ source, obligation });
  }
  return due;
}

/**
 * Safe transactions for due obligations: each source's calls alone, in the order given, then
 * transfers in batches of at most `maxPerBatch`, one origin, subject and token per batch whichever
 * source owes them, in a stable order (origin, subject, token, then the order given), so
 * re-planning the same obligations gives the same batches.
 */
export function planSafeTransactions(due: readonly Due[], maxPerBatch: number): PlannedTx[] {
  if (!Number.isInteger(maxPerBatch) || maxPerBatch < 1)
    throw new RangeError(`maxPerBatch must be a positive integer, got ${maxPerBatch}`);
  const planned: PlannedTx[] = [];
  const groups = new Map<string, Array<Due<TransferObligation>>>();
  for (const item of due) {
    const { obligation } = item;
    if (!isTransfer(obligation)) {
      planned.push({ kind: 'CALLS', origin: item.source.origin, item: { source: item.source, obligation } });
      continue;
    }
    const key = `${item.source.origin}/${obligation.subject ?? ''}/${obligation.token}`;
    const group = groups.get(key) ?? [];
    group.push({ source: item.source, obligation });
    groups.set(key, group);
  }
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key) ?? [];
    const [first] = group;
    for (let start = 0; start < group.length; start += maxPerBatch)
      planned.push({
        kind: 'TRANSFERS',
        origin: first.source.origin,
        subject: first.obligation.subject,
        items: group.slice(start, start + maxPerBatch),
      });
  }
  return planned;
}

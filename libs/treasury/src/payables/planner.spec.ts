import type { Address, Hex } from 'viem';
import type { EntityManager } from 'typeorm';
import type { Obligation, PayableSource, PayablesTx, TransferObligation } from './payable-source.js';
import { collectDue, planSafeTransactions, type CarriedLookup, type Due } from './planner.js';

const tokenA = '0x1111111111111111111111111111111111111111' as Address;
const tokenB = '0x2222222222222222222222222222222222222222' as Address;
const payee = '0xAbC0000000000000000000000000000000000123' as Address;

const transfer = (id: string, changes: Partial<TransferObligation> = {}): TransferObligation => ({
  id,
  subject: null,
  payee,
  payeeName: null,
  token: tokenA,
  amount: 1n,
  description: id,
  ...changes,
});

/** A source owing a fixed list, recording what the treasury tells it. */
class FakeSource implements PayableSource {
  readonly inFlight: string[] = [];
  readonly origin = 'PAYOUT';

  constructor(
    readonly kind: string,
    private readonly owed: Obligation[],
    readonly replan: 'AUTOMATIC' | 'ON_REQUEST' = 'AUTOMATIC',
  ) {}

  due(_daoId: string, _tx: PayablesTx, subject?: string): Promise<Obligation[]> {
    return Promise.resolve(this.owed.filter((o) => subject === undefined || o.subject === subject));
  }
  markInFlight(ids: readonly string[]): Promise<void> {
    this.inFlight.push(...ids);
    return Promise.resolve();
  }
  outstanding = () => Promise.resolve(0n);
  markPaid = () => Promise.resolve();
  markFailed = () => Promise.resolve();
  release = () => Promise.resolve();
  daoOf = () => Promise.resolve('dao');
  nothingDue = () => Promise.resolve(new Error('nothing due'));
}

/** What the treasury's table of carried obligations answers, in memory. */
class FakeCarried {
  private readonly rows: Array<{ kind: string; id: string; live: boolean }> = [];

  readonly lookup: CarriedLookup = (kind, ids, everCarried) =>
    Promise.resolve(
      new Set(
        this.rows
          .filter((row) => row.kind === kind && ids.includes(row.id) && (row.live || everCarried))
          .map((row) => row.id),
      ),
    );

  /** As the treasury does once it has inserted a planned transaction. */
  async carry(planned: ReadonlyArray<Due>, _safeTxHash: Hex): Promise<void> {
    for (const { source, obligation } of planned) {
      this.rows.push({ kind: source.kind, id: obligation.id, live: true });
      await source.markInFlight([obligation.id], _safeTxHash, tx);
    }
  }

  release(ids: readonly string[]): void {
    for (const row of this.rows) if (ids.includes(row.id)) row.live = false;
  }
}

const tx: PayablesTx = { manager: {} as EntityManager, afterCommit: () => undefined };
const itemsOf = (planned: ReturnType<typeof planSafeTransactions>) =>
  planned.map((p) => (p.kind === 'CALLS' ? [p.item.obligation.id] : p.items.map((i) => i.obligation.id)));

describe('planSafeTransactions', () => {
  it('batches transfers of two sources together: one origin, subject and token per batch, each once', async () => {
    const tranches = new FakeSource('tranches', [
      transfer('t1'),
      transfer('t2'),
      transfer('t3', { token: tokenB }),
    ]);
    const bounties = new FakeSource('bounties', [transfer('b1'), transfer('b2', { subject: 'round-0' })]);

    const due = await collectDue([bounties, tranches], 'dao', tx, new FakeCarried().lookup);
    const planned = planSafeTransactions(due, 2);

    expect(itemsOf(planned)).toEqual([['b1', 't1'], ['t2'], ['t3'], ['b2']]);
    const [mixed] = planned;
    expect(mixed.kind === 'TRANSFERS' && mixed.items.map((i) => i.source.kind)).toEqual([
      'bounties',
      'tranches',
    ]);
    expect(planned.flatMap((p): Due[] => (p.kind === 'TRANSFERS' ? p.items : [p.item]))).toHaveLength(5);
  });

  it('gives calls a transaction of their own, before the transfer batches', async () => {
    const calls = { id: 'p1', subject: 'p1', calls: [] };
    const source = new FakeSource('mixed', [transfer('t1'), calls, transfer('t2')]);

    const planned = planSafeTransactions(await collectDue([source], 'dao', tx, new FakeCarried().lookup), 10);

    expect(planned.map((p) => p.kind)).toEqual(['CALLS', 'TRANSFERS']);
    expect(itemsOf(planned)).toEqual([['p1'], ['t1', 't2']]);
  });

  it('refuses a maximum below one', () => {
    expect(() => planSafeTransactions([], 0)).toThrow('maxPerBatch must be a positive integer, got 0');
  });
});

describe('collectDue', () => {
  it('never plans an obligation a live transaction carries, whichever source owes it', async () => {
    const tranches = new FakeSource('tranches', [transfer('t1'), transfer('t2')]);
    const bounties = new FakeSource('bounties', [transfer('b1')]);
    const carried = new FakeCarried();

    const first = await collectDue([tranches, bounties], 'dao', tx, carried.lookup);
    const [batch] = planSafeTransactions(first, 10);
    if (batch.kind !== 'TRANSFERS') throw new Error('a transfer batch was expected');
    await carried.carry(batch.items, '0x01');

    expect(tranches.inFlight).toEqual(['t1', 't2']);
    expect(bounties.inFlight).toEqual(['b1']);
    // The sources still list them (unpaid): the treasury leaves them out.
    expect(await collectDue([tranches, bounties], 'dao', tx, carried.lookup)).toEqual([]);
  });

  it('plans a released obligation again on the next pass, or only on request when its source says so', async () => {
    const tranches = new FakeSource('tranches', [transfer('t1', { subject: 'r1' })]);
    const proposals = new FakeSource('proposals', [transfer('p1', { subject: 'p1' })], 'ON_REQUEST');
    const carried = new FakeCarried();
    await carried.carry(await collectDue([tranches, proposals], 'dao', tx, carried.lookup), '0x01');

    carried.release(['t1', 'p1']);

    const ids = (due: Due[]) => due.map((d) => d.obligation.id);
    expect(ids(await collectDue([tranches, proposals], 'dao', tx, carried.lookup))).toEqual(['t1']);
    expect(
      ids(await collectDue([proposals], 'dao', tx, carried.lookup, { subject: 'p1', requested: true })),
    ).toEqual(['p1']);
  });

  it('narrows to one subject, those of no subject included only when asked for', async () => {
    const source = new FakeSource('tranches', [transfer('a', { subject: 'r1' }), transfer('b')]);

    const ids = async (subject: string | null) =>
      (await collectDue([source], 'dao', tx, new FakeCarried().lookup, { subject, requested: false })).map(
        (d) => d.obligation.id,
      );

    expect(await ids('r1')).toEqual(['a']);
    expect(await ids(null)).toEqual(['b']);
  });
});

import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { PgNotifier, type StatementEvents } from './pg-notifier.js';

const nextOf = async <T>(iterator: AsyncIterableIterator<T>, timeoutMs = 5_000): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done === true) throw new Error('iterator ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
};

/** A write's statement that also sends `events`, as `ProposalRepository.recordVotes` does. */
const writeSending = (client: pg.Pool | pg.PoolClient, events: StatementEvents) =>
  client.query('SELECT count(pg_notify($1, message)) FROM unnest($2::text[]) AS message', [
    events.channel,
    events.messages,
  ]);

describe('PgNotifier on PostgreSQL (several API replicas)', () => {
  let database: TestDatabase;
  let replicaA: PgNotifier;
  let replicaB: PgNotifier;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    replicaA = new PgNotifier(database.url);
    replicaB = new PgNotifier(database.url);
    await replicaA.start();
    await replicaB.start();
  });

  afterAll(async () => {
    await replicaA.close();
    await replicaB.close();
    await database.drop();
  });

  it('delivers an event published by one replica to the subscribers of every replica, by topic', async () => {
    const onA = replicaA.subscribe<{ slug: string }>('dao.updated');
    const onB = replicaB.subscribe<{ slug: string }>('dao.updated');
    const otherOnA = replicaA.subscribe<{ n: number }>('other');
    try {
      await replicaB.publish('dao.updated', { slug: 'demo' });
      await replicaB.publish('other', { n: 1 });
      await expect(nextOf(onA)).resolves.toEqual({ slug: 'demo' });
      await expect(nextOf(onB)).resolves.toEqual({ slug: 'demo' });
      await expect(nextOf(otherOnA)).resolves.toEqual({ n: 1 });
    } finally {
      await onA.return?.();
      await onB.return?.();
      await otherOnA.return?.();
    }
  });

  it('delivers events sent in a statement of a write when it commits, once, and none when it rolls back', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const onA = replicaA.subscribe<{ n: number }>('counted');
    const onB = replicaB.subscribe<{ n: number }>('counted');
    try {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await writeSending(client, replicaA.inStatement('counted', [{ n: 1 }]));
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      await writeSending(pool, replicaA.inStatement('counted', [{ n: 2 }, { n: 3 }]));
      await replicaB.publish('counted', { n: 4 });
      for (const events of [onA, onB]) {
        const received = [await nextOf(events), await nextOf(events), await nextOf(events)];
        expect(received).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
      }
    } finally {
      await onA.return?.();
      await onB.return?.();
      await pool.end();
    }
  });

  it('refuses a statement event PostgreSQL would truncate', () => {
    expect(() => replicaA.inStatement('big', [{ blob: 'x'.repeat(8_000) }])).toThrow(
      'NOTIFY payloads must stay under',
    );
  });

  it('removes the listener as soon as a subscriber unsubscribes', async () => {
    const events = replicaA.subscribe('dao.updated');
    expect(replicaA.listenerCount('dao.updated')).toBe(1);
    await events.return?.();
    expect(replicaA.listenerCount('dao.updated')).toBe(0);
  });

  it('refuses payloads PostgreSQL would truncate', async () => {
    await expect(replicaA.publish('big', { blob: 'x'.repeat(8_000) })).rejects.toThrow(
      'NOTIFY payloads must stay under',
    );
  });

  it('reconnects after its connection is killed and delivers again', async () => {
    await database.dataSource.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'guildhall-notifier' AND datname = current_database()",
    );
    const events = replicaA.subscribe<{ after: string }>('dao.updated');
    const received = nextOf(events, 15_000);
    // Both replicas lost their connection: keep publishing until both are back.
    const pump = setInterval(() => void replicaB.publish('dao.updated', { after: 'reconnect' }), 200);
    try {
      await expect(received).resolves.toEqual({ after: 'reconnect' });
    } finally {
      clearInterval(pump);
      await events.return?.();
    }
  });
});

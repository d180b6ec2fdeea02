import { testConfig } from '@guildhall/config/testing';
import { defineGuildhallChain, SignatureVerifier } from '@guildhall/chain';
import { guildhallTypedData } from '@guildhall/core';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import { createPublicClient, custom } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { SignedWriteErrorCode } from './signed-write.error.js';
import { SignedWrites, type OptimisticBatchWrite, type SignedEnvelope } from './signed-writes.service.js';

const accounts = Array.from({ length: 6 }, () => privateKeyToAccount(generatePrivateKey()));

async function vote(account: PrivateKeyAccount, choice = '1'): Promise<SignedEnvelope<'Vote'>> {
  const typedData = guildhallTypedData(31337, 'Vote', {
    from: account.address,
    dao: 'batch-guild',
    proposal: 'p',
    choice,
    reason: '',
    timestamp: BigInt(Math.floor(Date.now() / 1000)),
  });
  return { typedData, signature: await account.signTypedData(typedData) };
}

describe('SignedWrites.executeBatch on PostgreSQL', () => {
  let database: TestDatabase;
  let writes: SignedWrites;

  /**
   * Writes one probe row per envelope, refusing the signers in `refused`, in one statement that
   * applies only while `batch_version` is as read; `meanwhile` runs between the read and the write.
   * The row is the envelope's signer, or what `rows` holds at its index in the batch (as a real
   * batch writes what it holds for the envelope at that index).
   */
  const probe = (
    refused: ReadonlySet<string> = new Set(),
    meanwhile: () => Promise<unknown> = () => Promise.resolve(),
    rows?: readonly string[],
  ): OptimisticBatchWrite<string, { signer: string }> & { reads: number } => ({
    reads: 0,
    async read() {
      this.reads += 1;
      const [{ version }] = await database.dataSource.query<Array<{ version: string }>>(
        'SELECT xmin::text AS version FROM batch_version',
      );
      await meanwhile();
      return version;
    },
    async write(contexts, version, audit) {
      const outcomes = contexts.map(({ signer, index }) =>
        refused.has(signer)
          ? { error: new Error(`refused ${signer}`) }
          : { daoId: null, result: { signer: rows?.[index] ?? signer } },
      );
      const accepted = contexts.flatMap(({ index }, k) => {
        const outcome = outcomes[k];
        return 'error' in outcome ? [] : [{ index, ...outcome }];
      });
      const insert = audit(accepted);
      const [{ applied }] = await database.dataSource.query<Array<{ applied: boolean }>>(
        `WITH current AS (UPDATE batch_version SET n = n + 1 WHERE xmin = $1::text::xid RETURNING n),
              probed AS (INSERT INTO batch_probe (signer) SELECT unnest($2::text[]) FROM current),
              audited AS (${insert.sql(3, 'EXISTS (SELECT 1 FROM current)')})
         SELECT EXISTS (SELECT 1 FROM current) AS applied`,
        [version, accepted.map(({ result }) => result.signer), ...insert.params],
      );
      return { outcomes, applied };
    },
  });

  const stored = async (table: 'batch_probe' | 'signed_message') =>
    (
      await database.dataSource.query<Array<{ signer: string }>>(
        `SELECT signer FROM ${table} ORDER BY signer`,
      )
    ).map((row) => row.signer);

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.dataSource.query('CREATE TABLE batch_probe (signer text PRIMARY KEY)');
    await database.dataSource.query('CREATE TABLE batch_version (n integer NOT NULL)');
    await database.dataSource.query('INSERT INTO batch_version VALUES (0)');
    // Every signer here is an EOA: the chain, asked about a signature that did not recover, has no code.
    const chain = createPublicClient({
      chain: defineGuildhallChain({ chainId: 31337, rpcUrl: 'http://unused' }),
      transport: custom({ request: () => Promise.resolve('0x') }),
    });
    const verifier = new SignatureVerifier({ getPublicClient: () => chain });
    writes = new SignedWrites(database.dataSource, verifier, testConfig({ databaseUrl: database.url }));
  });

  afterAll(() => database?.drop());

  beforeEach(async () => {
    await database.dataSource.query('TRUNCATE batch_probe');
  });

  it('commits the accepted envelopes together and answers each: written, twin, refused, forged, replayed', async () => {
    const [a, b, c, d] = accounts;
    const first = await vote(a);
    const forged = { ...(await vote(d)), signature: (await vote(c)).signature };

    const outcomes = await writes.executeBatch(
      [first, await vote(b), first, await vote(c), forged].map((envelope) => writes.prepare(envelope)),
      probe(new Set([c.address])),
    );

    expect(outcomes[0]).toEqual({ result: { signer: a.address }, replayed: false });
    expect(outcomes[1]).toEqual({ result: { signer: b.address }, replayed: false });
    expect(outcomes[2]).toEqual({ result: { signer: a.address }, replayed: true });
    expect(outcomes[3]).toMatchObject({ error: { message: `refused ${c.address}` } });
    expect(outcomes[4]).toMatchObject({ error: { code: SignedWriteErrorCode.INVALID_SIGNATURE } });
    const written = [a.address, b.address].sort();
    expect(await stored('batch_probe')).toEqual(written);
    expect(await stored('signed_message')).toEqual(written);

    await expect(writes.executeBatch([writes.prepare(first)], probe())).resolves.toEqual([
      { result: { signer: a.address }, replayed: true },
    ]);
    expect(await stored('batch_probe')).toEqual(written);

    // The same typed data under someone else's signature reads nothing back.
    const impostor = { ...first, signature: (await vote(b)).signature };
    await expect(writes.executeBatch([writes.prepare(impostor)], probe())).resolves.toMatchObject([
      { error: { code: SignedWriteErrorCode.INVALID_SIGNATURE } },
    ]);
    const unreachable = () => Promise.reject(new Error('a refused envelope never writes'));
    await expect(writes.execute(impostor, unreachable)).rejects.toMatchObject({
      code: SignedWriteErrorCode.INVALID_SIGNATURE,
    });
  });

  it('splits the batch when its statement fails, so only the failing envelope is refused', async () => {
    const [, , , , e, f] = accounts;
    const blocked = accounts[0];
    await database.dataSource.query('INSERT INTO batch_probe (signer) VALUES ($1)', [blocked.address]);

    // Each retried envelope writes what the batch holds at its own index.
    const outcomes = await writes.executeBatch(
      [await vote(e, '2'), await vote(blocked, '2'), await vote(f, '2')].map((envelope) =>
        writes.prepare(envelope),
      ),
      probe(new Set(), undefined, [e.address, blocked.address, f.address]),
    );

    expect(outcomes[0]).toEqual({ result: { signer: e.address }, replayed: false });
    expect(outcomes[1]).toMatchObject({ error: { driverError: { code: '23505' } } });
    expect(outcomes[2]).toEqual({ result: { signer: f.address }, replayed: false });
    expect(await stored('batch_probe')).toEqual([blocked.address, e.address, f.address].sort());
  });

  it('reads and writes the batch again when the state it read changed before its write', async () => {
    const [a, b] = accounts;
    let interfered = false;
    const batch = probe(new Set(), async () => {
      if (interfered) return;
      interfered = true;
      await database.dataSource.query('UPDATE batch_version SET n = n + 100');
    });
    const [{ n: before }] = await database.dataSource.query<Array<{ n: number }>>(
      'SELECT n FROM batch_version',
    );

    const outcomes = await writes.executeBatch(
      [await vote(a, '3'), await vote(b, '3')].map((envelope) => writes.prepare(envelope)),
      batch,
    );

    expect(outcomes).toEqual([
      { result: { signer: a.address }, replayed: false },
      { result: { signer: b.address }, replayed: false },
    ]);
    expect(batch.reads).toBe(2);
    const [{ n: after }] = await database.dataSource.query<Array<{ n: number }>>(
      'SELECT n FROM batch_version',
    );
    expect(after).toBe(before + 101);
    expect(await stored('batch_probe')).toEqual([a.address, b.address].sort());
  });

  it('writes on a known state without reading, and reads first when it is stale or an envelope was written', async () => {
    // Not `c`: the last test finds no audit-log row of it.
    const [a, b, , , e] = accounts;
    const version = async () =>
      (
        await database.dataSource.query<Array<{ version: string }>>(
          'SELECT xmin::text AS version FROM batch_version',
        )
      )[0].version;
    /** The probe's batch, told the version it would read; its statement checks what that skipped. */
    const onKnown = (
      known: string,
    ): OptimisticBatchWrite<{ version: string; read: boolean }, { signer: string }> & {
      reads: number;
    } => ({
      reads: 0,
      async read() {
        this.reads += 1;
        return { version: await version(), read: true };
      },
      known: () => ({ version: known, read: false }),
      async write(contexts, state, audit) {
        const outcomes = contexts.map(({ signer }) => ({ daoId: null, result: { signer } }));
        const insert = audit(contexts.map(({ index }, k) => ({ index, ...outcomes[k] })));
        const [{ applied }] = await database.dataSource.query<Array<{ applied: boolean }>>(
          `WITH current AS (UPDATE batch_version SET n = n + 1
                             WHERE xmin = $1::text::xid ${state.read ? '' : `AND ${insert.unwritten(3)}`}
                            RETURNING n),
                probed AS (INSERT INTO batch_probe (signer) SELECT unnest($2::text[]) FROM current),
                audited AS (${insert.sql(3, 'EXISTS (SELECT 1 FROM current)')})
           SELECT EXISTS (SELECT 1 FROM current) AS applied`,
          [state.version, contexts.map(({ signer }) => signer), ...insert.params],
        );
        return { outcomes, applied };
      },
    });
    const first = await vote(a, '5');

    const current = onKnown(await version());
    await expect(writes.executeBatch([writes.prepare(first)], current)).resolves.toEqual([
      { result: { signer: a.address }, replayed: false },
    ]);
    expect(current.reads).toBe(0);

    const stale = onKnown(await version());
    await database.dataSource.query('UPDATE batch_version SET n = n + 100');
    await expect(writes.executeBatch([writes.prepare(await vote(b, '5'))], stale)).resolves.toEqual([
      { result: { signer: b.address }, replayed: false },
    ]);
    expect(stale.reads).toBe(1);

    const replay = onKnown(await version());
    await expect(
      writes.executeBatch([writes.prepare(first), writes.prepare(await vote(e, '5'))], replay),
    ).resolves.toEqual([
      { result: { signer: a.address }, replayed: true },
      { result: { signer: e.address }, replayed: false },
    ]);
    expect(replay.reads).toBe(1);
    expect(await stored('batch_probe')).toEqual([a.address, b.address, e.address].sort());
  });

  it('answers a retryable CONTENDED error when every attempt meets a changed state, writing nothing', async () => {
    const [a, , c] = accounts;
    const batch = probe(new Set(), () => database.dataSource.query('UPDATE batch_version SET n = n + 1'));
    const envelope = await vote(c, '4');
    const forged = { ...(await vote(a, '4')), signature: (await vote(c, '4')).signature };

    await expect(
      writes.executeBatch([writes.prepare(envelope), writes.prepare(forged)], batch),
    ).resolves.toMatchObject([
      { error: { code: 'CONTENDED', category: 'RETRYABLE' } },
      { error: { code: SignedWriteErrorCode.INVALID_SIGNATURE } },
    ]);
    expect(batch.reads).toBe(8);
    expect(await stored('batch_probe')).toEqual([]);
    const audited = await database.dataSource.query<unknown[]>(
      'SELECT 1 FROM signed_message WHERE signer = $1',
      [c.address],
    );
    expect(audited).toEqual([]);
  });
});

import { testConfig } from '@guildhall/config/testing';
import { defineGuildhallChain, SignatureVerifier } from '@guildhall/chain';
import { guildhallTypedData } from '@guildhall/core';
import { createPublicClient, custom } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { SignedWriteErrorCode } from './signed-write.error.js';
import { SignedWrites, type SignedBatchWriteContext, type SignedEnvelope } from './signed-writes.service.js';

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

  /** Writes one probe row per envelope, refusing the signers in `refused`. */
  const probe =
    (refused: ReadonlySet<string> = new Set()) =>
    async (contexts: readonly SignedBatchWriteContext[]) => {
      const outcomes = [];
      for (const { signer, manager } of contexts) {
        if (refused.has(signer)) {
          outcomes.push({ error: new Error(`refused ${signer}`) });
          continue;
        }
        await manager.query('INSERT INTO batch_probe (signer) VALUES ($1)', [signer]);
        outcomes.push({ daoId: null, result: { signer } });
      }
      return outcomes;
    };

  const stored = async (table: 'batch_probe' | 'signed_message') =>
    (
      await database.dataSource.query<Array<{ signer: string }>>(
        `SELECT signer FROM ${table} ORDER BY signer`,
      )
    ).map((row) => row.signer);

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.dataSource.query('CREATE TABLE batch_probe (signer text PRIMARY KEY)');
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

  it('retries each envelope alone when the batch transaction fails, so only the failing one is refused', async () => {
    const [, , , , e, f] = accounts;
    const blocked = accounts[0];
    await database.dataSource.query('INSERT INTO batch_probe (signer) VALUES ($1)', [blocked.address]);

    const outcomes = await writes.executeBatch(
      [await vote(e, '2'), await vote(blocked, '2'), await vote(f, '2')].map((envelope) =>
        writes.prepare(envelope),
      ),
      probe(),
    );

    expect(outcomes[0]).toEqual({ result: { signer: e.address }, replayed: false });
    expect(outcomes[1]).toMatchObject({ error: { driverError: { code: '23505' } } });
    expect(outcomes[2]).toEqual({ result: { signer: f.address }, replayed: false });
    expect(await stored('batch_probe')).toEqual([blocked.address, e.address, f.address].sort());
  });
});

import { CreditsModule, CreditsService, CreditWrites, KeySpending, SpendingKeys } from '@guildhall/credits';
import { DaoService } from '@guildhall/dao';
import { DataSource } from 'typeorm';
import { devAccount } from '../support/actors.js';
import { createStubDao, stubChainWithStack } from '../support/service-dao.js';
import { ServiceHarness } from '../support/service-harness.js';
import { signedInput } from '../support/signed-input.js';

const admin = devAccount(5);
const stranger = devAccount(6);
const alice = devAccount(7).address;
/** What a refused spend must leave as it was. */
const LEDGER = [
  'credit_transfer',
  'credit_posting',
  'credit_hold',
  'credit_grant_use',
  'credit_account',
] as const;

describe('Credits spending keys (service tier: KeySpending on PostgreSQL)', () => {
  let harness: ServiceHarness;
  let spending: KeySpending;
  let credits: CreditsService;
  let writes: CreditWrites;
  let guildId: string;
  let gatewayKey: string;
  let schedulerKey: string;
  let otherDaoKey: string;
  let clientKeys = 0;
  const clientKey = (): string => `ck-${(clientKeys += 1)}`;

  const createKey = async (dao: string, service: string, signer = admin) => {
    const created = await writes.createSpendingKey(
      await signedInput(signer, 'CreateCreditSpendingKey', { dao, service, name: `${service} in prod` }),
    );
    return created;
  };
  /** `attempt` fails with `code` and writes nothing to the ledger. */
  const refused = async (attempt: () => Promise<unknown>, code: string) => {
    const before = await harness.counts(...LEDGER);
    await expect(attempt()).rejects.toMatchObject({ code });
    expect(await harness.counts(...LEDGER)).toEqual(before);
  };
  const spendRequest = (amount = 10n) => ({
    clientKey: clientKey(),
    contributor: alice,
    creditType: 'GPU_HOURS',
    amount,
  });

  beforeAll(async () => {
    harness = await ServiceHarness.start([CreditsModule], stubChainWithStack());
    spending = harness.get(KeySpending);
    credits = harness.get(CreditsService);
    writes = harness.get(CreditWrites);
    const daos = harness.get(DaoService);
    guildId = (await createStubDao(daos, admin, 'key-guild')).id;
    const otherId = (await createStubDao(daos, admin, 'other-guild')).id;
    for (const daoId of [guildId, otherId]) {
      await credits.createCreditType(daoId, {
        code: 'GPU_HOURS',
        name: 'GPU hours',
        unit: 'GPU-second',
        scale: 0,
      });
      await credits.grant(daoId, {
        clientKey: 'grant-1',
        contributor: alice,
        creditType: 'GPU_HOURS',
        amount: 1_000n,
      });
    }
    gatewayKey = (await createKey('key-guild', 'inference-gateway')).secret!;
    schedulerKey = (await createKey('key-guild', 'gpu-scheduler')).secret!;
    otherDaoKey = (await createKey('other-guild', 'inference-gateway')).secret!;
  });

  afterAll(() => harness?.close());

  it('shows the secret once, stores only its SHA-256, and lists keys without it', async () => {
    const envelope = await signedInput(admin, 'CreateCreditSpendingKey', {
      dao: 'key-guild',
      service: 'billing',
      name: 'billing',
    });
    const first = await writes.createSpendingKey(envelope);
    expect(first.secret).toMatch(/^gh_sk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const replay = await writes.createSpendingKey(envelope);
    expect(replay).toEqual({ secret: null, key: first.key });
    const stored: Array<{ secret_hash: string }> = await harness
      .get(DataSource)
      .query(`SELECT secret_hash FROM credit_spending_key WHERE id = $1`, [first.key.id]);
    expect(stored[0].secret_hash).toHaveLength(64);
    expect(first.secret).not.toContain(stored[0].secret_hash);
    const listed = await harness.get(SpendingKeys).list(guildId);
    expect(listed.map((key) => key.service)).toEqual(
      expect.arrayContaining(['billing', 'inference-gateway', 'gpu-scheduler']),
    );
    expect(JSON.stringify(listed)).not.toContain(first.secret!.slice(39));
  });

  it('refuses a key created by someone who is not an admin (NOT_A_DAO_ADMIN), writing no key', async () => {
    const before = await harness.counts('credit_spending_key', 'signed_message');
    await expect(createKey('key-guild', 'inference-gateway', stranger)).rejects.toMatchObject({
      code: 'NOT_A_DAO_ADMIN',
    });
    expect(await harness.counts('credit_spending_key', 'signed_message')).toEqual(before);
  });

  it('spends into the key’s own spend account, idempotently by client key', async () => {
    const request = spendRequest(25n);
    const transfer = await spending.spend(gatewayKey, 'key-guild', request);
    expect(transfer.postings.map((p) => [p.accountKind, p.owner, p.amount])).toEqual(
      expect.arrayContaining([
        ['CONTRIBUTOR', alice, -25n],
        ['SPEND', 'inference-gateway', 25n],
      ]),
    );
    expect((await spending.spend(gatewayKey, 'key-guild', request)).id).toBe(transfer.id);
    await refused(
      () => spending.spend(gatewayKey, 'key-guild', { ...request, amount: 26n }),
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('refuses a key used for another DAO (WRONG_DAO), writing nothing', async () => {
    await refused(() => spending.spend(otherDaoKey, 'key-guild', spendRequest()), 'WRONG_DAO');
    await refused(
      () => spending.holdCredits(otherDaoKey, 'key-guild', { ...spendRequest(), timeoutSeconds: 60 }),
      'WRONG_DAO',
    );
    await expect(spending.balances(otherDaoKey, 'key-guild')).rejects.toMatchObject({ code: 'WRONG_DAO' });
  });

  it('refuses a wrong secret, a malformed key and no key alike (INVALID_KEY), writing nothing', async () => {
    const wrongSecret = `${gatewayKey.slice(0, 39)}${gatewayKey[39] === 'A' ? 'B' : 'A'}${gatewayKey.slice(40)}`;
    const unknownId = `gh_sk_${'0'.repeat(32)}${gatewayKey.slice(38)}`;
    for (const key of [wrongSecret, unknownId, 'gh_sk_nonsense', undefined])
      await refused(() => spending.spend(key, 'key-guild', spendRequest()), 'INVALID_KEY');
  });

  it('reads only its own account, and another service’s hold is not there for it (HOLD_NOT_FOUND)', async () => {
    const { spendingKey, balances } = await spending.balances(schedulerKey, 'key-guild');
    expect(spendingKey.service).toBe('gpu-scheduler');
    expect(balances.every((balance) => balance.accountId === spendingKey.spendAccountId)).toBe(true);

    const hold = await spending.holdCredits(gatewayKey, 'key-guild', {
      ...spendRequest(40n),
      timeoutSeconds: 60,
    });
    expect(hold.service).toBe('inference-gateway');
    await expect(spending.hold(schedulerKey, 'key-guild', hold.id)).rejects.toMatchObject({
      code: 'HOLD_NOT_FOUND',
    });
    await refused(
      () =>
        spending.capture(schedulerKey, 'key-guild', { clientKey: clientKey(), holdId: hold.id, amount: 1n }),
      'HOLD_NOT_FOUND',
    );
    await refused(() => spending.voidHold(schedulerKey, 'key-guild', hold.id), 'HOLD_NOT_FOUND');
    expect((await spending.hold(gatewayKey, 'key-guild', hold.id)).status).toBe('ACTIVE');

    const captured = await spending.capture(gatewayKey, 'key-guild', {
      clientKey: clientKey(),
      holdId: hold.id,
      amount: 30n,
    });
    expect(captured).toMatchObject({ status: 'CAPTURED', captured: 30n });
  });

  it('holds and voids with its key; voiding again changes nothing', async () => {
    const hold = await spending.holdCredits(gatewayKey, 'key-guild', {
      ...spendRequest(5n),
      timeoutSeconds: 60,
    });
    expect((await spending.voidHold(gatewayKey, 'key-guild', hold.id)).status).toBe('VOIDED');
    expect((await spending.voidHold(gatewayKey, 'key-guild', hold.id)).status).toBe('VOIDED');
  });

  it('refuses more than the contributor has (INSUFFICIENT_CREDITS), writing nothing', async () => {
    await refused(
      () => spending.spend(gatewayKey, 'key-guild', spendRequest(1_000_000n)),
      'INSUFFICIENT_CREDITS',
    );
  });

  it('refuses a revoked key (KEY_REVOKED) and writes nothing; revoking again changes nothing', async () => {
    const { secret, key } = await createKey('key-guild', 'short-lived');
    await spending.spend(secret!, 'key-guild', spendRequest(1n));
    const revoked = await writes.revokeSpendingKey(
      await signedInput(admin, 'RevokeCreditSpendingKey', { dao: 'key-guild', keyId: key.id }),
    );
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await refused(() => spending.spend(secret!, 'key-guild', spendRequest(1n)), 'KEY_REVOKED');
    const again = await writes.revokeSpendingKey(
      await signedInput(
        admin,
        'RevokeCreditSpendingKey',
        { dao: 'key-guild', keyId: key.id },
        {
          timestamp: BigInt(Math.floor(Date.now() / 1000) - 1),
        },
      ),
    );
    expect(again.revokedAt).toEqual(revoked.revokedAt);
  });

  it('refuses to revoke another DAO’s key (KEY_NOT_FOUND)', async () => {
    const otherKey = (
      await harness.get(SpendingKeys).list((await harness.get(DaoService).bySlug('other-guild')).id)
    )[0];
    await expect(
      writes.revokeSpendingKey(
        await signedInput(admin, 'RevokeCreditSpendingKey', { dao: 'key-guild', keyId: otherKey.id }),
      ),
    ).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
  });

  it('leaves the ledger consistent', async () => {
    const report = await credits.consistency(null);
    expect(report).toEqual({ balances: [], held: [], lots: [], unbalancedTransfers: [] });
  });
});

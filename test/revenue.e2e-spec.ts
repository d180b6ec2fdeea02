import { privateKeyToAccount } from 'viem/accounts';
import { createPublicClient, createWalletClient, http, type Address } from 'viem';
import { DEV_ACCOUNTS, defineGuildhallChain, erc20VotesAbi } from '@guildhall/chain';
import { RevenueShareEntity } from '@guildhall/rewards/datasources';
import {
  ConfirmSafeTransactionDocument,
  CreateDaoDocument,
  CreateRevenueShareDocument,
  ExecuteSafeTransactionDocument,
  RecordRevenueDocument,
  RevenueShareDocument,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SetReviewersDocument,
  UpsertContributorProfileDocument,
  type GuildhallSigner,
  type SafeTransactionFieldsFragment,
} from '@guildhall/sdk';
import { devSigner, permissiveRules, sleep } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { finalizedRound, tokenBalance, waitFor } from './support/rounds.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'revenue-guild';
const RELAYER = DEV_ACCOUNTS[9];

describe('Revenue shares paid through the DAO’s Safe', () => {
  let stack: TestStack;
  let api: TestApi;
  const admin = devSigner(5);
  const [owner1, owner2] = [devSigner(1), devSigner(2)];
  const [fineTuner, safetyTester] = [devSigner(4), devSigner(8)];
  const [reviewer1, reviewer2] = [devSigner(6), devSigner(7)];
  const newcomer = privateKeyToAccount(`0x${'43'.repeat(32)}`).address;

  const balanceOf = (holder: Address) =>
    tokenBalance(stack.chain.rpcUrl, stack.chain.stack.payoutToken, holder);
  const shareOf = async (id: string) => (await api.client.request(RevenueShareDocument, { id })).revenueShare;
  const safeTx = async (safeTxHash: `0x${string}`) =>
    (await api.client.request(SafeTransactionDocument, { safeTxHash })).safeTransaction;
  const openTxs = async () =>
    (await api.client.request(SafeTransactionsDocument, { dao: DAO, first: 100 })).safeTransactions.nodes
      .filter((tx) => tx.status === 'AWAITING_CONFIRMATIONS')
      .sort((a, b) => Number(BigInt(a.nonce) - BigInt(b.nonce)));
  const confirm = async (tx: SafeTransactionFieldsFragment, by: GuildhallSigner) =>
    api.client.request(ConfirmSafeTransactionDocument, {
      safeTxHash: tx.safeTxHash,
      signature: await by.signSafeTransaction(tx),
    });
  /** Two of the three owners confirm, the relay executes, the indexer sees it executed. */
  const pay = async (tx: SafeTransactionFieldsFragment) => {
    await confirm(tx, owner1);
    await confirm(tx, owner2);
    await api.client.request(ExecuteSafeTransactionDocument, { safeTxHash: tx.safeTxHash });
    return waitFor(
      () => safeTx(tx.safeTxHash),
      (indexed) => indexed.status === 'EXECUTED',
      `Safe transaction ${tx.safeTxHash} executed`,
    );
  };
  /** The worker proposes the share's payout on its own: the open transactions carrying it. */
  const payoutsOf = (shareId: string) =>
    waitFor(
      openTxs,
      (txs) => txs.some((tx) => tx.origin.revenueShare === shareId),
      `the payout of revenue share ${shareId} proposed`,
    );
  const record = async (amount: bigint, reference: string) =>
    (
      await api.client.request(
        RecordRevenueDocument,
        await admin.recordRevenue({
          dao: DAO,
          token: stack.chain.stack.payoutToken,
          amount,
          periodStart: new Date('2026-10-01T00:00:00Z'),
          periodEnd: new Date('2026-11-01T00:00:00Z'),
          reference,
        }),
      )
    ).recordRevenue;
  const createShare = async (params: Omit<Parameters<GuildhallSigner['createRevenueShare']>[0], 'dao'>) =>
    (
      await api.client.request(
        CreateRevenueShareDocument,
        await admin.createRevenueShare({ dao: DAO, ...params }),
      )
    ).createRevenueShare;

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api({ RELAYER_PRIVATE_KEY: RELAYER.privateKey });
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Revenue Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    await api.client.request(
      SetReviewersDocument,
      await admin.setReviewers({ dao: DAO, reviewers: [reviewer1.address, reviewer2.address] }),
    );
  });

  afterAll(() => stack?.close());

  it('pays a share to holders through the Safe, carries the dust below minPayout over and pays it with the next share', async () => {
    // A newcomer holding one GUILD: its part of the revenue is dust.
    const chain = defineGuildhallChain({ chainId: 31337, rpcUrl: stack.chain.rpcUrl });
    const wallet = createWalletClient({
      account: privateKeyToAccount(DEV_ACCOUNTS[0].privateKey),
      chain,
      transport: http(stack.chain.rpcUrl),
    });
    const hash = await wallet.writeContract({
      address: stack.chain.stack.governanceToken,
      abi: erc20VotesAbi,
      functionName: 'transfer',
      args: [newcomer, 10n ** 18n],
    });
    await createPublicClient({ chain, transport: http(stack.chain.rpcUrl) }).waitForTransactionReceipt({
      hash,
    });

    const MIN_PAYOUT = 1_000n; // 0.001 dUSDC
    const first = await createShare({
      revenue: (await record(1_000_000_007n, 'invoice 1')).id,
      minPayout: MIN_PAYOUT,
    });
    expect(first).toMatchObject({ target: 'HOLDERS', state: 'COMPUTED', carriedIn: '0', unallocated: '0' });
    const dust = first.allocations.find((allocation) => allocation.holder === newcomer)!;
    expect(dust.status).toBe('CARRIED');
    expect(BigInt(dust.amount)).toBeGreaterThan(0n);
    expect(BigInt(dust.amount)).toBeLessThan(MIN_PAYOUT);
    expect(first.carriedOver).toBe(dust.amount);
    expect(BigInt(first.allocated) + BigInt(first.carriedOver)).toBe(1_000_000_007n);
    const paidHolders = first.allocations.filter((allocation) => allocation.status === 'PENDING');
    expect(paidHolders.every((allocation) => BigInt(allocation.amount) >= MIN_PAYOUT)).toBe(true);
    expect(paidHolders.map((allocation) => allocation.holder)).not.toContain(stack.chain.stack.daoSafe);

    const before = new Map(
      await Promise.all(
        [...paidHolders.map((allocation) => allocation.holder), newcomer].map(
          async (holder) => [holder, await balanceOf(holder)] as const,
        ),
      ),
    );
    const [payout] = await payoutsOf(first.id);
    expect(payout.origin).toMatchObject({ kind: 'REVENUE_SHARE', revenueShare: first.id, round: null });
    expect(payout.actions).toHaveLength(paidHolders.length);
    expect(payout.actions[0].humanReadable).toContain('revenue "invoice 1" shared to holders');
    expect((await shareOf(first.id)).state).toBe('PAYING');
    expect((await shareOf(first.id)).allocations.filter((a) => a.status === 'IN_FLIGHT')).toHaveLength(
      paidHolders.length,
    );

    const executed = await pay(payout);
    const paid = await waitFor(
      () => shareOf(first.id),
      (share) => share.state === 'PAID',
      'the first share PAID',
    );
    for (const allocation of paid.allocations.filter((a) => a.holder !== newcomer)) {
      expect(allocation).toMatchObject({ status: 'PAID', txHash: executed.executionTxHash });
      expect(allocation.paidBlock).toBe(executed.executionBlock);
      expect((await balanceOf(allocation.holder)) - before.get(allocation.holder)!).toBe(
        BigInt(allocation.amount),
      );
    }
    expect(await balanceOf(newcomer)).toBe(before.get(newcomer)); // dust: not paid
    // Paid exactly once: a few more worker passes propose nothing more for the share.
    await sleep(5_000);
    expect((await openTxs()).filter((tx) => tx.origin.revenueShare === first.id)).toEqual([]);

    // The next share of the DAO and token takes the carry-over in and pays it out.
    const second = await createShare({ revenue: (await record(500_000_000n, 'invoice 2')).id });
    expect(second.carriedIn).toBe(first.carriedOver);
    expect(BigInt(second.allocated) + BigInt(second.carriedOver) + BigInt(second.unallocated)).toBe(
      500_000_000n + BigInt(second.carriedIn),
    );
    const newcomerShare = second.allocations.find((allocation) => allocation.holder === newcomer)!;
    expect(newcomerShare.status).toBe('PENDING');
    const [nextPayout] = await payoutsOf(second.id);
    const nextExecuted = await pay(nextPayout);
    const secondPaid = await waitFor(
      () => shareOf(second.id),
      (share) => share.state === 'PAID',
      'the second share PAID',
    );
    expect(
      secondPaid.allocations.every((a) => a.status === 'PAID' && a.txHash === nextExecuted.executionTxHash),
    ).toBe(true);
    expect((await balanceOf(newcomer)) - before.get(newcomer)!).toBe(BigInt(newcomerShare.amount));
    // A carry-over is taken once: the first share's went into the second.
    const stored = await stack.database.dataSource
      .getRepository(RevenueShareEntity)
      .findOneByOrFail({ id: first.id });
    expect(stored.carriedInto).toBe(second.id);
  }, 120_000);

  it('pays a share to a model’s contributors by their finalized allocations, through the Safe', async () => {
    await api.client.request(
      UpsertContributorProfileDocument,
      await fineTuner.upsertContributorProfile({ dao: DAO, handle: 'ada' }),
    );
    const { round, allocations } = await finalizedRound(api.client, {
      dao: DAO,
      admin,
      token: stack.chain.stack.payoutToken,
      budget: 100_000_000n,
      contributors: [
        { signer: fineTuner, kind: 'FINE_TUNING' },
        { signer: safetyTester, kind: 'SAFETY_EVALUATION' },
      ],
      reviewers: [reviewer1, reviewer2],
    });
    const contributors = allocations.filter((allocation) => allocation.pool !== 'REVIEWERS');
    expect(contributors.map((allocation) => allocation.recipient).sort()).toEqual(
      [fineTuner.address, safetyTester.address].sort(),
    );
    // The round's own payout goes first in the Safe's nonce queue.
    const roundPayouts = await waitFor(
      openTxs,
      (txs) => txs.some((tx) => tx.origin.round === round.id),
      'the round payout proposed',
    );
    for (const tx of roundPayouts) await pay(tx);

    const revenue = await record(300_000_001n, 'guild-7b API, October');
    const refusals: Array<[string, Parameters<GuildhallSigner['createRevenueShare']>[0], string]> = [
      [
        'an unknown model',
        {
          dao: DAO,
          revenue: revenue.id,
          target: 'CONTRIBUTORS_OF_MODEL',
          model: 'nobody-13b',
          lookbackRounds: 3,
        },
        'UNKNOWN_MODEL',
      ],
      [
        'every contributor excluded',
        {
          dao: DAO,
          revenue: revenue.id,
          target: 'CONTRIBUTORS_OF_MODEL',
          model: 'guild-7b',
          lookbackRounds: 3,
          exclude: [fineTuner.address, safetyTester.address],
        },
        'NOTHING_TO_SHARE',
      ],
      [
        'no lookback',
        {
          dao: DAO,
          revenue: revenue.id,
          target: 'CONTRIBUTORS_OF_MODEL',
          model: 'guild-7b',
          lookbackRounds: 0,
        },
        'INVALID_REVENUE',
      ],
      ['a model for holders', { dao: DAO, revenue: revenue.id, model: 'guild-7b' }, 'INVALID_REVENUE'],
    ];
    for (const [name, params, code] of refusals) {
      const error = await rejection(
        api.client.request(CreateRevenueShareDocument, await admin.createRevenueShare(params)),
      );
      expect([name, error.code]).toEqual([name, code]);
    }
    expect(
      await stack.database.dataSource.getRepository(RevenueShareEntity).countBy({ revenueId: revenue.id }),
    ).toBe(0);

    const share = await createShare({
      revenue: revenue.id,
      target: 'CONTRIBUTORS_OF_MODEL',
      model: 'guild-7b',
      lookbackRounds: 3,
    });
    expect(share).toMatchObject({ target: 'CONTRIBUTORS_OF_MODEL', model: 'guild-7b', lookbackRounds: 3 });
    expect(share.allocations.map((allocation) => allocation.holder).sort()).toEqual(
      [fineTuner.address, safetyTester.address].sort(),
    );
    const weight = (address: Address) =>
      contributors
        .filter((allocation) => allocation.recipient === address)
        .reduce((sum, allocation) => sum + BigInt(allocation.amount), 0n);
    const supply = weight(fineTuner.address) + weight(safetyTester.address);
    expect(share.eligibleSupply).toBe(supply.toString());
    expect(share.allocations.reduce((sum, allocation) => sum + BigInt(allocation.amount), 0n)).toBe(
      300_000_001n + BigInt(share.carriedIn),
    );
    for (const allocation of share.allocations) {
      expect(allocation.balance).toBe(weight(allocation.holder).toString());
      const exact = ((300_000_001n + BigInt(share.carriedIn)) * BigInt(allocation.balance)) / supply;
      expect(BigInt(allocation.amount) - exact).toBeGreaterThanOrEqual(0n);
      expect(BigInt(allocation.amount) - exact).toBeLessThanOrEqual(1n);
    }

    const before = new Map(
      await Promise.all(
        share.allocations.map(
          async (allocation) => [allocation.holder, await balanceOf(allocation.holder)] as const,
        ),
      ),
    );
    const [payout] = await payoutsOf(share.id);
    expect(payout.actions.map((action) => action.humanReadable)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          / \(ada\) — revenue "guild-7b API, October" shared to contributors of guild-7b$/,
        ),
      ]),
    );
    const executed = await pay(payout);
    const paid = await waitFor(
      () => shareOf(share.id),
      (current) => current.state === 'PAID',
      'the contributors’ share PAID',
    );
    for (const allocation of paid.allocations) {
      expect(allocation).toMatchObject({ status: 'PAID', txHash: executed.executionTxHash });
      expect((await balanceOf(allocation.holder)) - before.get(allocation.holder)!).toBe(
        BigInt(allocation.amount),
      );
    }
  }, 120_000);
});

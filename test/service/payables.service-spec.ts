import { DaoService } from '@guildhall/dao';
import { AttestationService } from '@guildhall/contributions';
import { RewardsModule, RoundService } from '@guildhall/rewards';
import type { PayableSource, PayablesTx } from '@guildhall/treasury/payables';
import { DataSource } from 'typeorm';
// Deep imports: services and sources these libs keep to their modules, and the treasury's planner.
import { ContributorService } from '../../libs/contributions/src/domain/contributor.service.js';
import { ReviewService } from '../../libs/contributions/src/domain/review.service.js';
import { RevenueService } from '../../libs/rewards/src/domain/revenue.service.js';
import { RevenueSharePayable } from '../../libs/rewards/src/domain/revenue-share.payable.js';
import { RoundTranchesPayable } from '../../libs/rewards/src/domain/round-tranches.payable.js';
import {
  collectDue,
  planSafeTransactions,
  type CarriedLookup,
  type DueFilter,
} from '../../libs/treasury/src/payables/planner.js';
import { devAccount, sha256 } from '../support/actors.js';
import { roundTimePasses } from '../support/round-time.js';
import { createStubDao, stubChainWithStack, stubStack } from '../support/service-dao.js';
import { ServiceHarness } from '../support/service-harness.js';
import { signedInput } from '../support/signed-input.js';

const DAO = 'payables-guild';
const admin = devAccount(5);
const contributors = [devAccount(6), devAccount(7)];
const reviewers = [devAccount(1), devAccount(2)];
const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));
const nothingCarried: CarriedLookup = () => Promise.resolve(new Set());

/**
 * The treasury's planning over the obligations of two real sources, round tranches and revenue
 * shares, read from PostgreSQL: what a pass would propose, without a Safe.
 */
describe('Payables planning (service tier: two sources on PostgreSQL, stub chain)', () => {
  let harness: ServiceHarness;
  let sources: PayableSource[];
  let daoId: string;
  let roundId: string;
  let shareId: string;

  /** What the planner would propose now, in the sources' order. */
  const plan = (maxPerBatch: number, carried = nothingCarried, filter?: DueFilter) =>
    harness.get(DataSource).transaction(async (manager) => {
      const tx: PayablesTx = { manager, afterCommit: () => undefined };
      return planSafeTransactions(await collectDue(sources, daoId, tx, carried, filter), maxPerBatch);
    });

  /** A finalized round of two contributors' work on `guild-7b`, then revenue shared to that model's contributors. */
  beforeAll(async () => {
    const chain = stubChainWithStack();
    for (const reviewer of reviewers)
      chain.setVotingPower(stubStack.governanceToken, reviewer.address, 10n ** 18n);
    harness = await ServiceHarness.start([RewardsModule], chain);
    sources = [harness.get(RoundTranchesPayable), harness.get(RevenueSharePayable)];
    daoId = (await createStubDao(harness.get(DaoService), admin, DAO)).id;
    await harness
      .get(ContributorService)
      .setReviewers(
        await signedInput(admin, 'SetReviewers', { dao: DAO, reviewers: reviewers.map((r) => r.address) }),
      );

    const now = nowSeconds();
    const rounds = harness.get(RoundService);
    const round = await rounds.create(
      await signedInput(admin, 'CreateRound', {
        dao: DAO,
        name: 'Paid round',
        token: stubStack.payoutToken,
        budget: 1_000_000n,
        submissionsOpenAt: now - 1n,
        submissionsCloseAt: now + 3_600n,
        reviewDeadline: now + 7_200n,
        snapshotBlock: 0n,
        engine: 'MEAN',
        yuma: {
          kappa: '0.5',
          bondsPenalty: '1',
          bondsMovingAverage: '0.9',
          yuma3: false,
          liquidAlpha: false,
          alphaLow: '0.7',
          alphaHigh: '0.9',
          alphaSteepness: '1000',
        },
        reviewerShareBps: 0,
        pools: [{ kind: 'FINE_TUNING', shareBps: 10_000, floorBps: 0 }],
        contributorCapBps: 0,
        minPayout: 0n,
        vesting: { cliff: 0n, duration: 0n, interval: 0n },
        minReviews: 2,
        acceptanceScore: 10,
      }),
    );
    roundId = round.id;
    const attestations = [];
    for (const [index, contributor] of contributors.entries())
      attestations.push(
        await harness.get(AttestationService).submit(
          await signedInput(contributor, 'SubmitAttestation', {
            dao: DAO,
            round: roundId,
            kind: 'FINE_TUNING',
            model: { name: 'guild-7b', version: '1.0', base: 'guild-7b@0.9' },
            title: `tune ${index}`,
            summary: '',
            evidence: [{ uri: `https://artifacts.example/tune-${index}`, sha256: sha256(`tune-${index}`) }],
            metrics: [],
            splits: [],
            references: [],
          }),
        ),
      );
    await roundTimePasses(harness.database.dataSource, roundId, 90);
    await rounds.advance(roundId);
    for (const reviewer of reviewers)
      for (const [index, attestation] of attestations.entries())
        await harness.get(ReviewService).submit(
          await signedInput(reviewer, 'SubmitReview', {
            dao: DAO,
            attestation: attestation.id,
            score: 40 + 20 * index,
            comment: '',
          }),
        );
    await roundTimePasses(harness.database.dataSource, roundId, 90);
    await rounds.advance(roundId);

    const revenue = harness.get(RevenueService);
    const record = await revenue.record(
      await signedInput(admin, 'RecordRevenue', {
        dao: DAO,
        token: stubStack.payoutToken,
        amount: 300_000n,
        periodStart: now - 86_400n,
        periodEnd: now,
        reference: 'invoice 7',
      }),
    );
    shareId = (
      await revenue.createShare(
        await signedInput(admin, 'CreateRevenueShare', {
          dao: DAO,
          revenue: record.id,
          target: 'CONTRIBUTORS_OF_MODEL' as const,
          model: 'guild-7b',
          lookbackRounds: 1,
          snapshotBlock: 0n,
          exclude: [],
          minPayout: 0n,
        }),
      )
    ).id;
  });

  afterAll(() => harness?.close());

  it('batches each source’s transfers by origin and subject, never mixed, though token and payees are the same', async () => {
    const planned = await plan(100);
    expect(
      planned.map((tx) =>
        tx.kind === 'TRANSFERS'
          ? {
              origin: tx.origin,
              subject: tx.subject,
              kinds: [...new Set(tx.items.map((item) => item.source.kind))],
              payees: tx.items.map((item) => item.obligation.payee).sort(),
              total: tx.items.reduce((sum, item) => sum + item.obligation.amount, 0n),
            }
          : tx.kind,
      ),
    ).toEqual([
      {
        origin: 'PAYOUT',
        subject: roundId,
        kinds: ['round-tranches'],
        payees: contributors.map((c) => c.address).sort(),
        total: 1_000_000n,
      },
      {
        origin: 'REVENUE_SHARE',
        subject: shareId,
        kinds: ['revenue-shares'],
        payees: contributors.map((c) => c.address).sort(),
        total: 300_000n,
      },
    ]);
  });

  it('splits a group into batches of at most the given size, still one origin each', async () => {
    const planned = await plan(1);
    expect(planned.map((tx) => (tx.kind === 'TRANSFERS' ? [tx.origin, tx.items.length] : tx.kind))).toEqual([
      ['PAYOUT', 1],
      ['PAYOUT', 1],
      ['REVENUE_SHARE', 1],
      ['REVENUE_SHARE', 1],
    ]);
  });

  it('leaves out an obligation a live Safe transaction carries, and plans the rest', async () => {
    const [first] = await plan(100);
    if (first.kind !== 'TRANSFERS') throw new Error('expected the round’s transfers first');
    const carriedId = first.items[0].obligation.id;
    const carried: CarriedLookup = (kind, ids) =>
      Promise.resolve(new Set(kind === 'round-tranches' ? ids.filter((id) => id === carriedId) : []));
    const planned = await plan(100, carried);
    const ids = planned.flatMap((tx) =>
      tx.kind === 'TRANSFERS' ? tx.items.map((item) => item.obligation.id) : [],
    );
    expect(ids).not.toContain(carriedId);
    expect(ids).toHaveLength(3);
  });

  it('asked to pay one subject, plans only its obligations', async () => {
    const planned = await plan(100, nothingCarried, { subject: shareId, requested: true });
    expect(planned.map((tx) => (tx.kind === 'TRANSFERS' ? [tx.origin, tx.subject] : tx.kind))).toEqual([
      ['REVENUE_SHARE', shareId],
    ]);
  });

  it('reports what each source owes of a token (its unpaid tranches, its unpaid allocations), nothing of another token', async () => {
    const owed = (token: `0x${string}`) =>
      harness
        .get(DataSource)
        .transaction(async (manager) =>
          Promise.all(sources.map((source) => source.outstanding(daoId, token, { manager }))),
        );
    expect(await owed(stubStack.payoutToken)).toEqual([1_000_000n, 300_000n]);
    expect(await owed(stubStack.governanceToken)).toEqual([0n, 0n]);
  });
});

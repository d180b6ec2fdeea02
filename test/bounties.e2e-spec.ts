import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Address } from 'viem';
import { DEV_ACCOUNTS } from '@guildhall/chain';
import {
  AcceptBountyWorkDocument,
  BountiesDocument,
  BountyDocument,
  CancelBountyDocument,
  ClaimBountyDocument,
  ConfirmSafeTransactionDocument,
  CosignAttestationDocument,
  CreateBountyDocument,
  CreateRevenueShareDocument,
  CreateDaoDocument,
  ExecuteSafeTransactionDocument,
  GuildhallSigner,
  RecordRevenueDocument,
  RejectBountyWorkDocument,
  ReviewBountyWorkDocument,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  SubmitBountyWorkDocument,
  WithdrawAttestationDocument,
  type SafeTransactionFieldsFragment,
} from '@guildhall/sdk';
import { devSigner, permissiveRules, sha256, sleep } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { finalizedRound, tokenBalance, waitFor } from './support/rounds.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'bounty-guild';
const RELAYER = DEV_ACCOUNTS[9];
const HOUR = 3600_000;

/**
 * A dev account's signer whose messages carry a timestamp a minute back: a second, distinct
 * envelope of the same write (the same one again would be a replay, answered as the first).
 */
const secondEnvelope = (index: number) =>
  new GuildhallSigner(
    privateKeyToAccount(DEV_ACCOUNTS[index].privateKey),
    31337,
    () => BigInt(Math.floor(Date.now() / 1000)) - 60n,
  );

describe('Bounties paid through the DAO’s Safe on acceptance', () => {
  let stack: TestStack;
  let api: TestApi;
  const admin = devSigner(5);
  const [owner1, owner2] = [devSigner(1), devSigner(2)];
  const [lead, partner] = [devSigner(4), devSigner(8)];
  const [reviewer1, reviewer2] = [devSigner(6), devSigner(7)];
  const [leadAgain, adminAgain] = [secondEnvelope(4), secondEnvelope(5)];
  const outsider = new GuildhallSigner(privateKeyToAccount(generatePrivateKey()), 31337);

  const token = () => stack.chain.stack.payoutToken;
  const balanceOf = (holder: Address) => tokenBalance(stack.chain.rpcUrl, token(), holder);
  const bounty = async (id: string) => (await api.client.request(BountyDocument, { id })).bounty;
  const openBounties = async () =>
    (await api.client.request(BountiesDocument, { dao: DAO, state: 'OPEN', first: 100 })).bounties.nodes;
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
  const create = async (params: Omit<Parameters<GuildhallSigner['createBounty']>[0], 'dao' | 'token'>) =>
    (
      await api.client.request(
        CreateBountyDocument,
        await admin.createBounty({ dao: DAO, token: token(), ...params }),
      )
    ).createBounty;
  const claim = async (by: GuildhallSigner, bountyId: string) =>
    (await api.client.request(ClaimBountyDocument, await by.claimBounty({ dao: DAO, bounty: bountyId })))
      .claimBounty;
  const submit = async (by: GuildhallSigner, bountyId: string, attestation: string) =>
    (
      await api.client.request(
        SubmitBountyWorkDocument,
        await by.submitBountyWork({ dao: DAO, bounty: bountyId, attestation }),
      )
    ).submitBountyWork;
  const review = async (by: GuildhallSigner, claimId: string, score: number) =>
    api.client.request(
      ReviewBountyWorkDocument,
      await by.reviewBountyWork({ dao: DAO, claim: claimId, score }),
    );
  const accept = async (by: GuildhallSigner, claimId: string) =>
    api.client.request(AcceptBountyWorkDocument, await by.acceptBountyWork({ dao: DAO, claim: claimId }));
  const attest = async (
    by: GuildhallSigner,
    title: string,
    extra: { kind?: 'RED_TEAMING' | 'RESEARCH'; splits?: Array<{ contributor: Address; bps: number }> } = {},
  ) =>
    (
      await api.client.request(
        SubmitAttestationDocument,
        await by.submitAttestation({
          dao: DAO,
          kind: extra.kind ?? 'RED_TEAMING',
          model: { name: 'guild-7b', version: '1.0' },
          title,
          evidence: [
            { uri: `https://artifacts.example/${encodeURIComponent(title)}`, sha256: sha256(title) },
          ],
          splits: extra.splits,
        }),
      )
    ).submitAttestation;
  /** What the Safe has left for new bounties: its balance less the open bounties' rewards (nothing else is owed here). */
  const available = async () =>
    (await balanceOf(stack.chain.stack.daoSafe)) -
    (await openBounties()).reduce((sum, open) => sum + BigInt(open.amount), 0n);

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api({ RELAYER_PRIVATE_KEY: RELAYER.privateKey });
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Bounty Guild',
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

  it('pays a two-person team on acceptance: claim, deliver, blind reviews, co-signature, one Safe payout, exactly the split', async () => {
    const AMOUNT = 1_000_001n;
    const posted = await create({
      title: 'Red-team the refusal classifier',
      amount: AMOUNT,
      kind: 'RED_TEAMING',
      deadline: new Date(Date.now() + HOUR),
      maxClaimants: 2,
      claimTtl: 3600,
      teamAllowed: true,
      minReviews: 2,
      acceptanceScore: 60,
      reviewers: [reviewer1.address, reviewer2.address, partner.address],
    });
    expect(posted).toMatchObject({
      state: 'OPEN',
      amount: AMOUNT.toString(),
      kind: 'RED_TEAMING',
      claims: [],
    });

    const claimed = await claim(lead, posted.id);
    expect(claimed.claims).toMatchObject([{ claimant: lead.address, state: 'ACTIVE' }]);
    // A second claim by the same contributor: refused, nothing written.
    expect((await rejection(claim(leadAgain, posted.id))).code).toBe('ALREADY_CLAIMED');
    expect((await bounty(posted.id)).claims).toHaveLength(1);
    const [{ id: claimId }] = claimed.claims;

    const work = await attest(lead, 'jailbreak corpus v1', {
      splits: [
        { contributor: lead.address, bps: 6_000 },
        { contributor: partner.address, bps: 4_000 },
      ],
    });
    expect(work.status).toBe('PENDING_COSIGN');
    // Someone else's attestation is not the claimant's delivery.
    expect((await rejection(submit(partner, posted.id, work.id))).code).toBe('NOT_THE_CLAIMANT');
    const submitted = await submit(lead, posted.id, work.id);
    expect(submitted.claims[0]).toMatchObject({ state: 'SUBMITTED', attestationId: work.id });

    // Self-review (a co-contributor named as reviewer) and a stranger: refused, nothing written.
    expect((await rejection(review(partner, claimId, 100))).code).toBe('SELF_REVIEW');
    expect((await rejection(review(outsider, claimId, 100))).code).toBe('NOT_A_REVIEWER');
    await review(reviewer1, claimId, 70);
    expect((await rejection(review(reviewer1, claimId, 90))).code).toBe('ALREADY_REVIEWED');
    expect((await rejection(accept(admin, claimId))).code).toBe('NOT_ENOUGH_REVIEWS');
    await review(reviewer2, claimId, 80);
    // Blind until decided: the count shows, the scores do not.
    const blind = (await bounty(posted.id)).claims[0];
    expect(blind.reviewCount).toBe(2);
    expect(blind.reviews.map((r) => [r.score, r.comment])).toEqual([
      [null, null],
      [null, null],
    ]);

    // The partner has not co-signed yet; a non-admin may not accept.
    expect((await rejection(accept(admin, claimId))).code).toBe('COSIGNATURES_MISSING');
    expect((await rejection(accept(lead, claimId))).code).toBe('NOT_A_DAO_ADMIN');
    expect((await bounty(posted.id)).state).toBe('OPEN');
    await api.client.request(
      CosignAttestationDocument,
      await partner.cosignAttestation({ dao: DAO, attestation: work.id }),
    );

    const before = {
      lead: await balanceOf(lead.address),
      partner: await balanceOf(partner.address),
      safe: await balanceOf(stack.chain.stack.daoSafe),
    };
    const acceptance = await admin.acceptBountyWork({ dao: DAO, claim: claimId });
    const { acceptBountyWork: accepted } = await api.client.request(AcceptBountyWorkDocument, acceptance);
    const acceptedAt = Date.now();
    // 1 000 001 × 60 % = 600 000.6 and × 40 % = 400 000.4: the missing unit goes to the largest remainder.
    expect(accepted.payouts.map((p) => [p.payee, p.amount]).sort()).toEqual(
      [
        [lead.address, '600001'],
        [partner.address, '400000'],
      ].sort(),
    );
    expect(accepted.claims[0]).toMatchObject({ state: 'ACCEPTED' });
    expect(accepted.claims[0].reviews.map((r) => r.score)).toEqual([70, 80]);
    // The same envelope again: the same answer, nothing written twice.
    const replayed = (await api.client.request(AcceptBountyWorkDocument, acceptance)).acceptBountyWork;
    expect(replayed.payouts).toHaveLength(2);
    // A second acceptance, a new claim, a new delivery after acceptance: refused.
    expect((await rejection(accept(adminAgain, claimId))).code).toBe('ALREADY_ACCEPTED');
    expect((await rejection(claim(partner, posted.id))).code).toBe('ALREADY_ACCEPTED');
    // Withdrawing the attestation does not swap the payees fixed at acceptance.
    await api.client.request(
      WithdrawAttestationDocument,
      await lead.withdrawAttestation({ dao: DAO, attestation: work.id }),
    );
    expect((await bounty(posted.id)).payouts.map((p) => p.payee).sort()).toEqual(
      [lead.address, partner.address].sort(),
    );

    const [payout] = await waitFor(
      openTxs,
      (txs) => txs.some((tx) => tx.origin.kind === 'BOUNTY'),
      'the bounty payout proposed',
    );
    const proposedAfterMs = Date.now() - acceptedAt;
    console.info(`bounty payout proposed to the Safe ${proposedAfterMs} ms after its acceptance`);
    expect(payout.origin.kind).toBe('BOUNTY');
    expect(payout.actions).toHaveLength(2);
    expect(payout.actions[0].humanReadable).toContain('bounty "Red-team the refusal classifier"');
    expect((await bounty(posted.id)).state).toBe('PAYING');

    const executed = await pay(payout);
    const paid = await waitFor(
      () => bounty(posted.id),
      (b) => b.state === 'PAID',
      'the bounty PAID',
    );
    for (const p of paid.payouts)
      expect(p).toMatchObject({
        status: 'PAID',
        txHash: executed.executionTxHash,
        paidBlock: executed.executionBlock,
      });
    expect((await balanceOf(lead.address)) - before.lead).toBe(600_001n);
    expect((await balanceOf(partner.address)) - before.partner).toBe(400_000n);
    expect(before.safe - (await balanceOf(stack.chain.stack.daoSafe))).toBe(AMOUNT);
    // Paid exactly once: a few more worker passes propose nothing more.
    await sleep(5_000);
    expect((await openTxs()).filter((tx) => tx.origin.kind === 'BOUNTY')).toEqual([]);
    expect((await bounty(posted.id)).payouts.every((p) => p.status === 'PAID')).toBe(true);
  });

  it('frees places: an expired claim, a rejected submission; refuses full, ineligible, past-deadline and cancelled', async () => {
    const team = await attest(lead, 'eval set draft', {
      kind: 'RESEARCH',
      splits: [
        { contributor: lead.address, bps: 5_000 },
        { contributor: partner.address, bps: 5_000 },
      ],
    });
    const others = await attest(partner, 'partner eval notes', { kind: 'RESEARCH' });
    const posted = await create({
      title: 'Curate the eval set',
      amount: 5_000n,
      deadline: new Date(Date.now() + HOUR),
      maxClaimants: 1,
      claimTtl: 2,
    });
    await claim(outsider, posted.id);
    expect((await rejection(claim(lead, posted.id))).code).toBe('CLAIMS_FULL');
    // Its TTL runs out without a delivery: shown EXPIRED, its place free.
    const expired = await waitFor(
      () => bounty(posted.id),
      (b) => b.claims[0].state === 'EXPIRED',
      'the claim expired',
      10_000,
    );
    expect(expired.claims).toHaveLength(1);
    const retaken = await claim(lead, posted.id);
    expect(retaken.claims.map((c) => [c.claimant, c.state])).toEqual([
      [outsider.address, 'EXPIRED'],
      [lead.address, 'ACTIVE'],
    ]);
    // It lives 2 s: the refusals below come before its expiry, each with nothing written.
    expect((await rejection(submit(lead, posted.id, team.id))).code).toBe('TEAM_NOT_ALLOWED');
    expect((await rejection(submit(lead, posted.id, others.id))).code).toBe('ATTESTATION_NOT_ELIGIBLE');
    expect((await bounty(posted.id)).claims[1]).toMatchObject({ state: 'ACTIVE', attestationId: null });

    const post2 = await create({
      title: 'Curate the eval set, take two',
      amount: 5_000n,
      deadline: new Date(Date.now() + HOUR),
      claimTtl: 3600,
    });
    await claim(lead, post2.id);
    const own = await attest(lead, 'eval set final', { kind: 'RESEARCH' });
    const delivered = await submit(lead, post2.id, own.id);
    const rejected = (
      await api.client.request(
        RejectBountyWorkDocument,
        await admin.rejectBountyWork({
          dao: DAO,
          claim: delivered.claims[0].id,
          reason: 'labels are missing',
        }),
      )
    ).rejectBountyWork;
    expect(rejected.claims[0]).toMatchObject({ state: 'REJECTED', rejectReason: 'labels are missing' });
    expect(rejected.state).toBe('OPEN');
    // The rejection freed the claim: its claimant may claim again.
    expect((await claim(leadAgain, post2.id)).claims.map((c) => c.state)).toEqual(['REJECTED', 'ACTIVE']);

    // Cancelled: its reservation is released, and it takes no more claims.
    const availableBefore = await available();
    const cancelled = (
      await api.client.request(
        CancelBountyDocument,
        await admin.cancelBounty({ dao: DAO, bounty: posted.id }),
      )
    ).cancelBounty;
    expect(cancelled.state).toBe('CANCELLED');
    expect(cancelled.claims.map((c) => c.state)).not.toContain('ACTIVE');
    expect(await available()).toBe(availableBefore + 5_000n);
    expect((await rejection(claim(partner, posted.id))).code).toBe('BOUNTY_CLOSED');
    expect(
      (
        await rejection(
          api.client.request(
            CancelBountyDocument,
            await adminAgain.cancelBounty({ dao: DAO, bounty: posted.id }),
          ),
        )
      ).code,
    ).toBe('BOUNTY_CLOSED');

    // Past its deadline, a bounty takes no claim.
    const soon = await create({
      title: 'Quick fix',
      amount: 1n,
      deadline: new Date(Date.now() + 2_000),
      claimTtl: 60,
    });
    await sleep(2_500);
    expect((await rejection(claim(partner, soon.id))).code).toBe('BOUNTY_PAST_DEADLINE');
    expect((await bounty(soon.id)).claims).toEqual([]);
  });

  it('reserves the reward: refused (INSUFFICIENT_TREASURY_FUNDS) beyond what the Safe covers besides what the DAO owes, one of two concurrent reservations of the same funds', async () => {
    for (const open of await openBounties())
      await api.client.request(CancelBountyDocument, await admin.cancelBounty({ dao: DAO, bounty: open.id }));
    const free = await available();
    expect(free).toBe(await balanceOf(stack.chain.stack.daoSafe));
    const count = async () => (await openBounties()).length;

    const tooMuch = await rejection(
      create({ title: 'Too much', amount: free + 1n, deadline: new Date(Date.now() + HOUR), claimTtl: 60 }),
    );
    expect(tooMuch.code).toBe('INSUFFICIENT_TREASURY_FUNDS');
    expect(await count()).toBe(0);

    // Two reservations of the same funds at once: exactly one passes.
    const racing = await Promise.allSettled(
      ['Race A', 'Race B'].map((title) =>
        create({ title, amount: free, deadline: new Date(Date.now() + HOUR), claimTtl: 60 }),
      ),
    );
    expect(racing.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = racing.find((outcome) => outcome.status === 'rejected')!;
    expect((lost.reason as { code: string }).code).toBe('INSUFFICIENT_TREASURY_FUNDS');
    const [won] = await openBounties();
    expect(await count()).toBe(1);
    expect(
      (
        await rejection(
          create({ title: 'One more', amount: 1n, deadline: new Date(Date.now() + HOUR), claimTtl: 60 }),
        )
      ).code,
    ).toBe('INSUFFICIENT_TREASURY_FUNDS');

    // Cancelling it releases the reservation.
    await api.client.request(CancelBountyDocument, await admin.cancelBounty({ dao: DAO, bounty: won.id }));
    const small = await create({
      title: 'One more',
      amount: 1n,
      deadline: new Date(Date.now() + HOUR),
      claimTtl: 60,
    });
    expect(small.state).toBe('OPEN');

    // What the DAO owes through the other sources counts too: a revenue share's unpaid allocations…
    const { recordRevenue } = await api.client.request(
      RecordRevenueDocument,
      await admin.recordRevenue({
        dao: DAO,
        token: token(),
        amount: 250_000n,
        periodStart: new Date('2026-10-01T00:00:00Z'),
        periodEnd: new Date('2026-11-01T00:00:00Z'),
        reference: 'invoice 1',
      }),
    );
    const { createRevenueShare: share } = await api.client.request(
      CreateRevenueShareDocument,
      await admin.createRevenueShare({ dao: DAO, revenue: recordRevenue.id }),
    );
    expect(BigInt(share.allocated)).toBeGreaterThan(0n);
    // And a finalized round's unpaid tranches.
    const { round } = await finalizedRound(api.client, {
      dao: DAO,
      admin,
      token: token(),
      budget: 50_000_000n,
      contributors: [
        { signer: lead, kind: 'FINE_TUNING' },
        { signer: partner, kind: 'SAFETY_EVALUATION' },
      ],
      reviewers: [reviewer1, reviewer2],
    });
    expect(BigInt(round.allocated!)).toBeGreaterThan(0n);
    const left = (await available()) - BigInt(share.allocated) - BigInt(round.allocated!);
    const over = await rejection(
      create({
        title: 'Over what is owed',
        amount: left + 1n,
        deadline: new Date(Date.now() + HOUR),
        claimTtl: 60,
      }),
    );
    expect(over.code).toBe('INSUFFICIENT_TREASURY_FUNDS');
    expect(
      (
        await create({
          title: 'Beside what is owed',
          amount: left,
          deadline: new Date(Date.now() + HOUR),
          claimTtl: 60,
        })
      ).state,
    ).toBe('OPEN');
  });
});

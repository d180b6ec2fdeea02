import { AttestationService } from '@guildhall/contributions';
import { BountyService, type Bounty } from '@guildhall/bounties';
import { DaoService } from '@guildhall/dao';
import { RewardsModule } from '@guildhall/rewards';
import { TreasuryModule } from '@guildhall/treasury';
import type { PayablesTx } from '@guildhall/treasury/payables';
import { BountiesModule } from '@guildhall/bounties';
import { DataSource } from 'typeorm';
import type { Address, LocalAccount } from 'viem';
// Deep imports: services and sources these libs keep to their modules.
import { ContributorService } from '../../libs/contributions/src/domain/contributor.service.js';
import { BountyPayable } from '../../libs/bounties/src/domain/bounty.payable.js';
import { devAccount, sha256 } from '../support/actors.js';
import { createStubDao, stubChainWithStack, stubStack } from '../support/service-dao.js';
import { ServiceHarness } from '../support/service-harness.js';
import { signedInput } from '../support/signed-input.js';

const DAO = 'bounty-guild';
const admin = devAccount(5);
const [lead, partner, outsider] = [devAccount(6), devAccount(7), devAccount(8)];
const reviewers = [devAccount(1), devAccount(2)];
/** What a bounty's writes may touch: a refusal must leave every one as it was. */
const WRITTEN = ['bounty', 'bounty_claim', 'bounty_review', 'bounty_payout', 'signed_message'] as const;
const SAFE_BALANCE = 10_000_000n;
const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));

/**
 * Bounty transitions, one rule per test, on PostgreSQL with the real bounty, contributions and
 * treasury providers and a stub chain (the Safe holds 10 USDG): what each write moves, what each
 * refusal leaves untouched. The stories (paid on-chain, a team split, a worker stopped before the
 * proposal) are e2e.
 */
describe('Bounties (service tier: PostgreSQL, stub chain)', () => {
  let harness: ServiceHarness;
  let bounties: BountyService;
  let seq = 0;

  const refused = async (attempt: () => Promise<unknown>, code: string) => {
    const before = await harness.counts(...WRITTEN);
    await expect(attempt()).rejects.toMatchObject({ code });
    expect(await harness.counts(...WRITTEN)).toEqual(before);
  };

  const post = async (changes: { amount?: bigint; teamAllowed?: boolean; minReviews?: number } = {}) =>
    bounties.create(
      await signedInput(admin, 'CreateBounty', {
        dao: DAO,
        title: `Red-team the refusal filter ${++seq}`,
        description: 'Find prompts that get past it',
        token: stubStack.payoutToken,
        amount: changes.amount ?? 1_000n,
        kind: '',
        deadline: nowSeconds() + 86_400n,
        maxClaimants: 2,
        claimTtl: 3_600n,
        teamAllowed: changes.teamAllowed ?? true,
        minReviews: changes.minReviews ?? 2,
        acceptanceScore: 60,
        reviewers: [],
      }),
    );
  /** `timestamp` apart: the same fields signed in the same second are the same envelope, a replay. */
  const claim = async (by: LocalAccount, bounty: Bounty, timestamp?: bigint) =>
    bounties.claim(await signedInput(by, 'ClaimBounty', { dao: DAO, bounty: bounty.id }, { timestamp }));
  const attest = async (by: LocalAccount, splits: Array<{ contributor: Address; bps: number }> = []) =>
    harness.get(AttestationService).submit(
      await signedInput(by, 'SubmitAttestation', {
        dao: DAO,
        round: '',
        kind: 'RED_TEAMING',
        model: { name: 'guild-7b', version: '1.0', base: '' },
        title: `jailbreaks ${++seq}`,
        summary: '',
        evidence: [{ uri: `https://artifacts.example/${seq}`, sha256: sha256(`evidence ${seq}`) }],
        metrics: [],
        splits,
        references: [],
      }),
    );
  const submit = async (by: LocalAccount, bounty: Bounty, attestation: string) =>
    bounties.submit(await signedInput(by, 'SubmitBountyWork', { dao: DAO, bounty: bounty.id, attestation }));
  const review = async (by: LocalAccount, claimId: string, score: number) =>
    bounties.review(
      await signedInput(by, 'ReviewBountyWork', { dao: DAO, claim: claimId, score, comment: '' }),
    );
  const accept = async (claimId: string, by: LocalAccount = admin, timestamp?: bigint) =>
    bounties.accept(await signedInput(by, 'AcceptBountyWork', { dao: DAO, claim: claimId }, { timestamp }));
  const claimOf = async (bounty: Bounty, claimant: LocalAccount) => {
    const found = (await bounties.claims(bounty.id)).find((c) => c.claimant === claimant.address);
    if (found === undefined) throw new Error(`no claim of ${claimant.address} on ${bounty.id}`);
    return found;
  };
  /** A bounty with `lead`'s solo work submitted and scored by both reviewers: ready to accept. */
  const submittedAndReviewed = async (score = 80) => {
    const bounty = await post();
    await claim(lead, bounty);
    await submit(lead, bounty, (await attest(lead)).id);
    const { id } = await claimOf(bounty, lead);
    for (const reviewer of reviewers) await review(reviewer, id, score);
    return { bounty, claimId: id };
  };

  beforeAll(async () => {
    const chain = stubChainWithStack().setBalance(stubStack.payoutToken, stubStack.safe, SAFE_BALANCE);
    harness = await ServiceHarness.start([TreasuryModule, RewardsModule, BountiesModule], chain);
    bounties = harness.get(BountyService);
    await createStubDao(harness.get(DaoService), admin, DAO);
    await harness
      .get(ContributorService)
      .setReviewers(
        await signedInput(admin, 'SetReviewers', { dao: DAO, reviewers: reviewers.map((r) => r.address) }),
      );
  });

  afterAll(() => harness?.close());

  describe('posting', () => {
    it('posts an OPEN bounty whose reward is reserved against the Safe', async () => {
      const bounty = await post({ amount: 2_000n });
      expect(bounty).toMatchObject({ state: 'OPEN', amount: 2_000n, createdBy: admin.address });
    });

    it('refuses a reward the Safe cannot cover besides the open bounties (INSUFFICIENT_TREASURY_FUNDS)', async () => {
      await refused(() => post({ amount: SAFE_BALANCE }), 'INSUFFICIENT_TREASURY_FUNDS');
    });

    it('refuses a non-admin (NOT_A_DAO_ADMIN)', async () => {
      await refused(
        async () =>
          bounties.create(
            await signedInput(outsider, 'CreateBounty', {
              dao: DAO,
              title: 'Not mine to post',
              description: '',
              token: stubStack.payoutToken,
              amount: 1n,
              kind: '',
              deadline: nowSeconds() + 86_400n,
              maxClaimants: 1,
              claimTtl: 3_600n,
              teamAllowed: false,
              minReviews: 0,
              acceptanceScore: 0,
              reviewers: [],
            }),
          ),
        'NOT_A_DAO_ADMIN',
      );
    });
  });

  describe('claims', () => {
    it('gives a contributor one place, ACTIVE until its TTL', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      const mine = await claimOf(bounty, lead);
      expect(mine.state).toBe('ACTIVE');
      expect(mine.expiresAt.getTime() - Date.now()).toBeGreaterThan(3_500_000);
    });

    it('refuses a second claim by the same contributor (ALREADY_CLAIMED)', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      await refused(() => claim(lead, bounty, nowSeconds() - 5n), 'ALREADY_CLAIMED');
    });

    it('refuses a claim beyond maxClaimants (CLAIMS_FULL)', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      await claim(partner, bounty);
      await refused(() => claim(outsider, bounty), 'CLAIMS_FULL');
    });

    it('refuses a claim on a cancelled bounty (BOUNTY_CLOSED)', async () => {
      const bounty = await post();
      await bounties.cancel(
        await signedInput(admin, 'CancelBounty', { dao: DAO, bounty: bounty.id, reason: 'done' }),
      );
      await refused(() => claim(lead, bounty), 'BOUNTY_CLOSED');
    });
  });

  describe('delivery and review', () => {
    it('moves the claim to SUBMITTED with the attestation', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      const work = await attest(lead);
      await submit(lead, bounty, work.id);
      expect(await claimOf(bounty, lead)).toMatchObject({ state: 'SUBMITTED', attestationId: work.id });
    });

    it('refuses work from someone holding no claim (NOT_THE_CLAIMANT)', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      const work = await attest(partner);
      await refused(() => submit(partner, bounty, work.id), 'NOT_THE_CLAIMANT');
    });

    it('refuses another contributor’s attestation (ATTESTATION_NOT_ELIGIBLE)', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      const theirs = await attest(partner);
      await refused(() => submit(lead, bounty, theirs.id), 'ATTESTATION_NOT_ELIGIBLE');
    });

    it('refuses team work on a solo bounty (TEAM_NOT_ALLOWED)', async () => {
      const bounty = await post({ teamAllowed: false });
      await claim(lead, bounty);
      const team = await attest(lead, [
        { contributor: lead.address, bps: 6_000 },
        { contributor: partner.address, bps: 4_000 },
      ]);
      await refused(() => submit(lead, bounty, team.id), 'TEAM_NOT_ALLOWED');
    });

    it('refuses a review by a co-contributor of the work (SELF_REVIEW)', async () => {
      const bounty = await post();
      await claim(reviewers[0], bounty);
      await submit(reviewers[0], bounty, (await attest(reviewers[0])).id);
      const { id } = await claimOf(bounty, reviewers[0]);
      await refused(() => review(reviewers[0], id, 100), 'SELF_REVIEW');
    });

    it('refuses a review by someone who is not a reviewer (NOT_A_REVIEWER)', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      await submit(lead, bounty, (await attest(lead)).id);
      const { id } = await claimOf(bounty, lead);
      await refused(() => review(outsider, id, 100), 'NOT_A_REVIEWER');
    });

    it('refuses a second review by the same reviewer (ALREADY_REVIEWED)', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      await submit(lead, bounty, (await attest(lead)).id);
      const { id } = await claimOf(bounty, lead);
      await review(reviewers[0], id, 70);
      await refused(() => review(reviewers[0], id, 90), 'ALREADY_REVIEWED');
    });
  });

  describe('decisions', () => {
    it('refuses acceptance before minReviews are in (NOT_ENOUGH_REVIEWS)', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      await submit(lead, bounty, (await attest(lead)).id);
      const { id } = await claimOf(bounty, lead);
      await review(reviewers[0], id, 90);
      await refused(() => accept(id), 'NOT_ENOUGH_REVIEWS');
    });

    it('refuses acceptance when the median is below the acceptance score (SCORE_TOO_LOW)', async () => {
      const { claimId } = await submittedAndReviewed(40);
      await refused(() => accept(claimId), 'SCORE_TOO_LOW');
    });

    it('refuses acceptance by a non-admin (NOT_A_DAO_ADMIN)', async () => {
      const { claimId } = await submittedAndReviewed();
      await refused(() => accept(claimId, lead), 'NOT_A_DAO_ADMIN');
    });

    it('accepts: the bounty ACCEPTED, the claim ACCEPTED, the reward due at once to the claimant', async () => {
      const { bounty, claimId } = await submittedAndReviewed();
      expect(await accept(claimId)).toMatchObject({ state: 'ACCEPTED' });
      expect(await claimOf(bounty, lead)).toMatchObject({ state: 'ACCEPTED' });
      const due = await harness.get(DataSource).transaction((manager) => {
        const tx: PayablesTx = { manager, afterCommit: () => undefined };
        return harness.get(BountyPayable).due(bounty.daoId, tx);
      });
      expect(due.filter((obligation) => obligation.description.includes(bounty.title))).toEqual([
        expect.objectContaining({ payee: lead.address, amount: 1_000n, subject: null }),
      ]);
    });

    it('refuses a second acceptance (ALREADY_ACCEPTED), the payouts unchanged', async () => {
      const { bounty, claimId } = await submittedAndReviewed();
      await accept(claimId);
      const payouts = await bounties.payouts(bounty.id);
      await refused(() => accept(claimId, admin, nowSeconds() - 5n), 'ALREADY_ACCEPTED');
      expect(await bounties.payouts(bounty.id)).toEqual(payouts);
    });

    it('keeps the payees fixed at acceptance when the attestation is withdrawn afterwards', async () => {
      const { bounty, claimId } = await submittedAndReviewed();
      await accept(claimId);
      const payouts = await bounties.payouts(bounty.id);
      const { attestationId } = await claimOf(bounty, lead);
      await harness
        .get(AttestationService)
        .withdraw(
          await signedInput(lead, 'WithdrawAttestation', { dao: DAO, attestation: attestationId ?? '' }),
        );
      expect(await bounties.payouts(bounty.id)).toEqual(payouts);
    });

    it('rejects with a reason: the claim REJECTED and the place free for another claimant', async () => {
      const bounty = await post();
      await claim(lead, bounty);
      await claim(partner, bounty);
      await submit(lead, bounty, (await attest(lead)).id);
      const { id } = await claimOf(bounty, lead);
      await bounties.reject(
        await signedInput(admin, 'RejectBountyWork', { dao: DAO, claim: id, reason: 'not reproducible' }),
      );
      expect(await claimOf(bounty, lead)).toMatchObject({ state: 'REJECTED' });
      await claim(outsider, bounty);
      expect((await claimOf(bounty, outsider)).state).toBe('ACTIVE');
    });

    it('refuses to cancel a bounty whose work was accepted (ALREADY_ACCEPTED)', async () => {
      const { bounty, claimId } = await submittedAndReviewed();
      await accept(claimId);
      await refused(
        async () =>
          bounties.cancel(
            await signedInput(admin, 'CancelBounty', { dao: DAO, bounty: bounty.id, reason: 'late' }),
          ),
        'ALREADY_ACCEPTED',
      );
    });

    it('releases the reservation on cancel: the same reward fits again', async () => {
      const open = (await bounties.list(DAO, 'OPEN', { first: 100 })).nodes.reduce(
        (sum, b) => sum + b.amount,
        0n,
      );
      const accepted = (await bounties.list(DAO, 'ACCEPTED', { first: 100 })).nodes.reduce(
        (sum, b) => sum + b.amount,
        0n,
      );
      const big = await post({ amount: SAFE_BALANCE - open - accepted });
      await refused(() => post({ amount: 1n }), 'INSUFFICIENT_TREASURY_FUNDS');
      await bounties.cancel(
        await signedInput(admin, 'CancelBounty', { dao: DAO, bounty: big.id, reason: 'replanned' }),
      );
      expect((await post({ amount: 1n })).state).toBe('OPEN');
    });
  });
});

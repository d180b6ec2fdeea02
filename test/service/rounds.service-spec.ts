import { DaoService } from '@guildhall/dao';
import { RewardsModule, RoundService } from '@guildhall/rewards';
import { devAccount } from '../support/actors.js';
import { roundTimePasses } from '../support/round-time.js';
import { createStubDao, stubChainWithStack, stubStack } from '../support/service-dao.js';
import { ServiceHarness } from '../support/service-harness.js';
import { signedInput } from '../support/signed-input.js';

const DAO = 'round-rules';
const admin = devAccount(5);
const contributor = devAccount(6);
const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));
/** What a refusal must leave as it was: no round, no message in the audit log. */
const WRITTEN = ['reward_round', 'signed_message'] as const;

/** A valid CreateRound message's fields: submissions open, closing in an hour, reviews an hour later. */
const roundFields = (changes: Partial<Parameters<RoundService['create']>[0]> = {}) => {
  const now = nowSeconds();
  return {
    dao: DAO,
    name: 'Round 1',
    token: stubStack.payoutToken,
    budget: 1_000_000_000n,
    submissionsOpenAt: now - 1n,
    submissionsCloseAt: now + 3_600n,
    reviewDeadline: now + 7_200n,
    snapshotBlock: 0n,
    engine: 'YUMA',
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
    reviewerShareBps: 1_000,
    pools: [
      { kind: 'FINE_TUNING', shareBps: 5_000, floorBps: 0 },
      { kind: 'SAFETY_EVALUATION', shareBps: 5_000, floorBps: 0 },
    ],
    contributorCapBps: 0,
    minPayout: 0n,
    vesting: { cliff: 0n, duration: 0n, interval: 0n },
    minReviews: 1,
    acceptanceScore: 50,
    ...changes,
  };
};

describe('Round rules (service tier: RoundService on PostgreSQL, stub chain)', () => {
  let harness: ServiceHarness;
  let rounds: RoundService;

  const create = async (changes: Parameters<typeof roundFields>[0] = {}, signer = admin) =>
    rounds.create(await signedInput(signer, 'CreateRound', roundFields(changes)));
  const finalize = async (round: string, signer = admin, timestamp = nowSeconds()) =>
    rounds.finalizeBySignature(
      await signedInput(signer, 'FinalizeRound', { dao: DAO, round }, { timestamp }),
    );
  const cancel = async (round: string, signer = admin, reason = 'Budget moved.', timestamp = nowSeconds()) =>
    rounds.cancel(await signedInput(signer, 'CancelRound', { dao: DAO, round, reason }, { timestamp }));
  const minutesLater = (round: string, minutes: number) =>
    roundTimePasses(harness.database.dataSource, round, minutes);
  /** A round of `roundFields`'s phases an hour past its review deadline. */
  const pastDeadline = (round: string) => minutesLater(round, 180);
  /** `attempt` fails with `code` and writes nothing. */
  const refused = async (attempt: () => Promise<unknown>, code: string) => {
    const before = await harness.counts(...WRITTEN);
    await expect(attempt()).rejects.toMatchObject({ code });
    expect(await harness.counts(...WRITTEN)).toEqual(before);
  };

  beforeAll(async () => {
    harness = await ServiceHarness.start([RewardsModule], stubChainWithStack());
    rounds = harness.get(RoundService);
    await createStubDao(harness.get(DaoService), admin, DAO);
  });

  afterAll(() => harness?.close());

  describe('create', () => {
    it('opens a round whose submissions have opened, at the latest block when the snapshot is 0', async () => {
      harness.chain.block = 4_321n;
      const round = await create();
      expect(round).toMatchObject({ state: 'OPEN', snapshotBlock: 4_321n, budget: 1_000_000_000n });
    });

    it('keeps a round whose submissions open later in DRAFT', async () => {
      expect((await create({ submissionsOpenAt: nowSeconds() + 60n })).state).toBe('DRAFT');
    });

    it('answers the same envelope again with the same round, written once', async () => {
      const signed = await signedInput(admin, 'CreateRound', roundFields({ name: 'Replayed' }));
      const first = await rounds.create(signed);
      const before = await harness.counts(...WRITTEN);
      expect((await rounds.create(signed)).id).toBe(first.id);
      expect(await harness.counts(...WRITTEN)).toEqual(before);
    });

    it.each([
      ['a zero budget', 'ZERO_BUDGET', { budget: 0n }],
      [
        'pools short of 10,000 bps',
        'POOLS_NOT_10000_BPS',
        { pools: [{ kind: 'FINE_TUNING', shareBps: 9_000, floorBps: 0 }] },
      ],
      [
        'a floor above 10,000 bps',
        'INVALID_BPS',
        { pools: [{ kind: 'FINE_TUNING', shareBps: 10_000, floorBps: 10_001 }] },
      ],
      [
        'a floor above its pool’s share',
        'FLOOR_ABOVE_POOL',
        {
          pools: [
            { kind: 'FINE_TUNING', shareBps: 8_000, floorBps: 0 },
            { kind: 'SAFETY_EVALUATION', shareBps: 2_000, floorBps: 2_500 },
          ],
        },
      ],
      ['an unknown kind', 'INVALID_ROUND', { pools: [{ kind: 'POETRY', shareBps: 10_000, floorBps: 0 }] }],
      [
        'a kind twice',
        'INVALID_ROUND',
        {
          pools: [
            { kind: 'FINE_TUNING', shareBps: 5_000, floorBps: 0 },
            { kind: 'FINE_TUNING', shareBps: 5_000, floorBps: 0 },
          ],
        },
      ],
      ['an unknown engine', 'INVALID_ROUND', { engine: 'VIBES' }],
      ['no review required', 'INVALID_ROUND', { minReviews: 0 }],
      ['an acceptance score above 100', 'INVALID_ROUND', { acceptanceScore: 101 }],
      [
        'a vesting duration with no interval',
        'INVALID_ROUND',
        { vesting: { cliff: 0n, duration: 3_600n, interval: 0n } },
      ],
      [
        'a vesting interval above its duration',
        'INVALID_ROUND',
        { vesting: { cliff: 0n, duration: 60n, interval: 120n } },
      ],
      [
        'a cliff beyond ten years',
        'INVALID_ROUND',
        { vesting: { cliff: 400_000_000n, duration: 0n, interval: 0n } },
      ],
      ['liquid alpha low above high', 'INVALID_ROUND', { yuma: { ...roundFields().yuma, alphaLow: '0.95' } }],
      ['a bidi isolate in the name', 'INVALID_NAME', { name: 'Round \u2067 1' }],
      ['a zero-width space in the name', 'INVALID_NAME', { name: 'Round\u200b1' }],
    ] as const)('refuses %s (%s)', (_rule, code, changes) => refused(() => create(changes), code));

    it('refuses phases out of order (PHASES_OUT_OF_ORDER)', () =>
      refused(
        () => create({ submissionsCloseAt: nowSeconds() + 60n, reviewDeadline: nowSeconds() + 30n }),
        'PHASES_OUT_OF_ORDER',
      ));

    it('refuses submissions that closed already (PHASE_IN_THE_PAST)', () =>
      refused(
        () =>
          create({
            submissionsOpenAt: nowSeconds() - 60n,
            submissionsCloseAt: nowSeconds() - 30n,
            reviewDeadline: nowSeconds() + 30n,
          }),
        'PHASE_IN_THE_PAST',
      ));

    it('refuses a token the chain does not know as an ERC20 (UNKNOWN_TOKEN)', () =>
      refused(() => create({ token: stubStack.safe }), 'UNKNOWN_TOKEN'));

    it('refuses a snapshot block after the latest block (INVALID_ROUND)', () => {
      harness.chain.block = 100n;
      return refused(() => create({ snapshotBlock: 101n }), 'INVALID_ROUND');
    });

    it('refuses a signer who is not an admin of the DAO (NOT_A_DAO_ADMIN)', () =>
      refused(() => create({ name: 'Mine' }, contributor), 'NOT_A_DAO_ADMIN'));

    it('refuses a message whose signature is not its signer’s (INVALID_SIGNATURE)', async () => {
      const forged = await signedInput(contributor, 'CreateRound', roundFields({ name: 'Forged' }));
      await refused(() => rounds.create({ ...forged, from: admin.address }), 'INVALID_SIGNATURE');
    });
  });

  describe('phases', () => {
    it('leaves a round in its state while no phase has passed', async () => {
      const round = await create({ name: 'Waiting', submissionsOpenAt: nowSeconds() + 600n });
      await rounds.advance(round.id);
      expect((await rounds.byId(round.id)).state).toBe('DRAFT');
    });

    it('opens a draft round once its submissions open', async () => {
      const round = await create({ name: 'Opening', submissionsOpenAt: nowSeconds() + 600n });
      await minutesLater(round.id, 30);
      await rounds.advance(round.id);
      expect((await rounds.byId(round.id)).state).toBe('OPEN');
    });

    it('moves an open round to review once its submissions close', async () => {
      const round = await create({ name: 'Closing' });
      await minutesLater(round.id, 90);
      await rounds.advance(round.id);
      expect((await rounds.byId(round.id)).state).toBe('REVIEWING');
    });

    it('catches up through every phase that passed: a draft round past its deadline is finalized', async () => {
      const round = await create({ name: 'Catching up', submissionsOpenAt: nowSeconds() + 600n });
      await minutesLater(round.id, 180);
      await rounds.advance(round.id);
      expect((await rounds.byId(round.id)).state).toBe('FINALIZED');
    });
  });

  describe('finalize and cancel', () => {
    it('refuses to finalize before the review deadline (ROUND_NOT_DUE)', async () => {
      const round = await create({ name: 'Not due' });
      await refused(() => finalize(round.id), 'ROUND_NOT_DUE');
      expect((await rounds.byId(round.id)).state).toBe('OPEN');
    });

    it('refuses a finalization by a signer who is not an admin (NOT_A_DAO_ADMIN)', async () => {
      const round = await create({ name: 'Finalized by whom' });
      await pastDeadline(round.id);
      await refused(() => finalize(round.id, contributor), 'NOT_A_DAO_ADMIN');
    });

    it('finalizes after the deadline, flagged underfunded when the Safe holds less than the budget', async () => {
      const round = await create({ name: 'Underfunded' });
      await pastDeadline(round.id);
      harness.chain.setBalance(stubStack.payoutToken, stubStack.safe, 999_999_999n);
      expect(await finalize(round.id)).toMatchObject({
        state: 'FINALIZED',
        underfunded: true,
        allocated: 0n,
        unallocated: 1_000_000_000n,
      });
    });

    it('finalizes a funded round, not flagged', async () => {
      const round = await create({ name: 'Funded' });
      await pastDeadline(round.id);
      harness.chain.setBalance(stubStack.payoutToken, stubStack.safe, 1_000_000_000n);
      expect(await finalize(round.id)).toMatchObject({ state: 'FINALIZED', underfunded: false });
    });

    it('finalizing a finalized round again changes nothing but the audit log', async () => {
      const round = await create({ name: 'Twice' });
      await pastDeadline(round.id);
      const first = await finalize(round.id);
      const again = await finalize(round.id, admin, nowSeconds() + 1n);
      expect(again).toEqual(first);
    });

    it('refuses to cancel a finalized round (ROUND_NOT_CANCELABLE)', async () => {
      const round = await create({ name: 'Frozen' });
      await pastDeadline(round.id);
      await finalize(round.id);
      await refused(() => cancel(round.id), 'ROUND_NOT_CANCELABLE');
    });

    it('refuses a cancellation by a signer who is not an admin (NOT_A_DAO_ADMIN)', async () => {
      const round = await create({ name: 'Canceled by whom' });
      await refused(() => cancel(round.id, contributor, 'Mine.'), 'NOT_A_DAO_ADMIN');
      expect((await rounds.byId(round.id)).state).toBe('OPEN');
    });

    it('refuses a cancellation without a reason (INVALID_ROUND)', async () => {
      const round = await create({ name: 'No reason' });
      await refused(() => cancel(round.id, admin, ' '), 'INVALID_ROUND');
    });

    it('cancels an open round; canceling again is a no-op', async () => {
      const round = await create({ name: 'To cancel' });
      expect((await cancel(round.id)).state).toBe('CANCELED');
      expect((await cancel(round.id, admin, 'Again.', nowSeconds() + 1n)).state).toBe('CANCELED');
    });

    it('refuses to finalize a canceled round (ROUND_CANCELED)', async () => {
      const round = await create({ name: 'Canceled, then finalized' });
      await cancel(round.id);
      await pastDeadline(round.id);
      await refused(() => finalize(round.id), 'ROUND_CANCELED');
    });

    it('refuses a round of another DAO (ROUND_NOT_FOUND)', async () => {
      const round = await create({ name: 'Elsewhere' });
      await createStubDao(harness.get(DaoService), admin, 'other-guild');
      await refused(
        async () =>
          rounds.finalizeBySignature(
            await signedInput(admin, 'FinalizeRound', { dao: 'other-guild', round: round.id }),
          ),
        'ROUND_NOT_FOUND',
      );
    });
  });
});

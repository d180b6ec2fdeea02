import { DaoModule, DaoService, type VotingConfig } from '@guildhall/dao';
import { getAddress } from 'viem';
import { devAccount, permissiveRules } from '../support/actors.js';
import { createStubDao, stubChainWithStack, stubStack } from '../support/service-dao.js';
import { ServiceHarness } from '../support/service-harness.js';
import { signedDaoInput, signedInput } from '../support/signed-input.js';

const alice = devAccount(5);
const bob = devAccount(6);
const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));
/** What a refusal must leave as it was: no DAO, no admin, no message in the audit log. */
const WRITTEN = ['dao', 'dao_admin', 'signed_message'] as const;

const rules: VotingConfig = {
  ...permissiveRules,
  proposalThreshold: 10n ** 18n,
  quorumKind: 'SUPPLY_BPS',
  quorum: 400n,
  supermajorityBps: 6_000,
  voteTypes: ['basic', 'ranked-choice'],
};

describe('DAO rules (service tier: DaoService on PostgreSQL, stub chain)', () => {
  let harness: ServiceHarness;
  let daos: DaoService;

  const createFields = (changes: Partial<Parameters<DaoService['create']>[0]> = {}) => ({
    dao: 'fresh-guild',
    name: 'Fresh Guild',
    governanceToken: stubStack.governanceToken,
    safe: stubStack.safe,
    config: rules,
    ...changes,
  });
  /** `attempt` fails with `code` and writes nothing. */
  const refused = async (attempt: () => Promise<unknown>, code: string) => {
    const before = await harness.counts(...WRITTEN);
    await expect(attempt()).rejects.toMatchObject({ code });
    expect(await harness.counts(...WRITTEN)).toEqual(before);
  };

  beforeAll(async () => {
    harness = await ServiceHarness.start([DaoModule], stubChainWithStack());
    daos = harness.get(DaoService);
    await createStubDao(daos, alice, 'model-guild');
  });

  afterAll(() => harness?.close());

  describe('createDao', () => {
    it('creates a DAO whose signer is its first admin, with the signed rules', async () => {
      const dao = await daos.create(
        await signedDaoInput(alice, 'CreateDao', createFields({ dao: 'new-guild' })),
      );
      expect(dao).toMatchObject({ slug: 'new-guild', quorumKind: 'SUPPLY_BPS', quorum: 400n });
      expect(await daos.admins(dao.id)).toEqual([alice.address]);
    });

    it('answers the same envelope again with the same DAO, written once', async () => {
      const signed = await signedDaoInput(alice, 'CreateDao', createFields({ dao: 'replayed-guild' }));
      const first = await daos.create(signed);
      const before = await harness.counts(...WRITTEN);
      expect((await daos.create(signed)).id).toBe(first.id);
      expect(await harness.counts(...WRITTEN)).toEqual(before);
    });

    it('refuses a governance token that is not ERC20Votes (NOT_AN_ERC20_VOTES_TOKEN)', async () => {
      const signed = await signedDaoInput(
        alice,
        'CreateDao',
        createFields({ governanceToken: stubStack.payoutToken }),
      );
      await refused(() => daos.create(signed), 'NOT_AN_ERC20_VOTES_TOKEN');
    });

    it('refuses a Safe that is not a Safe (NOT_A_SAFE)', async () => {
      const signed = await signedDaoInput(alice, 'CreateDao', createFields({ safe: alice.address }));
      await refused(() => daos.create(signed), 'NOT_A_SAFE');
    });

    it('refuses a slug already taken (DAO_SLUG_TAKEN)', async () => {
      const signed = await signedDaoInput(alice, 'CreateDao', createFields({ dao: 'model-guild' }));
      await refused(() => daos.create(signed), 'DAO_SLUG_TAKEN');
    });

    it.each([
      ['a voting period under a minute', { config: { ...rules, votingPeriod: 4 } }],
      ['a slug with capitals and spaces', { dao: 'Not A Slug' }],
      ['a slug with a zero-width space', { dao: 'bad\u200bguild' }],
    ])('refuses %s (INVALID_VOTING_CONFIG)', async (_rule, changes) => {
      const signed = await signedDaoInput(alice, 'CreateDao', createFields(changes));
      await refused(() => daos.create(signed), 'INVALID_VOTING_CONFIG');
    });

    it.each(['Bad \u202eDAO', 'Bad\u2066 DAO', 'Bad\u200bDAO', 'Bad\ufeff', 'Bad\u001b[2KDAO', 'Bad\nDAO'])(
      'refuses the name %j (INVALID_NAME)',
      async (name) => {
        const signed = await signedDaoInput(alice, 'CreateDao', createFields({ name }));
        await refused(() => daos.create(signed), 'INVALID_NAME');
      },
    );

    it('refuses a message signed by someone else than its `from` (INVALID_SIGNATURE)', async () => {
      const forged = await signedDaoInput(bob, 'CreateDao', createFields());
      await refused(() => daos.create({ ...forged, from: alice.address }), 'INVALID_SIGNATURE');
    });

    it('refuses a message signed for another chain (INVALID_SIGNATURE)', async () => {
      const signed = await signedDaoInput(alice, 'CreateDao', createFields(), { chainId: 1 });
      await refused(() => daos.create(signed), 'INVALID_SIGNATURE');
    });

    it('refuses a message changed after signing (INVALID_SIGNATURE)', async () => {
      const signed = await signedDaoInput(alice, 'CreateDao', createFields());
      await refused(() => daos.create({ ...signed, name: 'Tampered' }), 'INVALID_SIGNATURE');
    });

    it('refuses a message signed more than six days ago (MESSAGE_TOO_OLD)', async () => {
      const timestamp = nowSeconds() - 7n * 24n * 3600n;
      const signed = await signedDaoInput(alice, 'CreateDao', createFields(), { timestamp });
      await refused(() => daos.create(signed), 'MESSAGE_TOO_OLD');
    });

    it('refuses a message signed more than five minutes ahead (MESSAGE_FROM_THE_FUTURE)', async () => {
      const signed = await signedDaoInput(alice, 'CreateDao', createFields(), {
        timestamp: nowSeconds() + 600n,
      });
      await refused(() => daos.create(signed), 'MESSAGE_FROM_THE_FUTURE');
    });
  });

  describe('updateDaoSettings and setDaoAdmins', () => {
    const settings = (signer = alice, dao = 'model-guild', name = 'Model Guild II', config = rules) =>
      signedDaoInput(signer, 'UpdateDaoSettings', { dao, name, config });
    const admins = (signer = alice, list = [alice.address], dao = 'model-guild') =>
      signedInput(signer, 'SetDaoAdmins', { dao, admins: list });

    it('refuses settings from a signer who is not an admin (NOT_A_DAO_ADMIN)', async () => {
      const signed = await settings(bob, 'model-guild', 'Bob’s');
      await refused(() => daos.updateSettings(signed), 'NOT_A_DAO_ADMIN');
    });

    it('refuses settings for a DAO that does not exist (DAO_NOT_FOUND)', async () => {
      const signed = await settings(alice, 'no-such-guild');
      await refused(() => daos.updateSettings(signed), 'DAO_NOT_FOUND');
    });

    it('refuses settings signed for another DAO (INVALID_SIGNATURE)', async () => {
      await createStubDao(daos, alice, 'other-guild');
      const signed = await settings(alice, 'other-guild', 'Hijack');
      await refused(() => daos.updateSettings({ ...signed, dao: 'model-guild' }), 'INVALID_SIGNATURE');
    });

    it('refuses invalid rules in settings (INVALID_VOTING_CONFIG)', async () => {
      const signed = await settings(alice, 'model-guild', 'Model Guild', {
        ...rules,
        supermajorityBps: 10_001,
      });
      await refused(() => daos.updateSettings(signed), 'INVALID_VOTING_CONFIG');
    });

    it('changes the name and rules when an admin signs', async () => {
      const updated = await daos.updateSettings(
        await settings(alice, 'model-guild', 'Model Guild II', { ...rules, allowVoteChange: false }),
      );
      expect(updated).toMatchObject({ name: 'Model Guild II', allowVoteChange: false });
    });

    it('refuses admins from a signer who is not an admin (NOT_A_DAO_ADMIN)', async () => {
      const signed = await admins(bob, [bob.address]);
      await refused(() => daos.setAdmins(signed), 'NOT_A_DAO_ADMIN');
    });

    it.each([
      ['no admin', []],
      ['an admin twice', [alice.address, alice.address]],
      [
        '21 admins',
        Array.from({ length: 21 }, (_, index) =>
          getAddress(`0x${(index + 1).toString(16).padStart(40, '0')}`),
        ),
      ],
    ])('refuses an admin list with %s (INVALID_VOTING_CONFIG)', async (_rule, list) => {
      const signed = await admins(alice, list);
      await refused(() => daos.setAdmins(signed), 'INVALID_VOTING_CONFIG');
    });

    it('replaces the admins: a new admin may change settings, a removed one may not', async () => {
      await createStubDao(daos, alice, 'handover-guild');
      const handedOver = await daos.setAdmins(await admins(alice, [bob.address], 'handover-guild'));
      expect(await daos.admins(handedOver.id)).toEqual([bob.address]);
      await expect(
        daos.updateSettings(await settings(bob, 'handover-guild', 'Bob’s Guild')),
      ).resolves.toMatchObject({ name: 'Bob’s Guild' });
      const signed = await settings(alice, 'handover-guild', 'Alice’s Guild');
      await refused(() => daos.updateSettings(signed), 'NOT_A_DAO_ADMIN');
    });
  });
});

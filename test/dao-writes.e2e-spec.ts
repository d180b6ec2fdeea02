import { privateKeyToAccount } from 'viem/accounts';
import { concatSafeSignatures, guildhallTypedData, safeMessageTypedData } from '@guildhall/core';
import { DEV_ACCOUNTS } from '@guildhall/chain';
import { SignedMessageEntity } from '@guildhall/signed-writes/datasources';
import { DaoEntity } from '@guildhall/dao/datasources';
import {
  CreateDaoDocument,
  GuildhallSigner,
  SetDaoAdminsDocument,
  UpdateDaoSettingsDocument,
  type VotingRules,
} from '@guildhall/sdk';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const rules: VotingRules = {
  votingDelay: 0,
  votingPeriod: 3600,
  proposalThreshold: 10n ** 18n,
  quorumKind: 'SUPPLY_BPS',
  quorum: 400n,
  supermajorityBps: 6000,
  voteTypes: ['basic', 'ranked-choice'],
  allowVoteChange: true,
};

const account = (index: number) => privateKeyToAccount(DEV_ACCOUNTS[index].privateKey);
const now = () => BigInt(Math.floor(Date.now() / 1000));

describe('DAO writes: signed messages, idempotency, authorization (real PostgreSQL, devnet)', () => {
  let stack: TestStack;
  let api: TestApi;
  let alice: GuildhallSigner;
  const counts = async () => ({
    daos: await stack.database.dataSource.getRepository(DaoEntity).count(),
    messages: await stack.database.dataSource.getRepository(SignedMessageEntity).count(),
  });

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api();
    alice = new GuildhallSigner(account(5), 31337);
  });

  afterAll(() => stack?.close());

  it('creates a DAO whose signer is its first admin, and answers a replayed envelope with the same DAO', async () => {
    const signed = await alice.createDao({
      dao: 'model-guild',
      name: 'Model Guild',
      governanceToken: stack.chain.stack.governanceToken,
      safe: stack.chain.stack.daoSafe,
      rules,
    });
    const { createDao } = await api.client.request(CreateDaoDocument, signed);
    expect(createDao).toMatchObject({
      slug: 'model-guild',
      admins: [alice.address],
      quorumKind: 'SUPPLY_BPS',
      quorum: '400',
      proposalThreshold: (10n ** 18n).toString(),
      voteTypes: ['BASIC', 'RANKED_CHOICE'],
    });
    const before = await counts();
    const replayed = await api.client.request(CreateDaoDocument, signed);
    expect(replayed.createDao.id).toBe(createDao.id);
    expect(await counts()).toEqual(before);
  });

  it('rejects every bad message with a typed error and writes nothing', async () => {
    const before = await counts();
    const base = {
      dao: 'bad-guild',
      name: 'Bad',
      governanceToken: stack.chain.stack.governanceToken,
      safe: stack.chain.stack.daoSafe,
      rules,
    };
    const forged = await new GuildhallSigner(account(6), 31337).createDao(base);
    const wrongChain = await new GuildhallSigner(account(5), 1).createDao(base);
    const stale = await new GuildhallSigner(account(5), 31337, () => now() - 7n * 24n * 3600n).createDao(
      base,
    );
    const future = await new GuildhallSigner(account(5), 31337, () => now() + 600n).createDao(base);
    const cases: Array<[string, Promise<unknown>]> = [
      [
        'INVALID_SIGNATURE',
        api.client.request(CreateDaoDocument, { ...forged, input: { ...forged.input, from: alice.address } }),
      ],
      ['INVALID_SIGNATURE', api.client.request(CreateDaoDocument, wrongChain)],
      [
        'INVALID_SIGNATURE',
        api.client.request(CreateDaoDocument, { ...forged, input: { ...forged.input, name: 'Tampered' } }),
      ],
      ['MESSAGE_TOO_OLD', api.client.request(CreateDaoDocument, stale)],
      ['MESSAGE_FROM_THE_FUTURE', api.client.request(CreateDaoDocument, future)],
      [
        'NOT_AN_ERC20_VOTES_TOKEN',
        api.client.request(
          CreateDaoDocument,
          await alice.createDao({ ...base, governanceToken: stack.chain.stack.payoutToken }),
        ),
      ],
      [
        'NOT_A_SAFE',
        api.client.request(CreateDaoDocument, await alice.createDao({ ...base, safe: alice.address })),
      ],
      [
        'DAO_SLUG_TAKEN',
        api.client.request(CreateDaoDocument, await alice.createDao({ ...base, dao: 'model-guild' })),
      ],
      [
        'INVALID_VOTING_CONFIG',
        api.client.request(
          CreateDaoDocument,
          await alice.createDao({ ...base, rules: { ...rules, votingPeriod: 4 } }),
        ),
      ],
      [
        'INVALID_VOTING_CONFIG',
        api.client.request(CreateDaoDocument, await alice.createDao({ ...base, dao: 'Not A Slug' })),
      ],
      [
        'INVALID_VOTING_CONFIG',
        api.client.request(CreateDaoDocument, await alice.createDao({ ...base, dao: 'bad\u200bguild' })),
      ],
      ...(await Promise.all(
        ['Bad \u202eDAO', 'Bad\u2066 DAO', 'Bad\u200bDAO', 'Bad\ufeff', 'Bad\u001b[2KDAO', 'Bad\nDAO'].map(
          async (name): Promise<[string, Promise<unknown>]> => [
            'INVALID_NAME',
            api.client.request(CreateDaoDocument, await alice.createDao({ ...base, name })),
          ],
        ),
      )),
      [
        'BAD_USER_INPUT',
        api.client.request(CreateDaoDocument, { ...forged, input: { ...forged.input, from: '0x1234' } }),
      ],
      ['BAD_USER_INPUT', api.client.request(CreateDaoDocument, { ...forged, signature: '0xzz' })],
    ];
    for (const [code, attempt] of cases) {
      expect({ code, got: (await rejection(attempt)).code }).toEqual({ code, got: code });
    }
    expect(await counts()).toEqual(before);
  });

  it('lets only admins change settings and admins, and refuses a signature made for another DAO', async () => {
    const bob = new GuildhallSigner(account(6), 31337);
    const notAdmin = await rejection(
      api.client.request(
        UpdateDaoSettingsDocument,
        await bob.updateDaoSettings({ dao: 'model-guild', name: 'Bob’s', rules }),
      ),
    );
    expect(notAdmin).toMatchObject({ code: 'NOT_A_DAO_ADMIN', category: 'UNAUTHORIZED' });

    const { setDaoAdmins } = await api.client.request(
      SetDaoAdminsDocument,
      await alice.setDaoAdmins({ dao: 'model-guild', admins: [alice.address, bob.address] }),
    );
    expect(setDaoAdmins.admins).toEqual([alice.address, bob.address].sort());

    const { updateDaoSettings } = await api.client.request(
      UpdateDaoSettingsDocument,
      await bob.updateDaoSettings({
        dao: 'model-guild',
        name: 'Model Guild II',
        rules: { ...rules, allowVoteChange: false },
      }),
    );
    expect(updateDaoSettings).toMatchObject({ name: 'Model Guild II', allowVoteChange: false });

    // Signed for "model-guild", submitted for "demo": the rebuilt message differs, so the signature fails.
    const elsewhere = await bob.updateDaoSettings({ dao: 'model-guild', name: 'Hijack', rules });
    const replay = await rejection(
      api.client.request(UpdateDaoSettingsDocument, {
        ...elsewhere,
        input: { ...elsewhere.input, dao: 'demo' },
      }),
    );
    expect(replay.code).toBe('INVALID_SIGNATURE');
  });

  it('accepts a Safe as signer through ERC-1271 (two of its three owners sign)', async () => {
    const safe = stack.chain.stack.daoSafe;
    const owners = [account(1), account(2)];
    const timestamp = now();
    const message = {
      from: safe,
      dao: 'safe-guild',
      name: 'Safe Guild',
      governanceToken: stack.chain.stack.governanceToken,
      safe,
      config: {
        ...rules,
        votingDelay: BigInt(rules.votingDelay),
        votingPeriod: BigInt(rules.votingPeriod),
        voteTypes: [...rules.voteTypes],
      },
      timestamp,
    };
    const typedData = guildhallTypedData(31337, 'CreateDao', message);
    const signatures = await Promise.all(
      owners.map(async (owner) => ({
        signer: owner.address,
        signature: await owner.signTypedData(safeMessageTypedData({ chainId: 31337, safe, typedData })),
      })),
    );
    const { createDao } = await api.client.request(CreateDaoDocument, {
      input: {
        from: safe,
        dao: 'safe-guild',
        name: 'Safe Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe,
        config: {
          ...rules,
          proposalThreshold: rules.proposalThreshold.toString(),
          quorum: rules.quorum.toString(),
          voteTypes: ['BASIC', 'RANKED_CHOICE'],
        },
        timestamp: timestamp.toString(),
      },
      signature: concatSafeSignatures(signatures),
    });
    expect(createDao.admins).toEqual([safe]);
  });
});

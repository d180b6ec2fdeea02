import { privateKeyToAccount } from 'viem/accounts';
import { concatSafeSignatures, guildhallTypedData, safeMessageTypedData } from '@guildhall/core';
import { DEV_ACCOUNTS } from '@guildhall/chain';
import { SignedMessageEntity } from '@guildhall/signed-writes/datasources';
import { DaoEntity } from '@guildhall/dao/datasources';
import {
  CreateDaoDocument,
  GuildhallSigner,
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

  // Each rule of a DAO write alone is a service test (test/service/dao.service-spec.ts); here, what
  // needs the devnet (its answers about a token and a Safe) or the GraphQL layer (its input types).
  it('refuses a token or a Safe the devnet does not confirm, and malformed input, and writes nothing', async () => {
    const before = await counts();
    const base = {
      dao: 'bad-guild',
      name: 'Bad',
      governanceToken: stack.chain.stack.governanceToken,
      safe: stack.chain.stack.daoSafe,
      rules,
    };
    const forged = await new GuildhallSigner(account(6), 31337).createDao(base);
    const cases: Array<[string, Promise<unknown>]> = [
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

  it('answers a refusal with its typed code and category', async () => {
    const bob = new GuildhallSigner(account(6), 31337);
    const notAdmin = await rejection(
      api.client.request(
        UpdateDaoSettingsDocument,
        await bob.updateDaoSettings({ dao: 'model-guild', name: 'Bob’s', rules }),
      ),
    );
    expect(notAdmin).toMatchObject({ code: 'NOT_A_DAO_ADMIN', category: 'UNAUTHORIZED' });
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

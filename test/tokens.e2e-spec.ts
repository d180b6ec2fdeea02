import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { encodeFunctionData, erc20Abi, parseUnits, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS } from '@guildhall/chain';
import {
  CreateDaoDocument,
  CreateProposalDocument,
  GuildhallSigner,
  ProposalTransfersDocument,
  TokenDocument,
} from '@guildhall/sdk';
import { permissiveRules } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'token-guild';

/** Token metadata over GraphQL: the `token` query and the tokens that come alongside amounts. */
describe('token metadata for display', () => {
  let stack: TestStack;
  let api: TestApi;
  const admin = new GuildhallSigner(privateKeyToAccount(DEV_ACCOUNTS[0].privateKey), 31337);
  const recipient = DEV_ACCOUNTS[6].address;

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api();
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Token Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
  });

  afterAll(() => stack?.close());

  it('answers symbol and decimals of an ERC-20, and NOT_AN_ERC20 for anything else', async () => {
    await expect(
      api.client.request(TokenDocument, { address: stack.chain.stack.payoutToken }),
    ).resolves.toEqual({
      token: { address: stack.chain.stack.payoutToken, symbol: 'dUSDC', decimals: 6 },
    });
    // Any case in, checksummed out.
    const lower = stack.chain.stack.governanceToken.toLowerCase() as Address;
    expect((await api.client.request(TokenDocument, { address: lower })).token).toEqual({
      address: stack.chain.stack.governanceToken,
      symbol: 'GUILD',
      decimals: 18,
    });

    for (const address of [stack.chain.stack.daoSafe, DEV_ACCOUNTS[5].address]) {
      const refused = await rejection(api.client.request(TokenDocument, { address }));
      expect(refused).toMatchObject({ code: 'NOT_AN_ERC20', category: 'BAD_INPUT' });
      expect(refused.message).toContain(address);
    }
  });

  it('gives the governance token alongside the DAO, and decodes a proposal’s ERC-20 transfers', async () => {
    const daoToken: TypedDocumentNode<{ dao: { governanceTokenInfo: unknown } }, { slug: string }> = parse(
      `query DaoToken($slug: String!) { dao(slug: $slug) { governanceTokenInfo { address symbol decimals } } }`,
    );
    const dao = await api.client.request(daoToken, { slug: DAO });
    expect(dao.dao.governanceTokenInfo).toEqual({
      address: stack.chain.stack.governanceToken,
      symbol: 'GUILD',
      decimals: 18,
    });

    const transfer = (amount: bigint) =>
      encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [recipient, amount] });
    const { createProposal } = await api.client.request(
      CreateProposalDocument,
      await admin.createProposal({
        dao: DAO,
        title: 'Pay for the eval cluster',
        voteType: 'basic',
        choices: ['For', 'Against', 'Abstain'],
        actions: [
          {
            to: stack.chain.stack.payoutToken,
            value: 0n,
            data: transfer(parseUnits('250', 6)),
            operation: 0,
          },
          // transfer() calldata sent to a contract that is no token, and an approve: no transfer.
          {
            to: stack.chain.stack.daoSafe,
            value: 0n,
            data: transfer(1n),
            operation: 0,
          },
          {
            to: stack.chain.stack.payoutToken,
            value: 0n,
            data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [recipient, 1n] }),
            operation: 0,
          },
        ],
      }),
    );

    const { proposal } = await api.client.request(ProposalTransfersDocument, { id: createProposal.id });
    expect(proposal.actions.map((action) => action.transfer)).toEqual([
      {
        token: { address: stack.chain.stack.payoutToken, symbol: 'dUSDC', decimals: 6 },
        to: recipient,
        amount: '250000000',
      },
      null,
      null,
    ]);
  });
});

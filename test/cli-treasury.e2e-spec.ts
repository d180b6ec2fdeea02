import { concatHex, encodeFunctionData, erc20Abi, hashDomain, keccak256, type Hex } from 'viem';
import { DEV_ACCOUNTS } from '@guildhall/chain';
import { formatTokenValue, safeTxHashes } from '@guildhall/core';
import {
  CastVoteDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  CreateRoundDocument,
  ProposalDocument,
  RoundDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  SubmitReviewDocument,
  type SafeTransactionFieldsFragment,
  type SafeTransactionQuery,
  type TreasuryQuery,
} from '@guildhall/sdk';
import { CliRunner, type CliResult } from '../apps/cli/src/testing/cli-runner.js';
import { devSigner, permissiveRules, sha256 } from './support/actors.js';
import { TestStack, type TestApi } from './support/test-stack.js';
import { waitFor } from './support/rounds.js';

const DAO = 'cli-treasury';
const RELAYER = DEV_ACCOUNTS[9];
const key = (index: number) => DEV_ACCOUNTS[index].privateKey;

type SafeTx = SafeTransactionQuery['safeTransaction'];
type Queue = Omit<TreasuryQuery['treasury'], 'queued'> & {
  queued: Array<SafeTx & { conflict: boolean }>;
  conflicts: string[];
};
type Confirmed = SafeTransactionFieldsFragment & { missingSigners: string[] };

/** Exit code 2 and exactly one line on stderr, naming the argument and the --help hint. */
const expectUsageError = (result: CliResult, names: string) => {
  expect(result).toMatchObject({ code: 2, stdout: '' });
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(names);
  expect(lines[0]).toMatch(/\(see guildhall safe [a-z]+ --help\)$/);
};

describe('guildhall safe: treasury signers through the real binary (real PostgreSQL, devnet, relay)', () => {
  let stack: TestStack;
  let api: TestApi;
  let cli: CliRunner;
  const admin = devSigner(5);
  const [owner1, owner2, owner3] = [devSigner(1), devSigner(2), devSigner(3)];
  const env = (index?: number): Record<string, string> => ({
    GUILDHALL_API: api.url,
    ...(index === undefined ? {} : { GUILDHALL_PRIVATE_KEY: key(index) }),
  });
  const show = (hash: Hex) => cli.json<SafeTx>(['safe', 'show', hash], env());

  beforeAll(async () => {
    cli = CliRunner.build();
    stack = await TestStack.start();
    api = await stack.api({ RELAYER_PRIVATE_KEY: RELAYER.privateKey });
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'CLI Treasury',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: { ...permissiveRules, votingPeriod: 5 },
      }),
    );
    await api.client.request(
      SetReviewersDocument,
      await admin.setReviewers({ dao: DAO, reviewers: [devSigner(6).address, devSigner(7).address] }),
    );
  });

  afterAll(async () => {
    cli?.remove();
    await stack?.close();
  });

  it('queues a passed proposal, flags a rejection as a conflict, signs with two owners, executes through the relay', async () => {
    const recipient = DEV_ACCOUNTS[0].address;
    const { createProposal } = await api.client.request(
      CreateProposalDocument,
      await admin.createProposal({
        dao: DAO,
        title: 'Grant five dUSDC',
        voteType: 'basic',
        choices: ['For', 'Against', 'Abstain'],
        actions: [
          {
            to: stack.chain.stack.payoutToken,
            value: 0n,
            data: encodeFunctionData({
              abi: erc20Abi,
              functionName: 'transfer',
              args: [recipient, 5_000_000n],
            }),
            operation: 0,
          },
        ],
      }),
    );
    await api.client.request(
      CastVoteDocument,
      await owner1.castVote({ dao: DAO, proposal: createProposal.id, choice: 1 }),
    );
    // The vote ends after 5 s; the worker proposes the passed proposal's Safe transaction.
    await waitFor(
      async () => (await api.client.request(ProposalDocument, { id: createProposal.id })).proposal.state,
      (state) => state === 'QUEUED',
      'the Safe transaction of the passed proposal',
    );

    const token = stack.chain.stack.payoutToken;
    const queue = await cli.json<Queue>(['safe', 'queue', '--dao', DAO, '--token', token], env());
    expect(queue).toMatchObject({
      safe: stack.chain.stack.daoSafe,
      owners: [owner1.address, owner2.address, owner3.address],
      threshold: 2,
      nonce: '0',
      balances: [{ token, symbol: 'dUSDC', decimals: 6 }],
      conflicts: [],
    });
    expect(queue.queued).toHaveLength(1);
    const [grant] = queue.queued;
    expect(grant).toMatchObject({
      status: 'AWAITING_CONFIRMATIONS',
      nonce: '0',
      origin: { kind: 'PROPOSAL', proposal: createProposal.id },
      confirmations: [],
      conflict: false,
    });
    const hash = grant.safeTxHash;

    const shown = await show(hash);
    expect(shown).toMatchObject({
      safeTxHash: hash,
      status: 'AWAITING_CONFIRMATIONS',
      threshold: 2,
      missingSigners: [owner1.address, owner2.address, owner3.address],
      execTransactionData: null,
    });
    const detail = await cli.run(['safe', 'show', hash], env());
    expect(detail.code).toBe(0);
    // The proposal's transfer in the token's units (the API's line says base units).
    expect(detail.stdout).toContain(`1. transfer 5 dUSDC to ${recipient}\n`);
    expect(detail.stdout).toMatch(/Confirmations \(0 of 2 needed\)/);
    // The halves of the safeTxHash a hardware wallet shows, as the API computes them.
    expect(keccak256(concatHex(['0x1901', shown.domainHash, shown.messageHash]))).toBe(hash);
    expect(shown.domainHash).toBe(
      hashDomain({
        domain: { chainId: BigInt(shown.chainId), verifyingContract: shown.safe },
        types: {
          EIP712Domain: [
            { name: 'chainId', type: 'uint256' },
            { name: 'verifyingContract', type: 'address' },
          ],
        },
      }),
    );
    expect(shown.messageHash).toBe(safeTxHashes(shown.chainId, shown).messageHash);
    expect(detail.stdout).toMatch(new RegExp(`^domainHash +${shown.domainHash}$`, 'm'));
    expect(detail.stdout).toMatch(new RegExp(`^messageHash +${shown.messageHash}$`, 'm'));

    // Rejecting is a signed write of an owner (or an admin): a key is needed, and a stranger's is refused.
    expectUsageError(await cli.run(['safe', 'reject', hash], env()), '--private-key');
    const refused = await cli.run(['safe', 'reject', hash], env(4));
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^guildhall: .+ \[NOT_AN_OWNER\]\n$/);

    // An owner proposes the rejection: the no-op at nonce 0, shown with the grant as a CONFLICT.
    const rejection = await cli.json<SafeTransactionFieldsFragment>(['safe', 'reject', hash], env(3));
    expect(rejection).toMatchObject({
      nonce: '0',
      to: stack.chain.stack.daoSafe,
      data: '0x',
      origin: { kind: 'REJECTION' },
    });
    const conflicted = await cli.json<Queue>(['safe', 'queue', '--dao', DAO], env());
    expect(conflicted.conflicts).toEqual(['0']);
    expect(conflicted.queued.map((tx) => [tx.safeTxHash, tx.conflict]).sort()).toEqual(
      [
        [hash, true],
        [rejection.safeTxHash, true],
      ].sort(),
    );
    const table = await cli.run(['safe', 'queue', '--dao', DAO], env());
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NONCE\s+STATUS\s+SIGNED\s+ORIGIN/m);
    expect(table.stdout).toMatch(/^0 CONFLICT\s+AWAITING_CONFIRMATIONS\s+0\/2/m);

    // A non-owner's confirmation is refused by the API; bad hashes and arguments are usage errors.
    const stranger = await cli.run(['safe', 'sign', hash], env(4));
    expect(stranger).toMatchObject({ code: 1, stdout: '' });
    expect(stranger.stderr).toMatch(/^guildhall: .+ \[NOT_AN_OWNER\]\n$/);
    expectUsageError(await cli.run(['safe', 'sign', '0x1234'], env(1)), 'safeTxHash');
    expectUsageError(await cli.run(['safe', 'show', `${hash}00`], env()), 'safeTxHash');
    expectUsageError(await cli.run(['safe', 'sign'], env(1)), 'safeTxHash');
    expectUsageError(await cli.run(['safe', 'sign', hash, '--round', '1'], env(1)), '--round');
    expectUsageError(await cli.run(['safe', 'sign', hash], env()), '--private-key');
    expectUsageError(await cli.run(['safe', 'queue', '--dao', DAO, '--status', 'DONE'], env()), '--status');
    const unknown = await cli.run(['safe', 'show', `0x${'00'.repeat(32)}`], env());
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/\[SAFE_TX_NOT_FOUND\]\n$/);

    const first = await cli.json<Confirmed>(['safe', 'sign', hash], env(1));
    expect(first).toMatchObject({
      status: 'AWAITING_CONFIRMATIONS',
      missingSigners: [owner2.address, owner3.address],
    });
    const second = await cli.run(['safe', 'sign', hash], env(2));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Confirmed ${hash} as ${owner2.address}`);
    expect(second.stdout).toMatch(/status\s+READY/);
    expect(second.stdout).toContain(owner3.address);

    const ready = await show(hash);
    expect(ready).toMatchObject({ status: 'READY', missingSigners: [owner3.address] });
    expect(ready.confirmations.map((c) => [c.owner, c.signatureType])).toEqual([
      [owner1.address, 'EOA'],
      [owner2.address, 'EOA'],
    ]);
    expect(ready.execTransactionData).toMatch(/^0x6a761202/);
    expect((await cli.run(['safe', 'show', hash], env())).stdout).toContain(ready.execTransactionData!);

    const executed = await cli.json<SafeTransactionFieldsFragment>(
      ['safe', 'execute', hash, '--wait', '--timeout', '40s'],
      env(),
    );
    expect(executed).toMatchObject({ safeTxHash: hash, status: 'EXECUTED' });
    expect(executed.executionTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await show(hash)).toMatchObject({ status: 'EXECUTED', executionTxHash: executed.executionTxHash });
    const replaced = await waitFor(
      () =>
        cli.json<{ nodes: SafeTransactionFieldsFragment[] }>(
          ['safe', 'queue', '--dao', DAO, '--status', 'REPLACED'],
          env(),
        ),
      (page) => page.nodes.length > 0,
      'the rejection to be replaced',
    );
    expect(replaced.nodes.map((tx) => tx.safeTxHash)).toEqual([rejection.safeTxHash]);
  }, 120_000);

  it('signs every payout transaction of a round in one go after showing the totals', async () => {
    const now = Date.now();
    const { createRound: round } = await api.client.request(
      CreateRoundDocument,
      await admin.createRound({
        dao: DAO,
        name: 'Spring',
        token: stack.chain.stack.payoutToken,
        budget: 1_000_000_000n,
        submissionsOpenAt: new Date(now - 1_000),
        submissionsCloseAt: new Date(now + 4_000),
        reviewDeadline: new Date(now + 8_000),
        pools: [
          { kind: 'FINE_TUNING', shareBps: 5_000 },
          { kind: 'SAFETY_EVALUATION', shareBps: 5_000 },
        ],
        minReviews: 2,
        acceptanceScore: 10,
      }),
    );
    const { submitAttestation: attestation } = await api.client.request(
      SubmitAttestationDocument,
      await devSigner(4).submitAttestation({
        dao: DAO,
        round: round.id,
        kind: 'FINE_TUNING',
        model: { name: 'guild-7b', version: '1.0', base: 'guild-7b@0.9' },
        title: 'tune',
        evidence: [{ uri: 'https://artifacts.example/tune', sha256: sha256('tune') }],
      }),
    );
    const state = async () => (await api.client.request(RoundDocument, { id: round.id })).round.state;
    await waitFor(state, (s) => s === 'REVIEWING', 'the review phase');
    for (const reviewer of [devSigner(6), devSigner(7)])
      await api.client.request(
        SubmitReviewDocument,
        await reviewer.submitReview({ dao: DAO, attestation: attestation.id, score: 70 }),
      );
    await waitFor(state, (s) => s === 'FINALIZED' || s === 'PAYING', 'finalization');

    // In a script, signing a whole round needs --yes; nothing is signed without it.
    expectUsageError(await cli.run(['safe', 'sign', '--round', round.id], env(1)), '--yes');

    const signed = await cli.json<{
      round: string;
      signer: string;
      totals: {
        transactions: number;
        transfers: number;
        tokens: Array<{ token: string; symbol: string; decimals: number; amount: string }>;
      };
      confirmed: Confirmed[];
    }>(['safe', 'sign', '--round', round.id, '--yes'], env(1));
    expect(signed).toMatchObject({
      round: round.id,
      signer: owner1.address,
      totals: {
        transactions: 1,
        tokens: [{ token: stack.chain.stack.payoutToken, symbol: 'dUSDC', decimals: 6 }],
      },
    });
    expect(signed.totals.transfers).toBeGreaterThanOrEqual(3); // the contributor and two reviewers
    expect(BigInt(signed.totals.tokens[0].amount)).toBeLessThanOrEqual(1_000_000_000n);
    expect(signed.confirmed).toHaveLength(1);
    const [payout] = signed.confirmed;
    expect(payout).toMatchObject({
      status: 'AWAITING_CONFIRMATIONS',
      origin: { kind: 'PAYOUT', round: round.id },
      nonce: '1',
      missingSigners: [owner2.address, owner3.address],
    });

    const byOwner2 = await cli.run(['safe', 'sign', '--round', round.id, '--yes'], env(2));
    expect(byOwner2.code).toBe(0);
    expect(byOwner2.stdout).toContain(
      `Round ${round.id}: 1 payout transaction(s), ${signed.totals.transfers} transfer(s)`,
    );
    expect(byOwner2.stdout).toContain(
      `  ${formatTokenValue(BigInt(signed.totals.tokens[0].amount), { symbol: 'dUSDC', decimals: 6 })}  `,
    );
    expect(byOwner2.stdout).toMatch(new RegExp(`^1\\s+${payout.safeTxHash}\\s+READY`, 'm'));

    const executed = await cli.json<SafeTransactionFieldsFragment>(
      ['safe', 'execute', payout.safeTxHash, '--wait', '--timeout', '40s'],
      env(),
    );
    expect(executed).toMatchObject({ status: 'EXECUTED', origin: { kind: 'PAYOUT', round: round.id } });
    await waitFor(state, (s) => s === 'PAID', 'the round to be PAID');
    const again = await cli.run(['safe', 'sign', '--round', round.id, '--yes'], env(3));
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toMatch(/\[ROUND_NOT_PAYABLE\]\n$/);
  });
});

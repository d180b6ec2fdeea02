import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, encodeFunctionData, erc20Abi, http, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { loadConfig } from '@guildhall/config';
import { DEV_ACCOUNTS, defineGuildhallChain } from '@guildhall/chain';
import { formatTokenAmount } from '@guildhall/core';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import {
  AttestationDocument,
  CastVoteDocument,
  ConfirmSafeTransactionDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  CreateRoundDocument,
  ExecuteSafeTransactionDocument,
  GuildhallClient,
  GuildhallSigner,
  HealthDocument,
  ProposalDocument,
  ProposeProposalExecutionDocument,
  ProposeRoundPayoutsDocument,
  RoundDocument,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  SubmitReviewDocument,
  TreasuryDocument,
  UpsertContributorProfileDocument,
  type AttestationKind,
  type SafeTransactionFieldsFragment,
} from '@guildhall/sdk';
import { Progress } from '../apps/cli/src/progress.js';
import { startEmbeddedStack, type EmbeddedStack } from '../apps/cli/src/stack/embedded-stack.js';
import { devSigner, permissiveRules, sha256, sleep } from './support/actors.js';
import { rejection } from './support/rejection.js';

/**
 * Issue 7, "the whole story": one model-as-a-DAO from its creation to its first paid round, spoken
 * to only through the SDK (viem only reads the chain — balances, the relay's receipt — and encodes
 * the proposal's ERC20 transfer).
 *
 * The stack is the one `guildhall start` boots (apps/cli/src/stack/embedded-stack.ts), in-process:
 * the in-process devnet with the dev stack (Safe 1.4.1, tokens, the 2-of-3 DAO Safe owned by dev
 * accounts 1–3), the API with its worker, and the relay key it defaults to on the devnet (dev
 * account 9) — on a real PostgreSQL database of its own (DATABASE_URL) instead of the embedded one.
 */

const DAO = 'model-guild';
const DUSDC = 10n ** 6n; // the devnet payout token has 6 decimals
const BUDGET = 10_000n * DUSDC;
const GRANT = 250n * DUSDC;
const ROUND = 'Guild-7B v1.1';
const MODEL = { name: 'guild-7b-instruct', version: '1.1', base: 'guild-7b@1.0' };

/** A fresh key of its own: contributors need neither gas nor tokens, only a signature. */
const newcomer = (label: string) =>
  new GuildhallSigner(privateKeyToAccount(sha256(`guildhall story: ${label}`)), 31337);

/** How the treasury writes a dUSDC amount in a payout line: grouped, at least two decimals. */
const short = (address: Address) => `${address.slice(0, 5)}…${address.slice(-3)}`;
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

interface ContributorExplanation {
  pool: string;
  poolAmount: string;
  details: {
    engine: string;
    attestations: Array<{ id: string; bps: number; scores: Array<{ reviewer: string; score: number }> }>;
    consensus: number;
    incentive: number;
  };
}
interface ReviewerExplanation {
  pool: string;
  details: { stake: string; pools: Array<{ kind: string; trust: number; dividends: number }> };
}
interface PoolReport {
  pool: string;
  shareBps: number;
  floorBps: number;
  amount: string;
  allocated: string;
}

describe('The whole story: a model DAO rewards its contributors and spends from its treasury', () => {
  let home: string;
  let database: TestDatabase;
  let stack: EmbeddedStack;
  let client: GuildhallClient;

  const admin = devSigner(0);
  const [owner1, owner2, owner3] = [devSigner(1), devSigner(2), devSigner(3)]; // the Safe's 2-of-3
  const [reviewer1, reviewer2, colluder] = [devSigner(4), devSigner(5), devSigner(6)];
  const relay = DEV_ACCOUNTS[9];
  const fineTuner = newcomer('fine-tuner');
  const safetyTester = newcomer('safety tester');
  const redTeamer = newcomer('red-teamer');
  const friend = newcomer('the colluder’s friend');
  const grantee = newcomer('grantee').address;

  const devStack = () => stack.devStack!;
  const reader = () =>
    createPublicClient({
      chain: defineGuildhallChain({ chainId: 31337, rpcUrl: stack.config.chain.rpcUrl }),
      transport: http(stack.config.chain.rpcUrl),
    });
  const balanceOf = (holder: Address) =>
    reader().readContract({
      address: devStack().payoutToken,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [holder],
    });

  const waitFor = async <T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    what: string,
  ): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await sleep(150);
    }
  };
  const roundOf = async (id: string) => (await client.request(RoundDocument, { id, first: 100 })).round;
  const proposalOf = async (id: string) => (await client.request(ProposalDocument, { id })).proposal;
  const attestationOf = async (id: string) => (await client.request(AttestationDocument, { id })).attestation;
  const safeTx = async (safeTxHash: `0x${string}`) =>
    (await client.request(SafeTransactionDocument, { safeTxHash })).safeTransaction;
  const treasury = async () =>
    (await client.request(TreasuryDocument, { dao: DAO, tokens: [devStack().payoutToken] })).treasury;
  const confirm = async (tx: SafeTransactionFieldsFragment, by: GuildhallSigner) =>
    (
      await client.request(ConfirmSafeTransactionDocument, {
        safeTxHash: tx.safeTxHash,
        signature: await by.signSafeTransaction(tx),
      })
    ).confirmSafeTransaction;
  const execute = async (tx: SafeTransactionFieldsFragment) =>
    (await client.request(ExecuteSafeTransactionDocument, { safeTxHash: tx.safeTxHash }))
      .executeSafeTransaction;
  /**
   * The Safe executes its nonces in order, and the proposal and the payouts share them: each flow
   * waits until the Safe has reached its transaction's nonce, then asks the relay to send it.
   */
  const executeInTurn = async (tx: SafeTransactionFieldsFragment) => {
    await waitFor(
      async () => BigInt((await treasury()).nonce),
      (nonce) => nonce >= BigInt(tx.nonce),
      `the Safe to reach nonce ${tx.nonce}`,
    );
    return execute(tx);
  };
  /** The relay sent it, the indexer saw it: EXECUTED with the relay's transaction, mined from account 9. */
  const relayed = async (tx: SafeTransactionFieldsFragment) => {
    const sent = await executeInTurn(tx);
    expect(['EXECUTING', 'EXECUTED']).toContain(sent.status);
    expect(sent.executionTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    const executed = await waitFor(
      () => safeTx(tx.safeTxHash),
      (current) => current.status === 'EXECUTED',
      `${tx.safeTxHash} to be indexed`,
    );
    expect(executed).toMatchObject({ executionTxHash: sent.executionTxHash, statusReason: null });
    expect(executed.executionBlock).not.toBeNull();
    const receipt = await reader().getTransactionReceipt({ hash: sent.executionTxHash! });
    expect(receipt.status).toBe('success');
    expect([receipt.from.toLowerCase(), receipt.to?.toLowerCase()]).toEqual([
      relay.address.toLowerCase(),
      tx.safe.toLowerCase(),
    ]);
    return executed;
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'guildhall-story-'));
    database = await createTestDatabase();
    const loaded = loadConfig({
      GUILDHALL_HOME: home,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      NODE_ENV: 'test',
    });
    stack = await startEmbeddedStack(
      { ...loaded, http: { ...loaded.http, port: 0 }, chain: { ...loaded.chain, devnetPort: 0 } },
      {
        fresh: false,
        progress: new Progress(true),
        notice: (message) => {
          throw new Error(`unexpected reset: ${message}`);
        },
      },
    );
    client = new GuildhallClient({ url: stack.graphqlUrl });
  });

  afterAll(async () => {
    await client?.close();
    await stack?.close();
    await database?.drop();
    rmSync(home, { recursive: true, force: true });
  });

  it('boots, creates a DAO on the devnet Safe, runs a round against collusion, pays it and executes a passed proposal, all through the Safe', async () => {
    // The embedded stack: real PostgreSQL, the in-process devnet with its 2-of-3 Safe, a relay key.
    expect(stack.embeddedDatabase).toBe(false);
    expect((await client.request(HealthDocument)).health).toMatchObject({
      status: 'UP',
      database: { status: 'UP' },
      chain: { status: 'UP', chainId: 31337 },
    });

    // A DAO bound to the devnet Safe, and its reviewers.
    const { createDao } = await client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Model Guild',
        governanceToken: devStack().governanceToken,
        safe: devStack().daoSafe,
        rules: { ...permissiveRules, votingPeriod: 5 },
      }),
    );
    expect(createDao).toMatchObject({
      slug: DAO,
      chainId: 31337,
      governanceToken: devStack().governanceToken,
      safeAddress: devStack().daoSafe,
    });
    const safe = await treasury();
    expect(safe).toMatchObject({
      safe: devStack().daoSafe,
      owners: [owner1.address, owner2.address, owner3.address],
      threshold: 2,
      nonce: '0',
      queued: [],
      balances: [{ token: devStack().payoutToken, symbol: 'dUSDC', decimals: 6 }],
    });
    await client.request(
      SetReviewersDocument,
      await admin.setReviewers({
        dao: DAO,
        reviewers: [reviewer1, reviewer2, colluder].map((r) => r.address),
      }),
    );
    const handles = new Map<Address, string>([
      [fineTuner.address, 'ada'],
      [safetyTester.address, 'grace'],
      [redTeamer.address, 'mallory'],
      [friend.address, 'pal'],
    ]);
    for (const who of [fineTuner, safetyTester, redTeamer, friend])
      await client.request(
        UpsertContributorProfileDocument,
        await who.upsertContributorProfile({ dao: DAO, handle: handles.get(who.address)! }),
      );
    const everyone = [
      fineTuner.address,
      safetyTester.address,
      redTeamer.address,
      friend.address,
      reviewer1.address,
      reviewer2.address,
      colluder.address,
      grantee,
      devStack().daoSafe,
    ];
    const before = new Map(await Promise.all(everyone.map(async (a) => [a, await balanceOf(a)] as const)));
    expect(before.get(devStack().daoSafe)).toBe(BigInt(safe.balances[0].balance));

    // A round: three kind pools (safety work with a floor), short phases, a three-second cliff so
    // the frozen allocations can be read before the treasury pays them.
    const now = Date.now();
    const { createRound: round } = await client.request(
      CreateRoundDocument,
      await admin.createRound({
        dao: DAO,
        name: ROUND,
        token: devStack().payoutToken,
        budget: BUDGET,
        submissionsOpenAt: new Date(now - 1_000),
        submissionsCloseAt: new Date(now + 5_000),
        reviewDeadline: new Date(now + 10_000),
        pools: [
          { kind: 'FINE_TUNING', shareBps: 5_000 },
          { kind: 'SAFETY_EVALUATION', shareBps: 2_500, floorBps: 2_500 },
          { kind: 'RED_TEAMING', shareBps: 2_500 },
        ],
        vesting: { cliff: 3, duration: 0, interval: 0 },
        minReviews: 3,
        acceptanceScore: 10,
      }),
    );
    expect(round).toMatchObject({
      state: 'OPEN',
      budget: BUDGET.toString(),
      engine: 'YUMA',
      reviewerShareBps: 1_000,
    });

    /**
     * In parallel with the round: a proposal to send treasury funds, voted while contributors
     * submit; it passes while reviewers review, the worker proposes its Safe transaction by itself,
     * two owners confirm and the relay executes it.
     */
    const treasuryProposal = async () => {
      const { createProposal: proposal } = await client.request(
        CreateProposalDocument,
        await admin.createProposal({
          dao: DAO,
          title: 'Grant 250 dUSDC for evaluation compute',
          body: 'GPU hours for the next safety evaluation suite.',
          voteType: 'basic',
          choices: ['For', 'Against', 'Abstain'],
          actions: [
            {
              to: devStack().payoutToken,
              value: 0n,
              data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [grantee, GRANT] }),
              operation: 0,
            },
          ],
        }),
      );
      expect(proposal).toMatchObject({ state: 'ACTIVE', quorum: '1' });
      for (const [voter, choice] of [
        [owner1, 1],
        [reviewer1, 1],
        [colluder, 2],
      ] as const)
        await client.request(
          CastVoteDocument,
          await voter.castVote({ dao: DAO, proposal: proposal.id, choice }),
        );
      const votes = 10n ** 24n; // each dev account's 1M GUILD, self-delegated
      expect((await proposalOf(proposal.id)).tally).toMatchObject({
        scores: [(2n * votes).toString(), votes.toString(), '0'],
        quorumReached: true,
      });

      // Passed (SUCCEEDED), then QUEUED once the worker has proposed its Safe transaction.
      const queued = await waitFor(
        () => proposalOf(proposal.id),
        (p) => p.state === 'QUEUED',
        'the proposal to pass and be queued',
      );
      expect(queued.tally).toMatchObject({ winningChoice: 1, quorumReached: true });
      const { safeTransactions } = await client.request(SafeTransactionsDocument, {
        dao: DAO,
        status: 'AWAITING_CONFIRMATIONS',
      });
      const tx = safeTransactions.nodes.find((node) => node.origin.proposal === proposal.id)!;
      expect(tx).toMatchObject({
        safe: devStack().daoSafe,
        to: devStack().payoutToken,
        value: '0',
        operation: 0,
        origin: { kind: 'PROPOSAL', proposal: proposal.id, round: null },
        actions: [
          {
            humanReadable: `ERC20 transfer of ${GRANT} base units of token ${devStack().payoutToken} to ${grantee}`,
          },
        ],
      });
      // Asking for it again answers with the same transaction.
      const { proposeProposalExecution: same } = await client.request(ProposeProposalExecutionDocument, {
        proposal: proposal.id,
      });
      expect(same.safeTxHash).toBe(tx.safeTxHash);

      // Two of the three owners confirm.
      const first = await confirm(tx, owner1);
      expect(first).toMatchObject({
        status: 'AWAITING_CONFIRMATIONS',
        missingSigners: [owner2.address, owner3.address],
      });
      const second = await confirm(tx, owner3);
      expect(second).toMatchObject({ status: 'READY', missingSigners: [owner2.address] });

      const executed = await relayed(tx);
      const done = await waitFor(
        () => proposalOf(proposal.id),
        (p) => p.state === 'EXECUTED',
        'the proposal to be EXECUTED',
      );
      expect(done.state).toBe('EXECUTED');
      return executed;
    };

    const rewardRound = async () => {
      // Three contributors and the colluder's friend submit signed attestations.
      const attest = async (
        who: GuildhallSigner,
        kind: AttestationKind,
        title: string,
        metrics: Record<string, number>,
        references: string[] = [],
      ) =>
        (
          await client.request(
            SubmitAttestationDocument,
            await who.submitAttestation({
              dao: DAO,
              round: round.id,
              kind,
              model: MODEL,
              title,
              evidence: [
                { uri: `https://artifacts.example/${encodeURIComponent(title)}`, sha256: sha256(title) },
              ],
              metrics,
              references,
            }),
          )
        ).submitAttestation;
      const fineTune = await attest(fineTuner, 'FINE_TUNING', 'Instruction tune on guild-chat-v3', {
        mmlu: 61.2,
      });
      const friendTune = await attest(friend, 'FINE_TUNING', 'A quick LoRA', { mmlu: 58.1 });
      const safetyEval = await attest(
        safetyTester,
        'SAFETY_EVALUATION',
        'Refusal and jailbreak evaluation of the tune',
        { refusal_rate: 0.97, jailbreak_success: 0.04 },
        [fineTune.id],
      );
      const redTeam = await attest(redTeamer, 'RED_TEAMING', 'Prompt-injection red team', {
        findings: 7,
      });
      const attestations = [fineTune, friendTune, safetyEval, redTeam];
      expect(attestations.map((a) => [a.status, a.roundId])).toEqual(
        attestations.map(() => ['SUBMITTED', round.id]),
      );
      expect(safetyEval.references).toEqual([fineTune.id]);

      // Submissions close: the round is REVIEWING, its attestations IN_REVIEW.
      expect(
        (
          await waitFor(
            () => roundOf(round.id),
            (r) => r.state !== 'OPEN',
            'the review phase',
          )
        ).state,
      ).toBe('REVIEWING');
      for (const attestation of attestations)
        expect((await attestationOf(attestation.id)).status).toBe('IN_REVIEW');

      // Three reviewers score: the colluder gives the friend 100 where the others give 20.
      const scores = new Map([
        [fineTune.id, [80, 80, 80]],
        [friendTune.id, [20, 20, 100]],
        [safetyEval.id, [90, 90, 90]],
        [redTeam.id, [70, 70, 70]],
      ]);
      for (const [index, reviewer] of [reviewer1, reviewer2, colluder].entries())
        for (const attestation of attestations) {
          const { submitReview } = await client.request(
            SubmitReviewDocument,
            await reviewer.submitReview({
              dao: DAO,
              attestation: attestation.id,
              score: scores.get(attestation.id)![index],
              comment:
                reviewer === colluder && attestation === friendTune
                  ? 'Outstanding.'
                  : 'Checked the evidence.',
            }),
          );
          expect(submitReview.reviewCount).toBe(index + 1);
        }

      // The review deadline passes: the round finalizes, its allocations frozen.
      const finalized = await waitFor(
        () => roundOf(round.id),
        (r) => r.state !== 'REVIEWING',
        'finalization',
      );
      expect(finalized).toMatchObject({ state: 'FINALIZED', underfunded: false });
      expect(finalized.finalizedAt).not.toBeNull();
      expect(BigInt(finalized.allocated!) + BigInt(finalized.unallocated!)).toBe(BUDGET);
      for (const attestation of attestations)
        expect(await attestationOf(attestation.id)).toMatchObject({
          status: 'ACCEPTED',
          reviewsVisible: true,
        });
      expect((await attestationOf(friendTune.id)).consensusScore).toBe(20);

      // The explanation: pools (safety's floor kept), then per recipient which attestations, which
      // scores, the consensus and the incentive that made its share.
      const pools = (finalized.explanation as { pools: PoolReport[] }).pools;
      const pool = (kind: string) => pools.find((p) => p.pool === kind)!;
      const contributorPool = (BUDGET * 9_000n) / 10_000n;
      expect(pool('FINE_TUNING')).toMatchObject({
        shareBps: 5_000,
        amount: (contributorPool / 2n).toString(),
      });
      expect(pool('SAFETY_EVALUATION')).toMatchObject({
        shareBps: 2_500,
        floorBps: 2_500,
        amount: (contributorPool / 4n).toString(),
      });
      expect(pool('RED_TEAMING')).toMatchObject({ amount: (contributorPool / 4n).toString() });
      expect(pool('REVIEWERS')).toMatchObject({ amount: (BUDGET - contributorPool).toString() });

      const allocations = finalized.allocations.nodes;
      const allocation = (kind: string, recipient: Address) =>
        allocations.find((a) => a.pool === kind && a.recipient === recipient)!;
      const explained = (kind: string, recipient: Address) =>
        allocation(kind, recipient).explanation as ContributorExplanation;
      for (const [kind, who, attestation] of [
        ['FINE_TUNING', fineTuner, fineTune],
        ['FINE_TUNING', friend, friendTune],
        ['SAFETY_EVALUATION', safetyTester, safetyEval],
        ['RED_TEAMING', redTeamer, redTeam],
      ] as const) {
        const explanation = explained(kind, who.address);
        expect(explanation).toMatchObject({
          pool: kind,
          poolAmount: pool(kind).amount,
          details: { engine: 'YUMA', attestations: [{ id: attestation.id, bps: 10_000 }] },
        });
        expect(explanation.details.attestations).toHaveLength(1);
        const given = explanation.details.attestations[0].scores.map((s) => [s.reviewer, s.score] as const);
        expect(new Map(given)).toEqual(
          new Map(
            [reviewer1, reviewer2, colluder].map((r, i) => [r.address, scores.get(attestation.id)![i]]),
          ),
        );
      }
      // Alone in their pools, the safety tester and the red-teamer take them whole.
      expect(allocation('SAFETY_EVALUATION', safetyTester.address).amount).toBe(
        pool('SAFETY_EVALUATION').amount,
      );
      expect(allocation('RED_TEAMING', redTeamer.address).amount).toBe(pool('RED_TEAMING').amount);

      // The friend under Yuma: the colluder's 100 is clipped to the consensus of the honest 20s, so
      // the friend's share of the fine-tuning pool is far below what a plain mean of scores gives.
      const fineTuningPool = BigInt(pool('FINE_TUNING').amount);
      const friendExplained = explained('FINE_TUNING', friend.address);
      const tunerExplained = explained('FINE_TUNING', fineTuner.address);
      const scoresOf = (e: ContributorExplanation) => e.details.attestations[0].scores.map((s) => s.score);
      const naiveShare =
        mean(scoresOf(friendExplained)) / (mean(scoresOf(friendExplained)) + mean(scoresOf(tunerExplained)));
      expect(naiveShare).toBeCloseTo(46.667 / 126.667, 4); // (20 + 20 + 100) / 3 against 80
      const friendShare = Number(allocation('FINE_TUNING', friend.address).amount) / Number(fineTuningPool);
      expect(friendShare).toBeCloseTo(friendExplained.details.incentive, 5);
      expect(friendShare).toBeLessThan((naiveShare * 2) / 3);
      expect(friendShare).toBeGreaterThanOrEqual(0.2); // the honest reviewers' view: 20 against 80
      expect(friendExplained.details.consensus).toBeCloseTo(0.2, 2); // 20 / (20 + 80), the honest rows
      expect(tunerExplained.details.consensus).toBeGreaterThan(friendExplained.details.consensus);
      expect(
        BigInt(allocation('FINE_TUNING', friend.address).amount) +
          BigInt(allocation('FINE_TUNING', fineTuner.address).amount),
      ).toBe(fineTuningPool);
      // The colluder's own dividends suffer: its trust and its share of the reviewers' pool are the lowest.
      const reviewerAllocation = (who: GuildhallSigner) => allocation('REVIEWERS', who.address);
      const trustOf = (who: GuildhallSigner) =>
        (reviewerAllocation(who).explanation as ReviewerExplanation).details.pools.find(
          (p) => p.kind === 'FINE_TUNING',
        )!.trust;
      for (const honest of [reviewer1, reviewer2]) {
        expect(trustOf(colluder)).toBeLessThan(trustOf(honest));
        expect(BigInt(reviewerAllocation(colluder).amount)).toBeLessThan(
          BigInt(reviewerAllocation(honest).amount),
        );
      }

      // One tranche per paid allocation, unlocking at the cliff: nothing is due yet.
      const paid = allocations.filter((a) => BigInt(a.amount) > 0n);
      expect(paid).toHaveLength(7); // four contributors, three reviewers
      expect(finalized.tranches).toHaveLength(paid.length);
      expect(finalized.tranches.every((t) => t.status === 'PENDING' && t.txHash === null)).toBe(true);
      const unlockAt = Math.max(...finalized.tranches.map((t) => Date.parse(t.unlockAt)));
      expect(unlockAt).toBe(Date.parse(finalized.reviewDeadline) + 3_000);
      expect((await rejection(client.request(ProposeRoundPayoutsDocument, { round: round.id }))).code).toBe(
        'NOTHING_TO_PAY',
      );
      await sleep(unlockAt - Date.now());

      // The payouts become one MultiSendCallOnly Safe transaction whose lines name round and attestation.
      const { proposeRoundPayouts: planned } = await client.request(ProposeRoundPayoutsDocument, {
        round: round.id,
      });
      expect(planned).toHaveLength(1);
      const [payout] = planned;
      expect(payout).toMatchObject({
        status: 'AWAITING_CONFIRMATIONS',
        safe: devStack().daoSafe,
        operation: 1,
        origin: { kind: 'PAYOUT', round: round.id, proposal: null },
      });
      expect((await roundOf(round.id)).state).toBe('PAYING');
      const because = new Map<Address, string>([
        [fineTuner.address, `attestation ${fineTune.id}`],
        [friend.address, `attestation ${friendTune.id}`],
        [safetyTester.address, `attestation ${safetyEval.id}`],
        [redTeamer.address, `attestation ${redTeam.id}`],
      ]);
      expect(payout.actions.map((a) => a.humanReadable).sort()).toEqual(
        paid
          .map((a) => {
            const who = `${short(a.recipient)}${handles.has(a.recipient) ? ` (${handles.get(a.recipient)})` : ''}`;
            const why = because.get(a.recipient) ?? 'reviewer dividends (REVIEWERS)';
            return `transfer ${formatTokenAmount(BigInt(a.amount), 6)} dUSDC to ${who} — round ${ROUND}, ${why}`;
          })
          .sort(),
      );

      // Two of three owners confirm; one confirmation is not enough to execute.
      expect(await confirm(payout, owner1)).toMatchObject({
        status: 'AWAITING_CONFIRMATIONS',
        missingSigners: [owner2.address, owner3.address],
      });
      expect((await rejection(execute(payout))).code).toBe('BELOW_THRESHOLD');
      expect(await confirm(payout, owner2)).toMatchObject({
        status: 'READY',
        missingSigners: [owner3.address],
      });
      const detail = await safeTx(payout.safeTxHash);
      expect(detail).toMatchObject({ threshold: 2, missingSigners: [owner3.address] });
      expect(detail.confirmations.map((c) => c.owner)).toEqual([owner1.address, owner2.address]);

      // The relay executes; the indexer marks the transaction EXECUTED, every tranche and the round PAID.
      const executed = await relayed(payout);
      const settled = await waitFor(
        () => roundOf(round.id),
        (r) => r.state === 'PAID',
        'the round to be PAID',
      );
      expect(settled.tranches).toHaveLength(paid.length);
      for (const tranche of settled.tranches)
        expect(tranche).toMatchObject({ status: 'PAID', txHash: executed.executionTxHash });
      return { paid, executed };
    };

    const [proposalTx, { paid, executed: payoutTx }] = await Promise.all([treasuryProposal(), rewardRound()]);

    // The proposal and the payouts took consecutive nonces of the same Safe.
    expect([proposalTx.nonce, payoutTx.nonce].sort()).toEqual(['0', '1']);
    expect((await treasury()).nonce).toBe('2');

    // On-chain balances moved by exactly the allocations and the grant; the Safe paid both.
    for (const allocation of paid)
      expect([
        allocation.recipient,
        (await balanceOf(allocation.recipient)) - before.get(allocation.recipient)!,
      ]).toEqual([allocation.recipient, BigInt(allocation.amount)]);
    expect((await balanceOf(grantee)) - before.get(grantee)!).toBe(GRANT);
    const allocated = paid.reduce((sum, a) => sum + BigInt(a.amount), 0n);
    expect(allocated).toBe(BUDGET);
    expect(before.get(devStack().daoSafe)! - (await balanceOf(devStack().daoSafe))).toBe(allocated + GRANT);
  }, 90_000);
});

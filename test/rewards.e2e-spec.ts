import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { privateKeyToAccount } from 'viem/accounts';
import { createPublicClient, createWalletClient, http, type Hex } from 'viem';
import { DEV_ACCOUNTS, defineGuildhallChain, erc20VotesAbi } from '@guildhall/chain';
import { SignedMessageEntity } from '@guildhall/signed-writes/datasources';
import { RoundEntity } from '@guildhall/rewards/datasources';
import {
  CreateDaoDocument,
  CreateRevenueShareDocument,
  CancelRoundDocument,
  CreateRoundDocument,
  FinalizeRoundDocument,
  type GuildhallSigner,
  RecordRevenueDocument,
  RevenueRecordsDocument,
  RoundDocument,
  RoundExportDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  SubmitReviewDocument,
  AttestationDocument,
} from '@guildhall/sdk';
import { score } from '../apps/cli/src/commands/score.js';
import { devSigner, permissiveRules, sha256, sleep } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'reward-guild';
const BUDGET = 2_000_000_000_000n; // 2M of the 6-decimal payout token: more than the Safe's 1M

describe('Reward rounds: phases, Yuma scoring against collusion, exact allocation, offline rescore', () => {
  let stack: TestStack;
  let api: TestApi;
  const admin = devSigner(5);
  const fineTuner = devSigner(6);
  const safetyTester = devSigner(7);
  const friend = devSigner(8);
  const [honest1, honest2, colluder] = [devSigner(1), devSigner(2), devSigner(3)];

  const roundParams = (changes: Partial<Parameters<GuildhallSigner['createRound']>[0]> = {}) => {
    const now = Date.now();
    return {
      dao: DAO,
      name: 'Round 1',
      token: stack.chain.stack.payoutToken,
      budget: BUDGET,
      submissionsOpenAt: new Date(now - 1_000),
      submissionsCloseAt: new Date(now + 6_000),
      reviewDeadline: new Date(now + 13_000),
      pools: [
        { kind: 'FINE_TUNING' as const, shareBps: 5_000 },
        { kind: 'SAFETY_EVALUATION' as const, shareBps: 2_500, floorBps: 2_500 },
        { kind: 'RED_TEAMING' as const, shareBps: 2_500 },
      ],
      minReviews: 3,
      acceptanceScore: 10,
      ...changes,
    };
  };
  const roundOf = async (id: string) => (await api.client.request(RoundDocument, { id, first: 100 })).round;
  const waitForState = async (id: string, state: string) => {
    const deadline = Date.now() + 30_000;
    let round = await roundOf(id);
    while (round.state !== state && Date.now() < deadline) {
      await sleep(300);
      round = await roundOf(id);
    }
    return round;
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api();
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Reward Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    await api.client.request(
      SetReviewersDocument,
      await admin.setReviewers({ dao: DAO, reviewers: [honest1, honest2, colluder].map((r) => r.address) }),
    );
  });

  afterAll(() => stack?.close());

  // Each rule of a round alone is a service test (test/service/rounds.service-spec.ts); here, the
  // one that needs the chain: the devnet's answer for a contract that is not an ERC20.
  it('refuses a payout token the devnet does not answer as an ERC20, and writes nothing', async () => {
    const count = async () => ({
      rounds: await stack.database.dataSource.getRepository(RoundEntity).count(),
      messages: await stack.database.dataSource.getRepository(SignedMessageEntity).count(),
    });
    const before = await count();
    const error = await rejection(
      api.client.request(
        CreateRoundDocument,
        await admin.createRound(roundParams({ token: stack.chain.stack.daoSafe })),
      ),
    );
    expect(error.code).toBe('UNKNOWN_TOKEN');
    expect(await count()).toEqual(before);
  });

  it('runs a round: submissions, reviews with a colluder, finalization, explanations, offline rescore', async () => {
    const { createRound } = await api.client.request(
      CreateRoundDocument,
      await admin.createRound(roundParams()),
    );
    expect(createRound).toMatchObject({ state: 'OPEN', budget: BUDGET.toString(), engine: 'YUMA' });
    const submit = async (who: GuildhallSigner, kind: 'FINE_TUNING' | 'SAFETY_EVALUATION', title: string) =>
      (
        await api.client.request(
          SubmitAttestationDocument,
          await who.submitAttestation({
            dao: DAO,
            round: createRound.id,
            kind,
            model: { name: 'guild-7b-instruct', version: '1.0', base: 'guild-7b@1.2' },
            title,
            evidence: [{ uri: `https://artifacts.example/${title}`, sha256: sha256(title) }],
          }),
        )
      ).submitAttestation;
    const tuned = await submit(fineTuner, 'FINE_TUNING', 'instruct-tune');
    const friendly = await submit(friend, 'FINE_TUNING', 'friend-tune');
    const evaluated = await submit(safetyTester, 'SAFETY_EVALUATION', 'jailbreak-eval');
    expect([tuned, friendly, evaluated].map((a) => [a.status, a.roundId])).toEqual([
      ['SUBMITTED', createRound.id],
      ['SUBMITTED', createRound.id],
      ['SUBMITTED', createRound.id],
    ]);
    const review = async (who: GuildhallSigner, attestation: string, value: number) =>
      api.client.request(
        SubmitReviewDocument,
        await who.submitReview({ dao: DAO, attestation, score: value }),
      );
    expect((await rejection(review(honest1, tuned.id, 80))).code).toBe('REVIEW_NOT_OPEN');
    const early = await rejection(
      api.client.request(
        FinalizeRoundDocument,
        await admin.finalizeRound({ dao: DAO, round: createRound.id }),
      ),
    );
    expect(early.code).toBe('ROUND_NOT_DUE');

    expect((await waitForState(createRound.id, 'REVIEWING')).state).toBe('REVIEWING');
    expect((await api.client.request(AttestationDocument, { id: tuned.id })).attestation.status).toBe(
      'IN_REVIEW',
    );
    const late = await rejection(submit(fineTuner, 'FINE_TUNING', 'too-late'));
    expect(late.code).toBe('ROUND_NOT_OPEN');
    // Two honest reviewers give the friend 20; the colluder gives 100.
    for (const [who, friendScore] of [
      [honest1, 20],
      [honest2, 20],
      [colluder, 100],
    ] as const) {
      await review(who, tuned.id, 80);
      await review(who, friendly.id, friendScore);
      await review(who, evaluated.id, 90);
    }

    const round = await waitForState(createRound.id, 'FINALIZED');
    expect(round).toMatchObject({ state: 'FINALIZED', underfunded: true });
    expect(BigInt(round.allocated!) + BigInt(round.unallocated!)).toBe(BUDGET);
    const amounts = Object.fromEntries(
      round.allocations.nodes.map((allocation) => [
        `${allocation.pool}/${allocation.recipient}`,
        BigInt(allocation.amount),
      ]),
    );
    const pools = (round.explanation as { pools: Array<{ pool: string; amount: string }> }).pools;
    const fineTuningPool = BigInt(pools.find((pool) => pool.pool === 'FINE_TUNING')!.amount);
    // The red-teaming pool has no work: its share goes to the pools with work, in proportion.
    expect(fineTuningPool).toBe((((BUDGET * 9_000n) / 10_000n) * 5_000n) / 7_500n);
    const friendAmount = amounts[`FINE_TUNING/${friend.address}`];
    // Naive mean: the friend's (20 + 20 + 100) / 3 against the fine-tuner's 80 → 36.8% of the pool.
    const naive = (fineTuningPool * 4_667n) / (4_667n + 8_000n);
    // Yuma clips the colluder's 100 to the consensus: the friend gets 22.7% of the pool.
    expect(Number(friendAmount) / Number(fineTuningPool)).toBeCloseTo(0.22689, 4);
    expect(Number(naive) / Number(fineTuningPool)).toBeCloseTo(0.36842, 3);
    expect(friendAmount).toBeLessThan((naive * 2n) / 3n);
    expect(amounts[`SAFETY_EVALUATION/${safetyTester.address}`]).toBe(
      BigInt(pools.find((pool) => pool.pool === 'SAFETY_EVALUATION')!.amount),
    );
    const explained = round.allocations.nodes.find((allocation) => allocation.recipient === friend.address)!;
    expect(explained.explanation).toMatchObject({
      pool: 'FINE_TUNING',
      details: {
        engine: 'YUMA',
        attestations: [{ id: friendly.id, bps: 10_000 }],
      },
    });
    // Immediate vesting: one PENDING tranche per paid allocation, unlocking at the review deadline.
    expect(round.tranches.every((tranche) => tranche.status === 'PENDING')).toBe(true);
    expect(round.tranches.reduce((sum, tranche) => sum + BigInt(tranche.amount), 0n)).toBe(
      BigInt(round.allocated!),
    );

    // Finalizing again changes nothing and answers with the same round.
    const { finalizeRound } = await api.client.request(
      FinalizeRoundDocument,
      await admin.finalizeRound({ dao: DAO, round: createRound.id }),
    );
    expect(finalizeRound).toMatchObject({ state: 'FINALIZED', allocated: round.allocated });
    const frozen = await rejection(
      api.client.request(
        CancelRoundDocument,
        await admin.cancelRound({ dao: DAO, round: createRound.id, reason: 'Too late.' }),
      ),
    );
    expect(frozen.code).toBe('ROUND_NOT_CANCELABLE');

    // Offline: `guildhall score` on the exported epoch reproduces the incentives behind the allocations.
    const { roundExport } = await api.client.request(RoundExportDocument, { id: createRound.id });
    const epoch = (
      roundExport as {
        result: { epochs: Array<{ kind: string; participants: string[]; yumaInput: unknown }> };
      }
    ).result.epochs.find((entry) => entry.kind === 'FINE_TUNING')!;
    const file = join(await mkdtemp(join(tmpdir(), 'guildhall-score-')), 'epoch.json');
    await writeFile(file, JSON.stringify(epoch.yumaInput));
    const output: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    try {
      expect(await score({ input: file })).toBe(0);
    } finally {
      write.mockRestore();
    }
    const rescored = JSON.parse(output.join('')) as { incentive: number[] };
    const exported = (
      roundExport as {
        allocations: Array<{
          pool: string;
          recipient: string;
          explanation: { details: { incentive: number } };
        }>;
      }
    ).allocations;
    for (const [index, participant] of epoch.participants.entries()) {
      const stored = exported.find(
        (entry) => entry.pool === 'FINE_TUNING' && entry.recipient === participant,
      );
      if (stored !== undefined) expect(stored.explanation.details.incentive).toBe(rescored.incentive[index]);
    }
    expect(epoch.participants).toContain(friend.address);
  }, 60_000);

  it('shares recorded revenue pro rata to token holders at a snapshot, the Safe and excluded addresses left out', async () => {
    const chain = defineGuildhallChain({ chainId: 31337, rpcUrl: stack.chain.rpcUrl });
    const reader = createPublicClient({ chain, transport: http(stack.chain.rpcUrl) });
    const send = async (from: number, to: Hex, amount: bigint) => {
      const wallet = createWalletClient({
        account: privateKeyToAccount(DEV_ACCOUNTS[from].privateKey),
        chain,
        transport: http(stack.chain.rpcUrl),
      });
      const hash = await wallet.writeContract({
        address: stack.chain.stack.governanceToken,
        abi: erc20VotesAbi,
        functionName: 'transfer',
        args: [to, amount],
      });
      return (await reader.waitForTransactionReceipt({ hash })).blockNumber;
    };
    // A newcomer and the Safe receive tokens; account 9's whole balance goes to the burn address.
    const newcomer = privateKeyToAccount(`0x${'42'.repeat(32)}`).address;
    const MILLION = 10n ** 24n;
    await send(0, newcomer, MILLION / 2n);
    await send(1, stack.chain.stack.daoSafe, MILLION);
    const snapshot = await send(9, '0x000000000000000000000000000000000000dEaD', MILLION);
    await send(2, newcomer, MILLION / 2n); // after the snapshot: changes nothing

    const { recordRevenue } = await api.client.request(
      RecordRevenueDocument,
      await admin.recordRevenue({
        dao: DAO,
        token: stack.chain.stack.payoutToken,
        amount: 900_000_001n,
        periodStart: new Date('2026-10-01T00:00:00Z'),
        periodEnd: new Date('2026-11-01T00:00:00Z'),
        reference: 'sha256:api-usage-2026-10',
      }),
    );
    expect(recordRevenue).toMatchObject({ amount: '900000001', recordedBy: admin.address });
    const bad = await rejection(
      api.client.request(
        RecordRevenueDocument,
        await admin.recordRevenue({
          dao: DAO,
          token: stack.chain.stack.payoutToken,
          amount: 0n,
          periodStart: new Date('2026-10-01T00:00:00Z'),
          periodEnd: new Date('2026-11-01T00:00:00Z'),
          reference: 'nothing',
        }),
      ),
    );
    expect(bad.code).toBe('INVALID_REVENUE');

    const share = async () =>
      api.client.request(
        CreateRevenueShareDocument,
        await admin.createRevenueShare({
          dao: DAO,
          revenue: recordRevenue.id,
          snapshotBlock: snapshot,
          exclude: ['0x000000000000000000000000000000000000dEaD'],
        }),
      );
    const { createRevenueShare } = await share();
    const allocations = createRevenueShare.allocations;
    expect(allocations.map((allocation) => allocation.holder)).not.toContain(stack.chain.stack.daoSafe);
    expect(allocations.map((allocation) => allocation.holder)).not.toContain(DEV_ACCOUNTS[9].address);
    expect(allocations.find((allocation) => allocation.holder === newcomer)?.balance).toBe(
      (MILLION / 2n).toString(),
    );
    expect(allocations.reduce((sum, allocation) => sum + BigInt(allocation.amount), 0n)).toBe(900_000_001n);
    expect(createRevenueShare).toMatchObject({ allocated: '900000001', unallocated: '0' });
    const supply = BigInt(createRevenueShare.eligibleSupply);
    for (const allocation of allocations) {
      const exact = (900_000_001n * BigInt(allocation.balance)) / supply;
      expect(BigInt(allocation.amount) - exact).toBeGreaterThanOrEqual(0n);
      expect(BigInt(allocation.amount) - exact).toBeLessThanOrEqual(1n);
    }
    await sleep(1_100); // a second request is a new message, not a replay of the first
    expect((await rejection(share())).code).toBe('REVENUE_ALREADY_SHARED');
    const { revenueRecords } = await api.client.request(RevenueRecordsDocument, { dao: DAO });
    expect(revenueRecords.nodes[0].share?.id).toBe(createRevenueShare.id);
  });

  it('cancels a round before finalization: its attestations are withdrawn and their evidence is free again', async () => {
    const { createRound } = await api.client.request(
      CreateRoundDocument,
      await admin.createRound(roundParams({ name: 'Round to cancel' })),
    );
    const params = {
      dao: DAO,
      round: createRound.id,
      kind: 'FINE_TUNING' as const,
      model: { name: 'guild-7b-instruct', version: '2.0', base: 'guild-7b@1.2' },
      title: 'second tune',
      evidence: [{ uri: 'https://artifacts.example/second-tune', sha256: sha256('second-tune') }],
    };
    const { submitAttestation } = await api.client.request(
      SubmitAttestationDocument,
      await fineTuner.submitAttestation(params),
    );
    const { cancelRound } = await api.client.request(
      CancelRoundDocument,
      await admin.cancelRound({ dao: DAO, round: createRound.id, reason: 'Budget moved to Q1.' }),
    );
    expect(cancelRound.state).toBe('CANCELED');
    expect(
      (await api.client.request(AttestationDocument, { id: submitAttestation.id })).attestation.status,
    ).toBe('WITHDRAWN');
    // Its evidence can go to another round, or outside rounds.
    const { submitAttestation: again } = await api.client.request(
      SubmitAttestationDocument,
      await fineTuner.submitAttestation({ ...params, round: '' }),
    );
    expect(again.status).toBe('IN_REVIEW');
  });
});

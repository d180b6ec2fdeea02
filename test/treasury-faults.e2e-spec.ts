import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createPublicClient, erc20Abi, http, parseEventLogs, type Address, type Hex } from 'viem';
import { DEV_ACCOUNTS, defineGuildhallChain } from '@guildhall/chain';
import { VestingTrancheEntity } from '@guildhall/rewards/datasources';
import {
  AcceptBountyWorkDocument,
  BountyDocument,
  ClaimBountyDocument,
  ConfirmSafeTransactionDocument,
  CreateBountyDocument,
  CreateDaoDocument,
  ExecuteSafeTransactionDocument,
  ProposeRoundPayoutsDocument,
  RoundDocument,
  SafeTransactionDocument,
  SafeTransactionsDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  SubmitBountyWorkDocument,
  type SafeTransactionFieldsFragment,
} from '@guildhall/sdk';
import { devSigner, permissiveRules, sha256, sleep } from './support/actors.js';
import { finalizedRound, tokenBalance, waitFor } from './support/rounds.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'fault-guild';
const RELAY = { RELAYER_PRIVATE_KEY: DEV_ACCOUNTS[9].privateKey };

/** A TCP proxy to the devnet that can refuse connections for a while, as a failing RPC node does. */
class FlakyRpc {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the port (connections are refused) and drops every open connection. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe('Treasury faults: every tranche is paid exactly once', () => {
  let stack: TestStack;
  let rpc: FlakyRpc;
  const admin = devSigner(5);
  const [owner1, owner2] = [devSigner(1), devSigner(2)];
  const [reviewer1, reviewer2] = [devSigner(6), devSigner(7)];

  beforeAll(async () => {
    stack = await TestStack.start();
    rpc = new FlakyRpc(new URL(stack.chain.rpcUrl));
    await rpc.up();
  });

  afterAll(async () => {
    await stack?.close();
    await rpc?.down();
  });

  it('survives a killed API, a killed worker, an RPC refusing connections and two executions at once', async () => {
    // Two transfers per Safe transaction: four allocations make two payout transactions.
    const limits = { MAX_TRANSFERS_PER_TX: '2' };
    let worker: TestApi = await stack.api({ ...RELAY, ...limits });
    await worker.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Fault Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    await worker.client.request(
      SetReviewersDocument,
      await admin.setReviewers({ dao: DAO, reviewers: [reviewer1.address, reviewer2.address] }),
    );
    const { round, allocations } = await finalizedRound(worker.client, {
      dao: DAO,
      admin,
      token: stack.chain.stack.payoutToken,
      budget: 100_000_000n,
      contributors: [
        { signer: devSigner(4), kind: 'FINE_TUNING' },
        { signer: devSigner(8), kind: 'SAFETY_EVALUATION' },
      ],
      reviewers: [reviewer1, reviewer2],
    });
    expect(allocations).toHaveLength(4);
    const balance = (holder: Address) =>
      tokenBalance(stack.chain.rpcUrl, stack.chain.stack.payoutToken, holder);
    const before = new Map(
      await Promise.all(allocations.map(async (a) => [a.recipient, await balance(a.recipient)] as const)),
    );
    const { proposeRoundPayouts: payouts } = await worker.client.request(ProposeRoundPayoutsDocument, {
      round: round.id,
    });
    expect(payouts.map((tx) => tx.actions.length)).toEqual([2, 2]);
    const [first, second] = payouts;
    const confirm = async (api: TestApi, tx: SafeTransactionFieldsFragment) => {
      for (const owner of [owner1, owner2])
        await api.client.request(ConfirmSafeTransactionDocument, {
          safeTxHash: tx.safeTxHash,
          signature: await owner.signSafeTransaction(tx),
        });
    };
    const statusOf = async (api: TestApi, safeTxHash: Hex) =>
      (await api.client.request(SafeTransactionDocument, { safeTxHash })).safeTransaction;

    // The API is killed between the confirmations and the execution: the confirmations were kept.
    await confirm(worker, first);
    await confirm(worker, second);
    await worker.close();

    // Two API replicas without a worker: the same execution requested on both at once is sent once,
    // and with no worker running, nothing is indexed (as if the worker died right after the send).
    const apiA = await stack.api(RELAY, { work: false });
    const apiB = await stack.api(RELAY, { work: false });
    expect((await statusOf(apiA, first.safeTxHash)).status).toBe('READY');
    const [viaA, viaB] = await Promise.all(
      [apiA, apiB].map(
        async (api) =>
          (await api.client.request(ExecuteSafeTransactionDocument, { safeTxHash: first.safeTxHash }))
            .executeSafeTransaction,
      ),
    );
    expect(viaA.executionTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(viaB.executionTxHash).toBe(viaA.executionTxHash);
    await sleep(3_000); // a sweep interval and more: nobody indexes
    expect((await statusOf(apiA, first.safeTxHash)).status).toBe('EXECUTING');
    const tranches = () =>
      stack.database.dataSource.getRepository(VestingTrancheEntity).findBy({ roundId: round.id });
    expect((await tranches()).every((t) => t.status === 'PENDING')).toBe(true);

    // A worker comes back behind an RPC that refuses connections: its passes fail, nothing changes.
    await rpc.down();
    worker = await stack.api(limits, { rpcUrl: rpc.url });
    await apiB.client.request(ExecuteSafeTransactionDocument, { safeTxHash: second.safeTxHash });
    await sleep(4_500);
    expect((await statusOf(apiA, first.safeTxHash)).status).toBe('EXECUTING');
    expect((await statusOf(apiA, second.safeTxHash)).status).toBe('EXECUTING');
    expect((await tranches()).every((t) => t.status === 'PENDING')).toBe(true);

    // The RPC answers again: the worker resumes from its cursor and settles everything, once.
    await rpc.up();
    const paid = await waitFor(
      async () => (await apiA.client.request(RoundDocument, { id: round.id })).round,
      (r) => r.state === 'PAID',
      'the round to be PAID',
    );
    const executions = [viaA.executionTxHash, (await statusOf(apiA, second.safeTxHash)).executionTxHash];
    expect(new Set(paid.tranches.map((t) => t.txHash))).toEqual(new Set(executions));
    for (const safeTxHash of [first.safeTxHash, second.safeTxHash])
      expect((await statusOf(apiA, safeTxHash)).status).toBe('EXECUTED');

    // On-chain: each recipient received its allocation exactly once, in one Transfer from the Safe.
    for (const allocation of allocations)
      expect((await balance(allocation.recipient)) - before.get(allocation.recipient)!).toBe(
        BigInt(allocation.amount),
      );
    const client = createPublicClient({
      chain: defineGuildhallChain({ chainId: 31337, rpcUrl: stack.chain.rpcUrl }),
      transport: http(stack.chain.rpcUrl),
    });
    const transfers = (
      await Promise.all(executions.map((hash) => client.getTransactionReceipt({ hash: hash! })))
    ).flatMap((receipt) => parseEventLogs({ abi: erc20Abi, eventName: 'Transfer', logs: receipt.logs }));
    expect(transfers.map((t) => t.args.to).sort()).toEqual(allocations.map((a) => a.recipient).sort());
    await Promise.all([apiA.close(), apiB.close()]);
  });
});

describe('Treasury faults: a bounty accepted while the worker is down is paid exactly once', () => {
  let stack: TestStack;
  const admin = devSigner(5);
  const [owner1, owner2] = [devSigner(1), devSigner(2)];
  const hunter = devSigner(4);

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(() => stack?.close());

  it('proposes the payout once the worker is back, pays it once, and proposes it no more', async () => {
    let worker: TestApi = await stack.api(RELAY);
    await worker.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Fault Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    // The worker stops; an API replica without one takes the bounty to its acceptance.
    await worker.close();
    const api = await stack.api(RELAY, { work: false });
    const { createBounty: bounty } = await api.client.request(
      CreateBountyDocument,
      await admin.createBounty({
        dao: DAO,
        title: 'Fix the tokenizer',
        token: stack.chain.stack.payoutToken,
        amount: 7_000_000n,
        deadline: new Date(Date.now() + 3_600_000),
        claimTtl: 3600,
      }),
    );
    await api.client.request(ClaimBountyDocument, await hunter.claimBounty({ dao: DAO, bounty: bounty.id }));
    const { submitAttestation: work } = await api.client.request(
      SubmitAttestationDocument,
      await hunter.submitAttestation({
        dao: DAO,
        kind: 'INFRASTRUCTURE',
        model: { name: 'guild-7b', version: '1.0' },
        title: 'tokenizer fix',
        evidence: [{ uri: 'https://artifacts.example/tokenizer-fix', sha256: sha256('tokenizer fix') }],
      }),
    );
    const { submitBountyWork } = await api.client.request(
      SubmitBountyWorkDocument,
      await hunter.submitBountyWork({ dao: DAO, bounty: bounty.id, attestation: work.id }),
    );
    await api.client.request(
      AcceptBountyWorkDocument,
      await admin.acceptBountyWork({ dao: DAO, claim: submitBountyWork.claims[0].id }),
    );
    const bountyTxs = async () =>
      (
        await api.client.request(SafeTransactionsDocument, { dao: DAO, first: 100 })
      ).safeTransactions.nodes.filter((tx) => tx.origin.kind === 'BOUNTY');
    const read = async () => (await api.client.request(BountyDocument, { id: bounty.id })).bounty;
    await sleep(3_000); // more than a sweep interval: nobody proposes
    expect(await bountyTxs()).toEqual([]);
    expect(await read()).toMatchObject({ state: 'ACCEPTED', payouts: [{ status: 'PENDING' }] });

    const before = await tokenBalance(stack.chain.rpcUrl, stack.chain.stack.payoutToken, hunter.address);
    worker = await stack.api(RELAY);
    const [payout] = await waitFor(bountyTxs, (txs) => txs.length > 0, 'the bounty payout proposed');
    for (const owner of [owner1, owner2])
      await api.client.request(ConfirmSafeTransactionDocument, {
        safeTxHash: payout.safeTxHash,
        signature: await owner.signSafeTransaction(payout),
      });
    await api.client.request(ExecuteSafeTransactionDocument, { safeTxHash: payout.safeTxHash });
    const paid = await waitFor(read, (b) => b.state === 'PAID', 'the bounty PAID');
    expect(paid.payouts).toMatchObject([{ payee: hunter.address, amount: '7000000', status: 'PAID' }]);
    expect(
      (await tokenBalance(stack.chain.rpcUrl, stack.chain.stack.payoutToken, hunter.address)) - before,
    ).toBe(7_000_000n);
    await sleep(5_000); // a few more passes: nothing more is proposed for it
    expect((await bountyTxs()).map((tx) => tx.safeTxHash)).toEqual([payout.safeTxHash]);
    await Promise.all([api.close(), worker.close()]);
  });
});

import { existsSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { AppConfig } from '@guildhall/config';
import { DEV_ACCOUNTS, defineGuildhallChain } from '@guildhall/chain';
import { DatabaseErrorCode, LOCK_FILE_NAME } from '@guildhall/database';
import {
  CastVoteDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  DaoDocument,
  GuildhallClient,
  GuildhallSigner,
  HealthDocument,
  VoteCastDocument,
} from '@guildhall/sdk';
import { Progress } from '../apps/cli/src/progress.js';
import { startEmbeddedStack, type EmbeddedStack } from '../apps/cli/src/stack/embedded-stack.js';
import { embeddedHome } from './support/embedded-home.js';

/** `guildhall start` (what `npm start` runs), in-process, on an empty GUILDHALL_HOME and free ports. */
describe('guildhall start: the embedded stack', () => {
  let home: string;
  let config: AppConfig;
  const notices: string[] = [];

  const start = (fresh = false): Promise<EmbeddedStack> =>
    startEmbeddedStack(config, {
      fresh,
      progress: new Progress(true),
      notice: (message) => notices.push(message),
    });

  const snapshot = async (stack: EmbeddedStack) => {
    const client = new GuildhallClient({ url: stack.graphqlUrl });
    const [{ dao }, { health }] = await Promise.all([
      client.request(DaoDocument, { slug: 'demo' }),
      client.request(HealthDocument),
    ]);
    return { dao, health };
  };

  beforeAll(() => {
    ({ home, config } = embeddedHome('guildhall-home'));
  });

  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('starts from nothing, keeps database and chain across a restart, and --fresh starts over', async () => {
    // Cold start: migrations, the dev stack, the demo DAO bound to it.
    let stack = await start();
    const first = await snapshot(stack);
    expect(stack.demoDao).toBe('demo');
    expect(first.health).toMatchObject({
      status: 'UP',
      database: { status: 'UP' },
      chain: { status: 'UP', chainId: 31337 },
    });
    expect(first.dao).toMatchObject({
      governanceToken: stack.devStack!.governanceToken,
      safeAddress: stack.devStack!.daoSafe,
    });

    // Some chain activity the restart must keep.
    const chain = defineGuildhallChain({ chainId: 31337, rpcUrl: stack.config.chain.rpcUrl });
    const sender = privateKeyToAccount(DEV_ACCOUNTS[4].privateKey);
    const recipient = DEV_ACCOUNTS[5].address;
    const wallet = createWalletClient({ account: sender, chain, transport: http(stack.config.chain.rpcUrl) });
    const reader = createPublicClient({ chain, transport: http(stack.config.chain.rpcUrl) });
    const hash = await wallet.sendTransaction({ to: recipient, value: parseEther('1.5') });
    await reader.waitForTransactionReceipt({ hash });
    const balance = await reader.getBalance({ address: recipient });
    const block = await reader.getBlockNumber();
    await stack.close();

    // Warm start: the same DAO row, the same chain state, nothing reset.
    stack = await start();
    const second = await snapshot(stack);
    const rpc = createPublicClient({ chain, transport: http(stack.config.chain.rpcUrl) });
    expect(second.dao.id).toBe(first.dao.id);
    expect(await rpc.getBlockNumber()).toBe(block);
    expect(await rpc.getBalance({ address: recipient })).toBe(balance);
    expect(stack.devStack!.deployed).toBe(false);
    expect(notices).toEqual([]);
    await stack.close();

    // A database without its devnet journal is reset with a notice, never kept pointing at a lost chain.
    await rm(join(home, 'devnet.journal'));
    stack = await start();
    expect((await snapshot(stack)).dao.id).not.toBe(first.dao.id);
    expect(notices).toEqual([
      `Resetting ${home}: the embedded database has no devnet journal to go with it.`,
    ]);
    await stack.close();

    // --fresh: a new database and a new chain.
    stack = await start(true);
    const fresh = await snapshot(stack);
    expect(fresh.dao.id).not.toBe(first.dao.id);
    expect(stack.devStack!.deployed).toBe(true);
    expect(notices.at(-1)).toBe(`Resetting ${home}: starting fresh (--fresh).`);
    await stack.close();
    expect(existsSync(join(home, 'pgdata'))).toBe(true);
  }, 180_000);

  it('refuses --fresh, and any second start, on a home a running instance uses, and leaves it serving', async () => {
    const stack = await start();
    const before = await snapshot(stack);
    try {
      for (const fresh of [true, false]) {
        await expect(start(fresh)).rejects.toMatchObject({
          code: DatabaseErrorCode.EMBEDDED_DATA_DIR_LOCKED,
          details: { pid: process.pid },
        });
      }
      // Still serving the same data, and still writing.
      expect((await snapshot(stack)).dao.id).toBe(before.dao.id);
      const client = new GuildhallClient({ url: stack.graphqlUrl });
      const signer = new GuildhallSigner(privateKeyToAccount(DEV_ACCOUNTS[6].privateKey), 31337);
      const { createProposal } = await client.request(
        CreateProposalDocument,
        await signer.createProposal({
          dao: 'demo',
          title: 'Still here',
          voteType: 'basic',
          choices: ['For', 'Against', 'Abstain'],
        }),
      );
      expect(createProposal.title).toBe('Still here');
      await client.close();
    } finally {
      await stack.close();
    }
    expect(existsSync(join(home, LOCK_FILE_NAME))).toBe(false);
  }, 120_000);

  it('reports and takes over the lock of an instance that stopped without releasing it', async () => {
    const deadPid = Number(
      execFileSync(process.execPath, ['--eval', 'console.log(process.pid)']).toString().trim(),
    );
    await writeFile(
      join(home, LOCK_FILE_NAME),
      JSON.stringify({ pid: deadPid, hostname: hostname(), token: 'x' }),
    );
    notices.length = 0;
    const stack = await start();
    await stack.close();
    expect(notices).toEqual([
      `Took over ${home} from process ${deadPid}, which stopped without releasing it.`,
    ]);
  }, 120_000);

  it('tells a voteCast subscriber of a vote', async () => {
    const stack = await start();
    const client = new GuildhallClient({ url: stack.graphqlUrl });
    const signer = (index: number) =>
      new GuildhallSigner(privateKeyToAccount(DEV_ACCOUNTS[index].privateKey), 31337);
    try {
      await client.request(
        CreateDaoDocument,
        await signer(5).createDao({
          dao: 'watch-guild',
          name: 'Watch Guild',
          governanceToken: stack.devStack!.governanceToken,
          safe: stack.devStack!.daoSafe,
          rules: {
            votingDelay: 0,
            votingPeriod: 600,
            proposalThreshold: 1n,
            quorumKind: 'ABSOLUTE',
            quorum: 1n,
            supermajorityBps: 0,
            voteTypes: ['single-choice'],
            allowVoteChange: true,
          },
        }),
      );
      const { createProposal: proposal } = await client.request(
        CreateProposalDocument,
        await signer(5).createProposal({
          dao: 'watch-guild',
          title: 'Watched',
          voteType: 'single-choice',
          choices: ['A', 'B'],
        }),
      );
      const events = client.subscribe(VoteCastDocument, { proposalId: proposal.id });
      const next = events.next();
      // graphql-ws subscribes asynchronously: give the server a moment to register the listener.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { castVote } = await client.request(
        CastVoteDocument,
        await signer(4).castVote({ dao: 'watch-guild', proposal: proposal.id, choice: 2 }),
      );
      expect((await next).value).toEqual({ voteCast: castVote });
      await events.return?.();
    } finally {
      await client.close();
      await stack.close();
    }
  }, 120_000);
});

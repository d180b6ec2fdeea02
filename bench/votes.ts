/**
 * Signed votes through GraphQL over HTTP against real PostgreSQL and the devnet, at 1, 16 and 64
 * concurrent clients: votes/s, p50 and p99 latency. Each level's proposal has a snapshot block of
 * its own, so the API has none of its voters' power cached before the proposal is created; it reads
 * the electorate's power ahead then (VotingPowerReadAhead), as in production. First, a
 * micro-benchmark of what verifying one vote's EOA signature costs on one core: the EIP-712 hash,
 * then public-key recovery with viem's pure JS (@noble/curves) or with libsecp256k1 (the
 * `secp256k1` package's prebuilt binding); then how long reading the electorate ahead takes.
 *
 *   npm run bench:votes               # 10,000 votes per level, one API process (API_WORKERS=1)
 *   npm run bench:votes -- 2000 2     # fewer votes, two API processes
 *
 * Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres). The
 * API runs as in production, in a process of its own (the build, NODE_ENV=production, logs at
 * warn), the devnet in another (as a chain node runs apart), the clients in this one; all of them
 * share the machine's cores. Every vote is signed and serialized before the clock starts: the
 * clients only send them (keep-alive HTTP/1.1, one connection per client) and wait for each answer.
 */
import 'reflect-metadata';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { Logger } from '@nestjs/common';
import { print } from 'graphql';
import {
  createPublicClient,
  createTestClient,
  hashTypedData,
  http,
  recoverAddress,
  recoverTypedDataAddress,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  ChainClientManager,
  ChainReader,
  DEV_ACCOUNTS,
  defineGuildhallChain,
  deployDevStack,
  recoverSigner,
  SIGNER_RECOVERY,
} from '@guildhall/chain';
import { mintDelegatedVoters } from '@guildhall/chain/testing';
import { testConfig } from '@guildhall/config/testing';
import { guildhallTypedData, hashGuildhallTypedData } from '@guildhall/core';
import { connectDataSource } from '@guildhall/database';
import { GovernanceChainReader, TokenLogIndexer, VotingPowerReadAhead } from '@guildhall/governance';
import { CastVoteDocument, CreateProposalDocument, GuildhallSigner } from '@guildhall/sdk';
import {
  cpuMsOf,
  createBenchDatabase,
  createBenchDao,
  forkBenchDevnet,
  postgresCpuMs,
  postgresCpuMsSince,
  spawnBenchApi,
} from './support/bench-stack.js';

const votesPerLevel = Number(process.argv[2] ?? 10_000);
const apiWorkers = Number(process.argv[3] ?? 1);
const levels = [1, 16, 64];
// eslint-disable-next-line no-restricted-syntax -- a bench reads its server from the shell, as the tests do
const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** Calls of `run` per second on this thread, over two seconds. */
async function rate(label: string, run: () => unknown): Promise<void> {
  const started = performance.now();
  let calls = 0;
  while (performance.now() - started < 2_000) {
    await run();
    calls += 1;
  }
  const perSecond = calls / ((performance.now() - started) / 1000);
  console.log(
    `  ${label.padEnd(58)} ${String(Math.round(perSecond)).padStart(6)}/s  ${(1000 / perSecond).toFixed(3)} ms`,
  );
}

/** CPU time (ms) this process — the clients — has used so far. */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** One GraphQL request; fails on anything but an answer with data and no errors. */
function post(url: string, agent: Agent, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const answer = Buffer.concat(chunks).toString();
          if (response.statusCode === 200 && !answer.includes('"errors"')) resolve();
          else reject(new Error(`HTTP ${response.statusCode}: ${answer}`));
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function main(): Promise<void> {
  const database = await createBenchDatabase(server);
  const devnet = await forkBenchDevnet();
  const stack = await deployDevStack(devnet.url);
  const chain = defineGuildhallChain({ chainId: devnet.chainId, rpcUrl: devnet.url });

  // Voters: fresh keys, each minted one token and delegated to itself.
  const started = performance.now();
  const voters = await mintDelegatedVoters({
    rpcUrl: devnet.url,
    chainId: devnet.chainId,
    governanceToken: stack.governanceToken,
    count: votesPerLevel,
  });
  console.log(
    `setup: ${voters.length} voters minted and delegated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // What verifying one vote's EOA signature costs on one core.
  const typedData = guildhallTypedData(devnet.chainId, 'Vote', {
    from: voters[0].address,
    dao: 'bench',
    proposal: '00000000-0000-4000-8000-000000000000',
    choice: '1',
    reason: '',
    timestamp: 1n,
  });
  const signature = await voters[0].signTypedData(typedData);
  const hash = hashTypedData(typedData);
  console.log(`signature recovery, one core (the API recovers with ${SIGNER_RECOVERY}):`);
  await rate('viem recoverTypedDataAddress (hash + pure-JS recovery)', () =>
    recoverTypedDataAddress({ ...typedData, signature }),
  );
  await rate('hashTypedData + recoverSigner (libsecp256k1)', async () =>
    recoverSigner(hashTypedData(typedData), signature),
  );
  await rate('hashGuildhallTypedData + recoverSigner (what the API runs)', async () =>
    recoverSigner(hashGuildhallTypedData(typedData), signature),
  );
  await rate('hashTypedData alone (viem)', () => hashTypedData(typedData));
  await rate('hashGuildhallTypedData alone (wasm keccak, type hashes kept)', () =>
    hashGuildhallTypedData(typedData),
  );
  await rate('recovery alone: viem recoverAddress (pure JS)', () => recoverAddress({ hash, signature }));
  await rate('recovery alone: recoverSigner (libsecp256k1)', () => recoverSigner(hash, signature));

  // How long after a proposal is created its votes find their voters' power known: the first time
  // a token is seen, its log is indexed from its deployment; later, only the new blocks.
  const testClient = createTestClient({ mode: 'hardhat', chain, transport: http(devnet.url) });
  Logger.overrideLogger(['warn', 'error']);
  const dataSource = await connectDataSource({ url: database.url });
  const config = testConfig({ databaseUrl: database.url, rpcUrl: devnet.url, chainId: devnet.chainId });
  const chains = new ChainClientManager({ [devnet.chainId]: devnet.url });
  const indexer = new TokenLogIndexer(dataSource, chains, config);
  const readAhead = new VotingPowerReadAhead(
    indexer,
    new GovernanceChainReader(chains, new ChainReader(chains, devnet.chainId), config),
  );
  for (const when of ['token log indexed from its deployment', 'token log already indexed']) {
    await testClient.mine({ blocks: 1 });
    const block = await createPublicClient({ chain, transport: http(devnet.url) }).getBlockNumber();
    const begin = performance.now();
    await readAhead.start(stack.governanceToken, block);
    const delegates = await indexer.delegates(stack.governanceToken, block);
    console.log(
      `electorate read ahead (${when}): ${delegates.length} delegates' power in ${Math.round(performance.now() - begin)} ms`,
    );
  }
  await readAhead.onModuleDestroy();
  await dataSource.destroy();

  const api = await spawnBenchApi({
    databaseUrl: database.url,
    rpcUrl: devnet.url,
    chainId: devnet.chainId,
    poolSize: 20,
    env: { API_WORKERS: String(apiWorkers) },
  });
  console.log(`API: ${apiWorkers} process(es) (API_WORKERS), on ${availableParallelism()} cores`);
  const { client, url: graphqlUrl } = api;
  const alice = new GuildhallSigner(privateKeyToAccount(DEV_ACCOUNTS[5].privateKey), devnet.chainId);
  await createBenchDao(client, alice, {
    slug: 'bench',
    name: 'Bench',
    governanceToken: stack.governanceToken,
    safe: stack.daoSafe,
  });

  // Every level votes on a proposal of its own, every vote signed and serialized beforehand (by
  // then the API has read the proposal's electorate ahead: see the figures above). Each proposal's
  // snapshot is a block of its own (one is mined before each), so no level finds its voters' power
  // cached by the level before.
  const query = print(CastVoteDocument);
  const runs: Array<{ concurrency: number; proposal: string }> = [];
  for (const concurrency of levels) {
    await testClient.mine({ blocks: 1 });
    const { createProposal } = await client.request(
      CreateProposalDocument,
      await alice.createProposal({
        dao: 'bench',
        title: `Bench at ${concurrency}`,
        voteType: 'single-choice',
        choices: ['A', 'B', 'C'],
      }),
    );
    runs.push({ concurrency, proposal: createProposal.id });
  }
  const bodies = new Map<number, string[]>();
  for (const { concurrency, proposal } of runs) {
    const signed = await Promise.all(
      voters.map((voter, i) =>
        new GuildhallSigner(voter, devnet.chainId).castVote({ dao: 'bench', proposal, choice: (i % 3) + 1 }),
      ),
    );
    bodies.set(
      concurrency,
      signed.map((variables) => JSON.stringify({ query, variables })),
    );
  }

  for (const { concurrency } of runs) {
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const votes = bodies.get(concurrency)!;
    const latencies: number[] = [];
    let next = 0;
    const cpuBefore = {
      api: cpuMsOf(api.pid),
      here: ownCpuMs(),
      devnet: cpuMsOf(devnet.pid),
      postgres: postgresCpuMs(),
    };
    const begin = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < votes.length) {
          const body = votes[next++];
          const t0 = performance.now();
          await post(graphqlUrl, agent, body);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - begin) / 1000;
    const perVote = (ms: number) => (ms / votes.length).toFixed(2);
    const cpu = {
      api: perVote(cpuMsOf(api.pid) - cpuBefore.api),
      here: perVote(ownCpuMs() - cpuBefore.here),
      devnet: perVote(cpuMsOf(devnet.pid) - cpuBefore.devnet),
      postgres: perVote(postgresCpuMsSince(cpuBefore.postgres)),
    };
    agent.destroy();
    latencies.sort((a, b) => a - b);
    console.log(
      `${String(concurrency).padStart(2)} clients: ${votes.length} votes in ${seconds.toFixed(1)} s = ${Math.round(votes.length / seconds)} votes/s, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms; CPU ms per vote: API ${cpu.api}, clients ${cpu.here}, devnet ${cpu.devnet}, PostgreSQL ${cpu.postgres}`,
    );
  }

  await api.close();
  await devnet.close();
  await database.drop();
}

await main();

import { rmSync } from 'node:fs';
import { privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS } from '@guildhall/chain';
import { mintDelegatedVoters } from '@guildhall/chain/testing';
import { Progress } from '../apps/cli/src/progress.js';
import { startEmbeddedStack, type EmbeddedStack } from '../apps/cli/src/stack/embedded-stack.js';
import { embeddedHome } from './support/embedded-home.js';
import { missingVotes, percentile, runMixedLoad } from './support/mixed-load.js';

const CLIENTS = 16;
const DURATION_MS = 20_000;

/**
 * `guildhall start` on its embedded database under concurrent load: 16 GraphQL clients for 20 s of
 * signed votes, signed proposals and reads, on a database pool of 20 connections (the extended
 * protocol: every query of the API has parameters). No operation may fail, no read may answer
 * another statement's rows, and every acknowledged vote must be stored afterwards.
 */
describe('guildhall start under concurrent load', () => {
  let home: string;
  let stack: EmbeddedStack;

  beforeAll(async () => {
    const embedded = embeddedHome('guildhall-soak');
    home = embedded.home;
    stack = await startEmbeddedStack(
      { ...embedded.config, database: { ...embedded.config.database, poolSize: 20 } },
      { fresh: false, progress: new Progress(true), notice: () => undefined },
    );
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('answers every operation, with the rows asked for, and keeps every acknowledged vote', async () => {
    const { rpcUrl, chainId } = stack.config.chain;
    const voters = await mintDelegatedVoters({
      rpcUrl,
      chainId,
      governanceToken: stack.devStack!.governanceToken,
      count: 100,
    });

    const report = await runMixedLoad({
      graphqlUrl: stack.graphqlUrl,
      chainId,
      dao: stack.demoDao!,
      voters,
      proposer: privateKeyToAccount(DEV_ACCOUNTS[5].privateKey),
      clients: CLIENTS,
      durationMs: DURATION_MS,
    });
    console.log(
      `embedded soak: ${report.operations} operations in ${DURATION_MS / 1000} s by ${CLIENTS} clients, ` +
        `${report.votes.length} votes, ${report.proposals.length} proposals, p99 ${percentile(report.latenciesMs, 0.99).toFixed(1)} ms`,
    );

    expect(Object.fromEntries(report.errors)).toEqual({});
    expect(report.wrongAnswers).toEqual([]);
    expect(report.votes.length).toBeGreaterThan(100);
    expect(await missingVotes(stack.config.database.url, report.votes)).toEqual([]);
  }, 180_000);
});

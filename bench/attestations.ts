/**
 * Signed attestations and reviews through GraphQL over HTTP against real PostgreSQL and the devnet:
 * submissions/s, p50 and p99 latency of each; then, on that data set, a reward round's attestations
 * listed 100 at a time with their review counts (`attestations(dao, round, first: 100, after)`): p50
 * and p99 per page. Signing happens before each timed phase and is reported on its own line.
 *
 *   npm run bench:attestations                                  # 20,000 attestations, 100,000 reviews
 *   npm run bench:attestations -- --quick                       # 2,000 and 10,000
 *   npm run bench:attestations -- --attestations 5000 --reviews 25000 --pages 200 --concurrency 16
 *
 * BENCH_ATTESTATIONS, BENCH_REVIEWS, BENCH_PAGES and BENCH_CONCURRENCY set the same from the shell.
 * Every attestation goes to one reward round; its submissions close `--window` seconds after it is
 * created (BENCH_WINDOW; by default time for about 40 submissions/s), the worker then opens its
 * review phase, and the reviews come in while it is open. The reviews are signed meanwhile; the
 * wait is reported. Reviews are spread evenly, at most 9 per attestation (the devnet's token
 * holders other than the DAO admin are the DAO's reviewers; contributors are fresh keys and hold
 * nothing).
 *
 * Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); the
 * API, the devnet and the clients share this process and the machine's cores.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS, deployDevStack, Devnet } from '@guildhall/chain';
import {
  AttestationsDocument,
  GuildhallClient,
  GuildhallSigner,
  CreateRoundDocument,
  SetReviewersDocument,
  SubmitAttestationDocument,
  SubmitReviewDocument,
  UpsertContributorProfileDocument,
  type AttestationKind,
  type AttestationsQueryVariables,
} from '@guildhall/sdk';
import { createBenchDatabase, createBenchDao, startBenchApi } from './support/bench-stack.js';

// eslint-disable-next-line no-restricted-syntax -- a bench reads its sizes and server from the shell, as the tests do
const env = process.env;
const { values: flags } = parseArgs({
  options: {
    attestations: { type: 'string' },
    reviews: { type: 'string' },
    pages: { type: 'string' },
    concurrency: { type: 'string' },
    window: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const count = (flag: string | undefined, variable: string | undefined, fallback: number) => {
  const value = Number(flag ?? variable ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`not a count: ${flag ?? variable}`);
  return value;
};
const attestationCount = count(flags.attestations, env.BENCH_ATTESTATIONS, flags.quick ? 2_000 : 20_000);
const reviewCount = count(flags.reviews, env.BENCH_REVIEWS, flags.quick ? 10_000 : 100_000);
const pageRequests = count(flags.pages, env.BENCH_PAGES, 200);
const concurrency = Math.max(1, count(flags.concurrency, env.BENCH_CONCURRENCY, 16));
const windowSeconds = count(flags.window, env.BENCH_WINDOW, 60 + Math.ceil(attestationCount / 40));
const server = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const DAO = 'bench';
const PAGE_SIZE = 100;
const ATTESTATIONS_PER_CONTRIBUTOR = 4;
const KINDS: readonly AttestationKind[] = ['FINE_TUNING', 'SAFETY_EVALUATION', 'RED_TEAMING'];
const ADMIN = DEV_ACCOUNTS[9];
/** Token holders (1M each, self-delegated on the devnet); none of them submits work. */
const REVIEWERS = DEV_ACCOUNTS.filter((account) => account !== ADMIN);

if (attestationCount === 0 && reviewCount > 0) throw new Error('reviews need attestations');
if (reviewCount > attestationCount * REVIEWERS.length)
  throw new Error(`at most ${REVIEWERS.length} reviews per attestation (one per reviewer)`);

type ListingVariables = Pick<AttestationsQueryVariables, 'dao' | 'round' | 'first' | 'after'>;

/** The listing with the basic fields and the review count only (the SDK's document selects every field). */
const AttestationsBasicDocument = parse(`
  query AttestationsBasic($dao: String!, $round: ID, $first: Int, $after: String) {
    attestations(dao: $dao, round: $round, first: $first, after: $after) {
      nodes { id contributor kind title status reviewCount createdAt }
      pageInfo { endCursor hasNextPage }
    }
  }
`) as TypedDocumentNode<
  {
    attestations: {
      nodes: Array<{ id: string; reviewCount: number }>;
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  },
  ListingVariables
>;

const RoundStateDocument = parse(`
  query RoundState($id: ID!) {
    round(id: $id) {
      state
    }
  }
`) as TypedDocumentNode<{ round: { state: string } }, { id: string }>;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const seconds = (since: number) => (performance.now() - since) / 1000;
const sha256 = (text: string) => `0x${createHash('sha256').update(text).digest('hex')}` as const;

/**
 * Signing blocks the event loop for seconds, keep-alive timers included: before each phase, let the
 * server close the connections that idled past its keep-alive timeout (else a request may go out
 * on a socket the server is closing: ECONNRESET).
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms`;
}

/** Sends every item through `concurrency` clients, each one request at a time; latencies in ms. */
async function pool<T, R>(
  url: string,
  items: readonly T[],
  send: (client: GuildhallClient, item: T) => Promise<R>,
): Promise<{ results: R[]; latencies: number[]; seconds: number }> {
  const results: R[] = new Array<R>(items.length);
  const latencies: number[] = [];
  let next = 0;
  await settle();
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      const client = new GuildhallClient({ url });
      while (next < items.length) {
        const index = next++;
        const t0 = performance.now();
        results[index] = await send(client, items[index]);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { results, latencies, seconds: seconds(begin) };
}

function report(what: string, run: { latencies: number[]; seconds: number }): void {
  const n = run.latencies.length;
  console.log(
    `${what}: ${n} in ${run.seconds.toFixed(1)} s = ${Math.round(n / run.seconds)}/s at ${concurrency} clients, ${summary(run.latencies)}`,
  );
}

async function main(): Promise<void> {
  console.log(
    `${attestationCount} attestations, ${reviewCount} reviews, ${pageRequests} page requests of ${PAGE_SIZE}, ${concurrency} clients`,
  );
  const database = await createBenchDatabase(server);
  const devnet = await Devnet.start();
  const stack = await deployDevStack(devnet.url);
  const api = await startBenchApi({
    databaseUrl: database.url,
    rpcUrl: devnet.url,
    chainId: devnet.chainId,
    poolSize: 20,
  });
  const { client, url: graphqlUrl } = api;

  // The DAO, its reviewers, and a reward round that takes submissions for `windowSeconds`.
  let started = performance.now();
  const owner = new GuildhallSigner(privateKeyToAccount(ADMIN.privateKey), devnet.chainId);
  await createBenchDao(client, owner, {
    slug: DAO,
    name: 'Bench',
    governanceToken: stack.governanceToken,
    safe: stack.daoSafe,
  });
  const reviewers = REVIEWERS.map(
    (account) => new GuildhallSigner(privateKeyToAccount(account.privateKey), devnet.chainId),
  );
  await client.request(
    SetReviewersDocument,
    await owner.setReviewers({ dao: DAO, reviewers: reviewers.map((reviewer) => reviewer.address) }),
  );
  const now = Date.now();
  const closesAt = now + windowSeconds * 1_000;
  const { createRound: round } = await client.request(
    CreateRoundDocument,
    await owner.createRound({
      dao: DAO,
      name: 'Bench round',
      token: stack.payoutToken,
      budget: 1_000_000n,
      submissionsOpenAt: new Date(now - 1_000),
      submissionsCloseAt: new Date(closesAt),
      // Open for the rest of the run: the listing sees the blind phase (counts, no scores).
      reviewDeadline: new Date(closesAt + 86_400_000),
      pools: KINDS.map((kind, i) => ({ kind, shareBps: i === 0 ? 4_000 : 3_000 })),
      minReviews: 3,
      acceptanceScore: 50,
    }),
  );

  // Contributors: fresh keys, a few attestations each, each with a profile.
  const contributors = Array.from(
    { length: Math.ceil(attestationCount / ATTESTATIONS_PER_CONTRIBUTOR) },
    () => new GuildhallSigner(privateKeyToAccount(generatePrivateKey()), devnet.chainId),
  );
  const profiles = await Promise.all(
    contributors.map((contributor, i) =>
      contributor.upsertContributorProfile({
        dao: DAO,
        handle: `contributor-${i}`,
        kinds: [KINDS[i % KINDS.length]],
        links: [`https://huggingface.co/contributor-${i}`],
      }),
    ),
  );
  await pool(graphqlUrl, profiles, (worker, profile) =>
    worker.request(UpsertContributorProfileDocument, profile),
  );
  console.log(
    `setup: DAO with ${reviewers.length} reviewers, a round taking submissions for ${windowSeconds} s, ${contributors.length} contributor profiles in ${seconds(started).toFixed(1)} s`,
  );

  const ids = await submitAttestations(graphqlUrl, contributors, round.id);
  const reviews = await signReviews(reviewers, ids);
  started = performance.now();
  while ((await client.request(RoundStateDocument, { id: round.id })).round.state !== 'REVIEWING')
    await new Promise((resolve) => setTimeout(resolve, 500));
  console.log(
    `review phase: open after another ${seconds(started).toFixed(1)} s (the end of the round's window)`,
  );
  // Handed over, not kept: the listing runs without 100,000 signed messages in memory.
  report(
    'reviews',
    await pool(graphqlUrl, reviews.splice(0), (worker, review) =>
      worker.request(SubmitReviewDocument, review),
    ),
  );

  // Listing: one client walks the round's pages newest first, starting over at the end.
  const list = async <R>(
    document: TypedDocumentNode<R, ListingVariables>,
    page: (result: R) => {
      nodes: ReadonlyArray<{ reviewCount: number }>;
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    },
  ) => {
    const latencies: number[] = [];
    let after: string | null = null;
    let listed = 0;
    let counted = 0;
    let walks = 0;
    for (let i = 0; i < 10 + pageRequests; i++) {
      const t0 = performance.now();
      const { nodes, pageInfo } = page(
        await client.request(document, { dao: DAO, round: round.id, first: PAGE_SIZE, after }),
      );
      if (i >= 10) latencies.push(performance.now() - t0); // the first 10 warm up
      if (walks === 0) {
        listed += nodes.length;
        counted += nodes.reduce((sum, node) => sum + node.reviewCount, 0);
      }
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
      if (after === null) walks += 1;
    }
    return { latencies, check: walks > 0 ? `${listed} listed, ${counted} reviews counted` : '' };
  };
  for (const [what, run] of [
    ['every field', await list(AttestationsDocument, (result) => result.attestations)],
    ['basic fields', await list(AttestationsBasicDocument, (result) => result.attestations)],
  ] as const) {
    console.log(
      `listing (${what}, reviewCount): ${run.latencies.length} pages of ${PAGE_SIZE}, ${summary(run.latencies)}${run.check && ` (one full walk: ${run.check})`}, machine load ${loadavg()[0].toFixed(2)}`,
    );
  }

  await api.close();
  await devnet.close();
  await database.drop();
}

/** Attestations to the round, 1 to 3 evidence entries each (hashes unique across the run), two metrics; their ids. */
async function submitAttestations(
  graphqlUrl: string,
  contributors: readonly GuildhallSigner[],
  round: string,
): Promise<string[]> {
  const started = performance.now();
  const attestations = await Promise.all(
    Array.from({ length: attestationCount }, (_, i) => {
      const kind = KINDS[i % KINDS.length];
      return contributors[i % contributors.length].submitAttestation({
        dao: DAO,
        round,
        kind,
        model: {
          name: `guild-llm-${i % 7}`,
          version: `1.${i % 5}`,
          base: kind === 'FINE_TUNING' ? 'llama@3.1' : undefined,
        },
        title: `Bench attestation ${i}`,
        summary: `Work item ${i}, submitted by the attestation bench.`,
        evidence: Array.from({ length: 1 + (i % 3) }, (_, e) => ({
          uri: `https://huggingface.co/bench/artifact-${i}-${e}`,
          sha256: sha256(`attestation ${i} evidence ${e}`),
        })),
        metrics: { accuracy: (i % 100) / 100, samples: 1_000 + i },
      });
    }),
  );
  const signing = seconds(started);
  console.log(
    `signing: ${attestations.length} attestations in ${signing.toFixed(1)} s = ${Math.round(attestations.length / signing)}/s (not timed below)`,
  );
  const submitted = await pool(graphqlUrl, attestations, async (worker, attestation) => {
    const { submitAttestation } = await worker.request(SubmitAttestationDocument, attestation);
    return submitAttestation.id;
  });
  report('attestations', submitted);
  return submitted.results;
}

/**
 * Review r goes to attestation r mod N, so consecutive ones lock different rows; the reviewers of
 * one attestation are distinct.
 */
async function signReviews(reviewers: readonly GuildhallSigner[], attestations: readonly string[]) {
  const started = performance.now();
  const reviews = await Promise.all(
    Array.from({ length: reviewCount }, (_, r) => {
      const target = r % attestationCount;
      const round = Math.floor(r / attestationCount);
      return reviewers[(target + round) % reviewers.length].submitReview({
        dao: DAO,
        attestation: attestations[target],
        score: (target * 7 + round * 13) % 101,
        comment: `Review ${round} of attestation ${target}`,
      });
    }),
  );
  const signing = seconds(started);
  console.log(
    `signing: ${reviews.length} reviews in ${signing.toFixed(1)} s = ${Math.round(reviews.length / signing)}/s (not timed below)`,
  );
  return reviews;
}

await main();

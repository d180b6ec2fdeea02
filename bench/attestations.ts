/**
 * Signed attestations and reviews through GraphQL over HTTP against real PostgreSQL and the devnet:
 * submissions/s, p50 and p99 latency of each; then, on that data set, a DAO's attestations listed
 * 100 at a time with their review counts (`attestations(dao, first: 100, after)`): p50 and p99 per
 * page. Signing happens before each timed phase and is reported on its own line.
 *
 *   npm run bench:attestations                                  # 20,000 attestations, 100,000 reviews
 *   npm run bench:attestations -- --quick                       # 2,000 and 10,000
 *   npm run bench:attestations -- --attestations 5000 --reviews 25000 --pages 200 --concurrency 16
 *
 * BENCH_ATTESTATIONS, BENCH_REVIEWS, BENCH_PAGES and BENCH_CONCURRENCY set the same from the shell.
 * Reviews are spread evenly, at most 9 per attestation (the devnet's token holders other than the
 * DAO admin are the reviewers; contributors are fresh keys and hold nothing).
 *
 * Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); the
 * API, the devnet and the clients share this process and the machine's cores.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS, deployDevStack, Devnet } from '@guildhall/chain';
import {
  AttestationsDocument,
  GuildhallClient,
  GuildhallSigner,
  SetReviewersDocument,
  SetReviewPolicyDocument,
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

/** The listing with the basic fields and the review count only (the SDK's document selects every field). */
const AttestationsBasicDocument = parse(`
  query AttestationsBasic($dao: String!, $first: Int, $after: String) {
    attestations(dao: $dao, first: $first, after: $after) {
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
  Pick<AttestationsQueryVariables, 'dao' | 'first' | 'after'>
>;

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

  // The DAO, its reviewers and a review phase long enough to stay open for the whole run.
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
  await client.request(
    SetReviewPolicyDocument,
    await owner.setReviewPolicy({
      dao: DAO,
      cosignWindow: 3_600,
      reviewPeriod: 86_400,
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
    `setup: DAO with ${reviewers.length} reviewers, ${contributors.length} contributor profiles in ${seconds(started).toFixed(1)} s`,
  );

  // Attestations: 1 to 3 evidence entries each (hashes unique across the run), two metrics.
  started = performance.now();
  const attestations = await Promise.all(
    Array.from({ length: attestationCount }, (_, i) => {
      const kind = KINDS[i % KINDS.length];
      return contributors[i % contributors.length].submitAttestation({
        dao: DAO,
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
  const attestationSigning = seconds(started);
  console.log(
    `signing: ${attestations.length} attestations in ${attestationSigning.toFixed(1)} s = ${Math.round(attestations.length / attestationSigning)}/s (not timed below)`,
  );
  const submitted = await pool(graphqlUrl, attestations, async (worker, attestation) => {
    const { submitAttestation } = await worker.request(SubmitAttestationDocument, attestation);
    return submitAttestation.id;
  });
  report('attestations', submitted);

  // Reviews: review r goes to attestation r mod N, so consecutive ones lock different rows; the
  // reviewers of one attestation are distinct.
  started = performance.now();
  const reviews = await Promise.all(
    Array.from({ length: reviewCount }, (_, r) => {
      const target = r % attestationCount;
      const round = Math.floor(r / attestationCount);
      return reviewers[(target + round) % reviewers.length].submitReview({
        dao: DAO,
        attestation: submitted.results[target],
        score: (target * 7 + round * 13) % 101,
        comment: `Review ${round} of attestation ${target}`,
      });
    }),
  );
  const reviewSigning = seconds(started);
  console.log(
    `signing: ${reviews.length} reviews in ${reviewSigning.toFixed(1)} s = ${Math.round(reviews.length / reviewSigning)}/s (not timed below)`,
  );
  report(
    'reviews',
    await pool(graphqlUrl, reviews, (worker, review) => worker.request(SubmitReviewDocument, review)),
  );

  // Listing: one client walks the pages newest first, starting over at the end.
  const list = async <R>(
    document: TypedDocumentNode<R, Pick<AttestationsQueryVariables, 'dao' | 'first' | 'after'>>,
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
      const { nodes, pageInfo } = page(await client.request(document, { dao: DAO, first: PAGE_SIZE, after }));
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
      `listing (${what}, reviewCount): ${run.latencies.length} pages of ${PAGE_SIZE}, ${summary(run.latencies)}${run.check && ` (one full walk: ${run.check})`}`,
    );
  }

  await api.close();
  await devnet.close();
  await database.drop();
}

await main();

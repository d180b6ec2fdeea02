import { createPublicClient, erc20Abi, http, type Address } from 'viem';
// Deep import: the browser tests (Playwright, no decorators) load this file too.
import { defineGuildhallChain } from '../../libs/chain/src/clients/chain-definition.js';
import {
  CreateRoundDocument,
  RoundDocument,
  SubmitAttestationDocument,
  SubmitReviewDocument,
  type GuildhallClient,
  type GuildhallSigner,
} from '@guildhall/sdk';
import { sha256, sleep } from './actors.js';

/**
 * Polls `read` until `done` holds (`timeoutMs` at most, 40 s unless told), failing with what it
 * waited for and the last value.
 */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 40_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(250);
  }
}

/** An ERC20 balance on the devnet. */
export function tokenBalance(rpcUrl: string, token: Address, holder: Address): Promise<bigint> {
  return createPublicClient({
    chain: defineGuildhallChain({ chainId: 31337, rpcUrl }),
    transport: http(rpcUrl),
  }).readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [holder] });
}

/**
 * A reward round taken to FINALIZED through the API in about ten seconds: each contributor submits
 * one attestation to its kind's pool (half each), every reviewer scores every attestation, the
 * worker finalizes at the deadline. Returns the round and its non-zero allocations.
 */
export async function finalizedRound(
  client: GuildhallClient,
  params: {
    dao: string;
    admin: GuildhallSigner;
    token: Address;
    budget: bigint;
    contributors: ReadonlyArray<{ signer: GuildhallSigner; kind: 'FINE_TUNING' | 'SAFETY_EVALUATION' }>;
    reviewers: readonly GuildhallSigner[];
    name?: string;
  },
) {
  const now = Date.now();
  const { createRound } = await client.request(
    CreateRoundDocument,
    await params.admin.createRound({
      dao: params.dao,
      name: params.name ?? 'Spring',
      token: params.token,
      budget: params.budget,
      submissionsOpenAt: new Date(now - 1_000),
      submissionsCloseAt: new Date(now + 4_000),
      reviewDeadline: new Date(now + 8_000),
      pools: [
        { kind: 'FINE_TUNING', shareBps: 5_000 },
        { kind: 'SAFETY_EVALUATION', shareBps: 5_000 },
      ],
      minReviews: params.reviewers.length,
      acceptanceScore: 10,
    }),
  );
  const attestations = [];
  for (const [index, { signer, kind }] of params.contributors.entries()) {
    const title = `${createRound.id}-${index}`;
    const { submitAttestation } = await client.request(
      SubmitAttestationDocument,
      await signer.submitAttestation({
        dao: params.dao,
        round: createRound.id,
        kind,
        model: { name: 'guild-7b', version: '1.0', base: 'guild-7b@0.9' },
        title,
        evidence: [{ uri: `https://artifacts.example/${title}`, sha256: sha256(title) }],
      }),
    );
    attestations.push(submitAttestation);
  }
  const round = async (first?: number) =>
    (await client.request(RoundDocument, { id: createRound.id, first })).round;
  await waitFor(
    () => round(),
    (r) => r.state === 'REVIEWING',
    'the review phase',
  );
  for (const reviewer of params.reviewers)
    for (const [index, attestation] of attestations.entries())
      await client.request(
        SubmitReviewDocument,
        await reviewer.submitReview({
          dao: params.dao,
          attestation: attestation.id,
          score: 60 + 10 * (index % 4),
        }),
      );
  const finalized = await waitFor(
    () => round(100),
    (r) => r.state !== 'REVIEWING',
    'finalization',
  );
  return {
    round: finalized,
    attestations,
    allocations: finalized.allocations.nodes.filter((allocation) => BigInt(allocation.amount) > 0n),
  };
}

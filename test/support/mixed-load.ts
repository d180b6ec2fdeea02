import pg from 'pg';
import type { PrivateKeyAccount } from 'viem/accounts';
import {
  CastVoteDocument,
  CreateProposalDocument,
  DaoDocument,
  GuildhallApiError,
  GuildhallClient,
  GuildhallSigner,
  ProposalDocument,
  ProposalsDocument,
} from '@guildhall/sdk';
import { seededRandom } from '../../bench/support/seeded-random.js';

/**
 * The mixed load of the hardening reports, as concurrent GraphQL clients would send it: 45% signed
 * votes, 5% signed proposals, 50% reads (a proposal with its votes, a page of proposals, the DAO).
 * Every vote is a new (voter, proposal) pair, so each acknowledged vote must be found afterwards.
 * Reads check that they got the rows they asked for, and that a proposal counts at least the votes
 * acknowledged before the read was sent.
 */
export interface MixedLoadOptions {
  readonly graphqlUrl: string;
  readonly chainId: number;
  readonly dao: string;
  /** Accounts with voting power in `dao` before the load starts. */
  readonly voters: readonly PrivateKeyAccount[];
  /** Creates the proposals (the DAO's proposal threshold must let it). */
  readonly proposer: PrivateKeyAccount;
  readonly clients: number;
  readonly durationMs: number;
  readonly seed?: number;
}

export interface AcknowledgedVote {
  readonly proposal: string;
  readonly voter: string;
  readonly choice: number;
  readonly signature: string;
}

export interface MixedLoadReport {
  readonly operations: number;
  /** Failed operations by error code (`NETWORK` when the API was not reached). */
  readonly errors: ReadonlyMap<string, number>;
  /** Reads answered with rows other than those asked for, or missing acknowledged votes. */
  readonly wrongAnswers: readonly string[];
  readonly votes: readonly AcknowledgedVote[];
  readonly proposals: readonly string[];
  /** Latency of every operation, ascending, in milliseconds. */
  readonly latenciesMs: readonly number[];
}

export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadReport> {
  const random = seededRandom(options.seed ?? 18);
  const proposer = new GuildhallSigner(options.proposer, options.chainId);
  const voters = options.voters.map((account) => new GuildhallSigner(account, options.chainId));
  const errors = new Map<string, number>();
  const wrongAnswers: string[] = [];
  const votes: AcknowledgedVote[] = [];
  const latenciesMs: number[] = [];
  /** Open proposals with the index of the next voter that has not voted on them. */
  const open: Array<{ id: string; nextVoter: number }> = [];
  const acknowledgedPer = new Map<string, number>();
  const proposals: string[] = [];
  let proposalsRequested = 0;
  let operations = 0;

  const createProposal = async (client: GuildhallClient): Promise<void> => {
    proposalsRequested += 1;
    const { createProposal: created } = await client.request(
      CreateProposalDocument,
      await proposer.createProposal({
        dao: options.dao,
        title: `Soak ${proposalsRequested}`,
        voteType: 'single-choice',
        choices: ['A', 'B', 'C'],
      }),
    );
    proposals.push(created.id);
    open.push({ id: created.id, nextVoter: 0 });
  };

  const castVote = async (client: GuildhallClient): Promise<void> => {
    const target = open[Math.floor(random() * open.length)];
    const voter = voters[target.nextVoter];
    target.nextVoter += 1;
    if (target.nextVoter === voters.length) open.splice(open.indexOf(target), 1);
    const choice = 1 + Math.floor(random() * 3);
    const envelope = await voter.castVote({ dao: options.dao, proposal: target.id, choice });
    await client.request(CastVoteDocument, envelope);
    votes.push({ proposal: target.id, voter: voter.address, choice, signature: envelope.signature });
    acknowledgedPer.set(target.id, (acknowledgedPer.get(target.id) ?? 0) + 1);
  };

  const read = async (client: GuildhallClient, kind: number): Promise<void> => {
    if (kind < 0.5 && proposals.length > 0) {
      const id = proposals[Math.floor(random() * proposals.length)];
      const acknowledged = acknowledgedPer.get(id) ?? 0;
      const { proposal } = await client.request(ProposalDocument, { id, first: 5 });
      if (proposal?.id !== id) wrongAnswers.push(`proposal ${id} answered ${proposal?.id}`);
      else if (proposal.voteCount < acknowledged)
        wrongAnswers.push(
          `proposal ${id} counts ${proposal.voteCount} of ${acknowledged} acknowledged votes`,
        );
    } else if (kind < 0.8) {
      const { proposals: page } = await client.request(ProposalsDocument, { dao: options.dao, first: 10 });
      const foreign = page.nodes.filter((node) => node.dao !== options.dao);
      if (foreign.length > 0) wrongAnswers.push(`proposals of ${options.dao} listed ${foreign[0].dao}'s`);
    } else {
      const { dao } = await client.request(DaoDocument, { slug: options.dao });
      if (dao.slug !== options.dao) wrongAnswers.push(`dao ${options.dao} answered ${dao.slug}`);
    }
  };

  const deadline = performance.now() + options.durationMs;
  const client = async (): Promise<void> => {
    const api = new GuildhallClient({ url: options.graphqlUrl });
    while (performance.now() < deadline) {
      const roll = random();
      const started = performance.now();
      try {
        if (roll < 0.05 || (roll < 0.5 && open.length === 0)) await createProposal(api);
        else if (roll < 0.5) await castVote(api);
        else await read(api, (roll - 0.5) * 2);
      } catch (error) {
        const code = error instanceof GuildhallApiError ? error.code : 'UNEXPECTED';
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
      latenciesMs.push(performance.now() - started);
      operations += 1;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  latenciesMs.sort((a, b) => a - b);
  return { operations, errors, wrongAnswers, votes, proposals, latenciesMs };
}

/** The acknowledged votes that are not in the database (as the vote and as its signed envelope). */
export async function missingVotes(
  databaseUrl: string,
  votes: readonly AcknowledgedVote[],
): Promise<AcknowledgedVote[]> {
  const db = new pg.Client(databaseUrl);
  await db.connect();
  try {
    const { rows: stored } = await db.query<{ proposal_id: string; voter: string; choice: unknown }>(
      'SELECT proposal_id, voter, choice FROM vote WHERE proposal_id = ANY($1::uuid[])',
      [[...new Set(votes.map((vote) => vote.proposal))]],
    );
    const { rows: envelopes } = await db.query<{ signature: string }>(
      'SELECT signature FROM signed_message WHERE signature = ANY($1::text[])',
      [votes.map((vote) => vote.signature.toLowerCase())],
    );
    const storedVotes = new Set(
      stored.map((row) => `${row.proposal_id}:${row.voter.toLowerCase()}:${JSON.stringify(row.choice)}`),
    );
    const storedEnvelopes = new Set(envelopes.map((row) => row.signature));
    return votes.filter(
      (vote) =>
        !storedVotes.has(`${vote.proposal}:${vote.voter.toLowerCase()}:${vote.choice}`) ||
        !storedEnvelopes.has(vote.signature.toLowerCase()),
    );
  } finally {
    await db.end();
  }
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

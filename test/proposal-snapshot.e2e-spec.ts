import { privateKeyToAccount } from 'viem/accounts';
import { DEV_ACCOUNTS } from '@guildhall/chain';
import {
  CastVoteDocument,
  CreateDaoDocument,
  CreateProposalDocument,
  GuildhallSigner,
  ProposalDocument,
  type ProposalQuery,
} from '@guildhall/sdk';
import { permissiveRules } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'snapshot-guild';
const LOAD_MS = 8_000;

/**
 * What one response says about a proposal must hold together: the votes it lists are the votes its
 * count counts and its tally adds up (every vote's power under its choice), even while votes change.
 */
function inconsistency(proposal: ProposalQuery['proposal']): string | null {
  const { voteCount, tally, votes } = proposal;
  if (votes.pageInfo.hasNextPage) return 'the page does not hold every vote';
  if (votes.nodes.length !== voteCount) return `${votes.nodes.length} votes listed, voteCount ${voteCount}`;
  const scores = tally.scores.map(() => 0n);
  for (const vote of votes.nodes) scores[(JSON.parse(vote.choice) as number) - 1] += BigInt(vote.vp);
  const listed = scores.map(String);
  return listed.every((score, i) => score === tally.scores[i])
    ? null
    : `tally ${tally.scores.join('/')}, listed votes ${listed.join('/')}`;
}

describe('a proposal’s votes, count and tally in one response', () => {
  let stack: TestStack;
  let api: TestApi;
  // Ten voters whose clocks tick a second per message, so that each new vote replaces the last.
  const start = BigInt(Math.floor(Date.now() / 1000)) - 24n * 3600n;
  const voters = DEV_ACCOUNTS.slice(0, 10).map((account) => {
    let timestamp = start;
    return new GuildhallSigner(privateKeyToAccount(account.privateKey), 31337, () => (timestamp += 1n));
  });
  const newProposal = async (title: string) =>
    (
      await api.client.request(
        CreateProposalDocument,
        await voters[0].createProposal({
          dao: DAO,
          title,
          voteType: 'basic',
          choices: ['For', 'Against', 'Abstain'],
        }),
      )
    ).createProposal;

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api();
    await api.client.request(
      CreateDaoDocument,
      await voters[0].createDao({
        dao: DAO,
        name: 'Snapshot Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: { ...permissiveRules, allowVoteChange: true },
      }),
    );
  });

  afterAll(() => stack?.close());

  it('pages the votes by voting power and by time, each vote once, and refuses bad pages', async () => {
    const proposal = await newProposal('Paged');
    for (const [i, voter] of voters.entries())
      await api.client.request(
        CastVoteDocument,
        await voter.castVote({ dao: DAO, proposal: proposal.id, choice: (i % 3) + 1 }),
      );
    const all = async (orderBy: 'VP' | 'CREATED') => {
      const seen: ProposalQuery['proposal']['votes']['nodes'] = [];
      let after: string | null | undefined;
      for (;;) {
        const { proposal: page } = await api.client.request(ProposalDocument, {
          id: proposal.id,
          first: 3,
          after,
          orderBy,
        });
        expect(page.voteCount).toBe(10);
        seen.push(...page.votes.nodes);
        if (!page.votes.pageInfo.hasNextPage) return seen;
        after = page.votes.pageInfo.endCursor;
      }
    };
    const everyone = voters.map((voter) => voter.address).sort();
    expect((await all('VP')).map((vote) => vote.voter).sort()).toEqual(everyone);
    const byTime = await all('CREATED');
    expect(byTime.map((vote) => vote.voter)).toEqual(voters.map((voter) => voter.address));
    expect(byTime.map((vote) => vote.createdAt)).toEqual([...byTime.map((vote) => vote.createdAt)].sort());

    const page = (variables: { first?: number; after?: string; orderBy?: 'VP' | 'CREATED' }) =>
      api.client.request(ProposalDocument, { id: proposal.id, ...variables });
    const { endCursor } = (await page({ first: 3, orderBy: 'CREATED' })).proposal.votes.pageInfo;
    // A cursor of the other order, or none of this API's: a typed error about `after`.
    for (const after of [endCursor!, 'forged'])
      expect(await rejection(page({ first: 3, after, orderBy: 'VP' }))).toMatchObject({
        code: 'BAD_INPUT',
        details: { field: 'after' },
      });
    expect((await rejection(page({ first: 10_000 }))).code).toBe('PAGE_SIZE_EXCEEDED');
  });

  it('answers voteCount, tally and votes from one snapshot in every response while votes change', async () => {
    const proposal = await newProposal('Which way?');

    // Every voter changes their vote as fast as the API takes it, while four readers read.
    const until = Date.now() + LOAD_MS;
    let cast = 0;
    const vote = async (voter: GuildhallSigner, seed: number) => {
      for (let n = seed; Date.now() < until; n += 1) {
        await api.client.request(
          CastVoteDocument,
          await voter.castVote({ dao: DAO, proposal: proposal.id, choice: (n % 3) + 1 }),
        );
        cast += 1;
      }
    };
    const reads: string[] = [];
    const read = async () => {
      while (Date.now() < until) {
        const { proposal: read } = await api.client.request(ProposalDocument, { id: proposal.id, first: 20 });
        reads.push(inconsistency(read) ?? 'consistent');
      }
    };
    await Promise.all([...voters.map(vote), read(), read(), read(), read()]);

    // Enough of both for the race to have had its chances.
    expect(cast).toBeGreaterThan(100);
    expect(reads.length).toBeGreaterThan(50);
    expect(reads.filter((outcome) => outcome !== 'consistent')).toEqual([]);
  }, 60_000);
});

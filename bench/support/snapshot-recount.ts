/**
 * The other side of `bench:recount`: snapshot.js's own voting class counting a proposal export, in a
 * process of its own as `guildhall recount` runs in one (read, parse, count). Votes carry their
 * power as a float `balance`, as Snapshot's do. Prints `{ scores, scoresTotal, importMs, countMs }`:
 * the time the package took to load and the time from reading the file to the scores, so the
 * bench can say how much of the whole process each part is.
 *
 *   node dist/bench/support/snapshot-recount.js FILE
 */
import { readFileSync } from 'node:fs';

interface ExportedVote {
  readonly choice: unknown;
  readonly vp: string;
}
interface Exported {
  readonly type: string;
  readonly choices: string[];
  readonly votes: ExportedVote[];
}
interface VotingClass {
  new (
    proposal: { choices: string[] },
    votes: Array<{ choice: unknown; balance: number; scores: number[] }>,
    strategies: Array<{ name: string; network: string; params: Record<string, unknown> }>,
    selected: unknown,
  ): { getScores(): number[]; getScoresTotal(): number };
}

const started = performance.now();
const snapshot = (await import('@snapshot-labs/snapshot.js')).default as unknown as {
  utils: { voting: Record<string, VotingClass> };
};
const loaded = performance.now();

const exported = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Exported;
const votes = exported.votes.map(({ choice, vp }) => {
  const balance = Number(vp);
  return { choice, balance, scores: [balance] };
});
const Voting = snapshot.utils.voting[exported.type];
const strategies = [{ name: 'erc20-votes', network: '1', params: {} }];
const voting = new Voting({ choices: exported.choices }, votes, strategies, undefined);
const scores = voting.getScores();
const scoresTotal = voting.getScoresTotal();
const counted = performance.now();

process.stdout.write(
  `${JSON.stringify({ scores, scoresTotal, importMs: loaded - started, countMs: counted - loaded })}\n`,
);

import { SCALE, formatFixed } from './fixed-point.js';
import { instantRunoff } from './instant-runoff.js';
import { TallyError, TallyErrorCode } from './tally.error.js';
import type { TallyState } from './tally-state.js';

export interface TallyResult {
  /**
   * Per choice, in choice order, in the base units of `vp`, as decimal strings: integers for
   * basic, single-choice, approval and ranked-choice; up to 18 decimals, rounded down, where
   * weighted or quadratic make a fraction.
   */
  readonly scores: readonly string[];
  /** Σ vp of every counted vote (base units); what quorum is measured against. */
  readonly scoresTotal: string;
  /** scoresTotal ≥ quorum. */
  readonly quorumReached: boolean;
  /**
   * The choice (1-indexed) with the strictly highest score; null with no votes or a tie at the top.
   * For basic this is only the largest of For / Against / Abstain: `basicOutcome` says whether a
   * basic proposal passes.
   */
  readonly winningChoice: number | null;
}

/**
 * The result of a tally against an absolute quorum (base units). Quorum counts all voting power
 * that voted — every choice, Abstain and Against included — as Snapshot does (`scores_total ≥
 * quorum`). (OpenZeppelin's GovernorCountingSimple counts For + Abstain only; Guildhall follows
 * Snapshot, whose vote types it uses.)
 */
export function tallyResult(state: TallyState, quorum: bigint): TallyResult {
  const { scores, order } = scoresOf(state);
  return {
    scores,
    scoresTotal: state.totalVp.toString(),
    quorumReached: state.totalVp >= quorum,
    winningChoice: strictLeader(order),
  };
}

/** The scores, and the exact values that order the choices (before any rounding of the scores). */
function scoresOf(state: TallyState): { scores: string[]; order: readonly bigint[] } {
  switch (state.type) {
    case 'basic':
    case 'single-choice':
    case 'approval':
      return { scores: state.sums.map(String), order: state.sums };
    case 'weighted':
      return { scores: state.sums.map(formatFixed), order: state.sums };
    case 'quadratic': {
      // snapshot.js: square each choice's sum of roots, then scale so the scores add up to Σ vp.
      const squares = state.sums.map((root) => root * root);
      const sumOfSquares = squares.reduce((sum, square) => sum + square, 0n);
      const scores = squares.map((square) =>
        sumOfSquares === 0n ? '0' : formatFixed((state.totalVp * SCALE * square) / sumOfSquares),
      );
      return { scores, order: state.sums };
    }
    case 'ranked-choice': {
      const finalRound = instantRunoff(state.choiceCount, state.ballots);
      return { scores: finalRound.map(String), order: finalRound };
    }
  }
}

function strictLeader(values: readonly bigint[]): number | null {
  let leader: number | null = null;
  let best = 0n;
  for (let index = 0; index < values.length; index += 1) {
    if (values[index] > best) {
      best = values[index];
      leader = index + 1;
    } else if (values[index] === best) {
      leader = null;
    }
  }
  return leader;
}

/**
 * Whether a basic proposal passes on its scores (For, Against, Abstain, base units): For must
 * beat Against, and with a supermajority (basis points) For / (For + Against) must reach it.
 * Abstain counts toward quorum only. Quorum is not checked here (`TallyResult.quorumReached`).
 */
export function basicOutcome(scores: readonly bigint[], supermajorityBps = 0): boolean {
  if (scores.length !== 3) {
    throw new TallyError(
      TallyErrorCode.CHOICE_COUNT_INVALID,
      `basic has 3 scores (For, Against, Abstain), not ${scores.length}`,
      { choiceCount: scores.length },
    );
  }
  if (!Number.isInteger(supermajorityBps) || supermajorityBps < 0 || supermajorityBps > 10_000) {
    throw new TallyError(
      TallyErrorCode.SUPERMAJORITY_OUT_OF_RANGE,
      `a supermajority is 0..10000 basis points, not ${supermajorityBps}`,
      { supermajorityBps },
    );
  }
  const [forVotes, againstVotes] = scores;
  return (
    forVotes > againstVotes && forVotes * 10_000n >= BigInt(supermajorityBps) * (forVotes + againstVotes)
  );
}

import { normalize, sum, type Matrix, type Vector } from './matrix.js';

/**
 * Consensus: per column j, the stake-weighted κ-quantile of the scores the staked rows gave j, from
 * the top — the largest c such that the rows scoring j at least c hold at least κ of the stake
 * (`weighted_median_col` in subtensor's `math.rs`). A row that gave j nothing votes 0.
 *
 * Only rows with stake > 0 vote; their stake is renormalized to sum to 1. The result is the score p
 * with `S(score < p) ≤ 1 − κ < S(score ≤ p)`, which is what subtensor's pivot search converges to:
 * the smallest score when κ ≥ 1, the largest when κ ≤ 0, and 0 for a column nobody can vote on.
 */
export function weightedMedianCol(stake: Vector, scores: Matrix, kappa: number): number[] {
  const voters = stake.flatMap((value, i) => (value > 0 ? [i] : []));
  const voterStake = normalize(voters.map((i) => stake[i]));
  const minority = sum(voterStake) - kappa;
  return Array.from({ length: scores[0]?.length ?? 0 }, (_, j) =>
    quantileFromTop(
      voters.map((i, k) => ({ score: scores[i][j], stake: voterStake[k] })),
      minority,
    ),
  );
}

function quantileFromTop(votes: Array<{ score: number; stake: number }>, minority: number): number {
  votes.sort((a, b) => a.score - b.score);
  let atOrBelow = 0;
  for (let k = 0; k < votes.length; k += 1) {
    atOrBelow += votes[k].stake;
    const lastOfTies = k === votes.length - 1 || votes[k + 1].score !== votes[k].score;
    if (lastOfTies && minority < atOrBelow) return votes[k].score;
  }
  return votes.at(-1)?.score ?? 0;
}

import { normalize, sum, type SparseMatrix, type Vector } from './matrix.js';

/**
 * Consensus: per column j, the stake-weighted κ-quantile of the scores the staked rows gave j, from
 * the top — the largest c such that the rows scoring j at least c hold at least κ of the stake
 * (`weighted_median_col` in subtensor's `math.rs`). A row that gave j nothing votes 0.
 *
 * Only rows with stake > 0 vote; their stake is renormalized to sum to 1. The result is the score p
 * with `S(score > p) < κ ≤ S(score ≥ p)`, which is what subtensor's pivot search converges to: the
 * largest score when κ ≤ 0, the smallest when κ ≥ 1, and 0 for a column nobody can vote on.
 *
 * Only the entries of the voting rows are read, column by column, so a column costs a selection
 * among its own scores: the rows that gave it nothing are one group, at 0.
 */
export function weightedMedianCol(stake: Vector, scores: SparseMatrix, kappa: number): number[] {
  const voterStake = normalize(stake);
  const voters = voterStake.filter((value) => value > 0).length;
  const votes = votesByColumn(voterStake, scores);
  return Array.from({ length: scores.columns }, (_, j) => {
    const [start, end] = [votes.start[j], votes.start[j + 1]];
    const column = [votes.score.subarray(start, end), votes.stake.subarray(start, end)] as const;
    return quantileFromTop(...column, end - start < voters, kappa);
  });
}

/**
 * The lowest score p of a column whose higher votes hold less than κ of the stake, by a weighted
 * quickselect: the votes are split around a pivot score into higher, equal and lower ones; when
 * the pivot qualifies, the answer is the pivot or lower (and the higher and equal votes are above
 * the rest), otherwise it is higher. When no score qualifies (κ ≤ 0) the highest stands; when 0
 * qualifies and some voters gave nothing (`zeroVotes`), 0. Reorders `score` and `stake` together.
 * Stake is summed in the order the selection meets the votes: only a sum that falls exactly on κ
 * (equal stakes, κ = 0.5) could come out either side of it, in any order of summation.
 */
function quantileFromTop(
  score: Float64Array,
  stake: Float64Array,
  zeroVotes: boolean,
  kappa: number,
): number {
  if (zeroVotes && sum(stake) < kappa) return 0;
  let consensus = -1;
  let above = 0;
  let [low, high] = [0, score.length];
  while (low < high) {
    // [low, higher): above the pivot; [higher, lower): equal to it; [lower, high): below it.
    const pivot = score[(low + high) >>> 1];
    let [higher, lower] = [low, high];
    let [higherStake, equalStake] = [0, 0];
    for (let k = low; k < lower;) {
      if (score[k] > pivot) {
        higherStake += stake[k];
        swap(score, stake, k++, higher++);
      } else if (score[k] < pivot) swap(score, stake, k, --lower);
      else equalStake += stake[k++];
    }
    if (above + higherStake < kappa) {
      consensus = pivot;
      above += higherStake + equalStake;
      low = lower;
    } else high = higher;
  }
  return consensus >= 0 ? consensus : score.reduce((highest, value) => Math.max(highest, value), 0);
}

function swap(score: Float64Array, stake: Float64Array, a: number, b: number): void {
  const [scoreA, stakeA] = [score[a], stake[a]];
  score[a] = score[b];
  stake[a] = stake[b];
  score[b] = scoreA;
  stake[b] = stakeA;
}

/**
 * The voting rows' non-zero scores regrouped by column (compressed sparse columns): column j's votes
 * are `start[j]` to `start[j + 1]`, in row order, each with its voter's stake.
 */
interface Votes {
  readonly start: Int32Array;
  readonly score: Float64Array;
  readonly stake: Float64Array;
}

function votesByColumn(voterStake: Vector, scores: SparseMatrix): Votes {
  const start = new Int32Array(scores.columns + 1);
  scores.rows.forEach(({ indices, values }, i) => {
    if (voterStake[i] > 0)
      for (let k = 0; k < indices.length; k += 1) if (values[k] > 0) start[indices[k] + 1] += 1;
  });
  for (let j = 0; j < scores.columns; j += 1) start[j + 1] += start[j];
  const next = start.slice(0, scores.columns);
  const score = new Float64Array(start[scores.columns]);
  const stake = new Float64Array(score.length);
  scores.rows.forEach(({ indices, values }, i) => {
    if (voterStake[i] > 0)
      for (let k = 0; k < indices.length; k += 1)
        if (values[k] > 0) {
          score[next[indices[k]]] = values[k];
          stake[next[indices[k]]++] = voterStake[i];
        }
  });
  return { start, score, stake };
}

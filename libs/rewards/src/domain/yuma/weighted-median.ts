import { normalize, type SparseMatrix, type Vector } from './matrix.js';

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
 * among its own scores: the rows that gave it nothing are one group, at 0. A column's votes are in
 * row order, whatever the block they are read in, so the selection meets them in the same order.
 */
export function weightedMedianCol(stake: Vector, scores: SparseMatrix, kappa: number): number[] {
  const voterStake = normalize(stake);
  const voting = scores.rows.flatMap((row, i) =>
    voterStake[i] > 0 ? [{ ...row, stake: voterStake[i] }] : [],
  );
  const voters = voting.length;
  const consensus = new Array<number>(scores.columns).fill(0);
  // Columns are read a block at a time: the voting rows' entries in the block are regrouped by
  // column (in row order, as the rows come) into buffers small enough to stay in cache, instead of
  // regrouping the whole matrix. A block holds about BLOCK_VOTES entries at the average density.
  const entries = voting.reduce((total, { indices }) => total + indices.length, 0);
  const block = Math.max(
    1,
    Math.min(scores.columns, Math.floor((BLOCK_VOTES * scores.columns) / Math.max(1, entries))),
  );
  const start = new Int32Array(block + 1);
  const next = new Int32Array(block);
  const cursor = new Int32Array(voters);
  let score = new Float64Array(BLOCK_VOTES);
  let weight = new Float64Array(BLOCK_VOTES);
  for (let first = 0; first < scores.columns; first += block) {
    const end = Math.min(scores.columns, first + block);
    start.fill(0);
    for (let v = 0; v < voters; v += 1) {
      const { indices, values } = voting[v];
      for (let k = cursor[v]; k < indices.length && indices[k] < end; k += 1)
        if (values[k] > 0) start[indices[k] - first + 1] += 1;
    }
    for (let j = 0; j < block; j += 1) start[j + 1] += start[j];
    if (start[block] > score.length) {
      score = new Float64Array(start[block]);
      weight = new Float64Array(start[block]);
    }
    next.set(start.subarray(0, block));
    for (let v = 0; v < voters; v += 1) {
      const { indices, values, stake: rowStake } = voting[v];
      let k = cursor[v];
      for (; k < indices.length && indices[k] < end; k += 1)
        if (values[k] > 0) {
          const at = next[indices[k] - first]++;
          score[at] = values[k];
          weight[at] = rowStake;
        }
      cursor[v] = k;
    }
    for (let j = first; j < end; j += 1) {
      const [from, to] = [start[j - first], start[j - first + 1]];
      consensus[j] = quantileFromTop(score, weight, from, to, to - from < voters, kappa);
    }
  }
  return consensus;
}

/** Votes regrouped per block of columns in `weightedMedianCol`: about a megabyte with their stakes. */
const BLOCK_VOTES = 65_536;

/**
 * The lowest score p of a column whose higher votes hold less than κ of the stake, by a weighted
 * quickselect over the column's votes `[from, to)`: they are split around a pivot score into higher,
 * equal and lower ones; when the pivot qualifies, the answer is the pivot or lower (and the higher
 * and equal votes are above the rest), otherwise it is higher. When no score qualifies (κ ≤ 0) the
 * highest stands; when 0 qualifies and some voters gave nothing (`zeroVotes`), 0. Reorders `score`
 * and `stake` together. Stake is summed in the order the selection meets the votes: only a sum
 * that falls exactly on κ (equal stakes, κ = 0.5) could come out either side of it, in any order of
 * summation.
 */
function quantileFromTop(
  score: Float64Array,
  stake: Float64Array,
  from: number,
  to: number,
  zeroVotes: boolean,
  kappa: number,
): number {
  if (zeroVotes) {
    let total = 0;
    for (let k = from; k < to; k += 1) total += stake[k];
    if (total < kappa) return 0;
  }
  let consensus = -1;
  let above = 0;
  let low = from;
  let high = to;
  while (low < high) {
    // [low, higher): above the pivot; [higher, lower): equal to it; [lower, high): below it.
    const pivot = score[(low + high) >>> 1];
    let higher = low;
    let lower = high;
    let higherStake = 0;
    let equalStake = 0;
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
  if (consensus >= 0) return consensus;
  let highest = 0;
  for (let k = from; k < to; k += 1) highest = Math.max(highest, score[k]);
  return highest;
}

function swap(score: Float64Array, stake: Float64Array, a: number, b: number): void {
  const scoreA = score[a];
  const stakeA = stake[a];
  score[a] = score[b];
  stake[a] = stake[b];
  score[b] = scoreA;
  stake[b] = stakeA;
}

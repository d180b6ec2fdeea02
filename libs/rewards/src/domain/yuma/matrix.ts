/**
 * The dense vector and matrix steps of subtensor's `math.rs` that Yuma Consensus is built from, in
 * float64. Every function returns a new array; inputs are never mutated. Matrices are row-major and
 * square (n×n) wherever the epoch uses them.
 */

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

export const sum = (x: Vector): number => x.reduce((total, value) => total + value, 0);

export const dot = (x: Vector, y: Vector): number => x.reduce((total, value, i) => total + value * y[i], 0);

export const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

export const zeros = (rows: number, columns = rows): number[][] =>
  Array.from({ length: rows }, () => new Array<number>(columns).fill(0));

/** `x / Σx`; a vector summing to zero is returned unchanged (`inplace_normalize`). */
export function normalize(x: Vector): number[] {
  const total = sum(x);
  return total === 0 ? [...x] : x.map((value) => value / total);
}

/** Each row divided by its sum; all-zero rows stay zero (`inplace_row_normalize`). */
export const rowNormalize = (m: Matrix): number[][] => m.map(normalize);

/** Each column divided by its sum; all-zero columns stay zero (`inplace_col_normalize`). */
export function colNormalize(m: Matrix): number[][] {
  const totals = columnFold(m, (total, value) => total + value);
  return m.map((row) => row.map((value, j) => (totals[j] === 0 ? value : value / totals[j])));
}

/** Each column divided by its maximum, so the largest entry is 1 (`inplace_col_max_upscale`). */
export function colMaxUpscale(m: Matrix): number[][] {
  const maxima = columnFold(m, Math.max);
  return m.map((row) => row.map((value, j) => (maxima[j] === 0 ? value : value / maxima[j])));
}

/** `r_j = Σ_i x_i · m_ij`: the column sums of the rows weighted by x (`matmul`). */
export function weightedColumnSums(m: Matrix, x: Vector): number[] {
  const result = new Array<number>(m[0]?.length ?? 0).fill(0);
  m.forEach((row, i) => row.forEach((value, j) => (result[j] += x[i] * value)));
  return result;
}

/** `(1 − ratio) · a + ratio · b`, exact at ratio 0 and 1 (`interpolate`). */
export const interpolate = (a: Matrix, b: Matrix, ratio: number): number[][] =>
  a.map((row, i) => row.map((value, j) => (1 - ratio) * value + ratio * b[i][j]));

function columnFold(m: Matrix, fold: (accumulated: number, value: number) => number): number[] {
  const result = new Array<number>(m[0]?.length ?? 0).fill(0);
  for (const row of m) row.forEach((value, j) => (result[j] = fold(result[j], value)));
  return result;
}
